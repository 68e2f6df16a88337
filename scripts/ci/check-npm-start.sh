#!/usr/bin/env bash
# Runs the README's `npm start` on a fresh data folder where Electron cannot be downloaded (or no
# display exists) and checks over HTTP that the box office is served: the page, the contract, and a
# demo sign-in. Exits non-zero, with the start's output, when it is not.
set -uo pipefail
cd "$(dirname "$0")/../.."
data=$(mktemp -d)
log=$(mktemp)
BOX_OFFICE_DATA_DIR="$data" setsid npm start -- --port 5199 >"$log" 2>&1 &
pid=$!
stop() { kill -- -"$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$data"; }
url=http://127.0.0.1:5199
for _ in $(seq 1 180); do
  if curl -fsS "$url/api/contract" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 1
done
ok=1
curl -fsS "$url/" | grep -q '<div id="root"' || ok=0
answer=$(curl -fsS -H 'content-type: application/json' -H "origin: $url" -d '{"username":"cashier","password":"cashier1234"}' "$url/api/auth.login" 2>&1)
echo "$answer" | grep -q '"ok":true' || ok=0
if [ "$ok" = 1 ]; then
  echo "npm start served the box office at $url/ (page, API and demo sign-in answered)"
  grep -m1 'Starting in the browser' "$log" || true
  stop
  exit 0
fi
echo "npm start did not serve the box office; its output:"
cat "$log"
echo "sign-in answer: $answer"
stop
exit 1
