// `npm start`: the box office on the demo cinema, always.
// The desktop app: 1. the Electron binary (downloaded here on first use — `npm install` never
// fetches it, so installs work wherever the npm registry does), 2. better-sqlite3 built for
// Electron's ABI (kept apart from the Node build the tests use), 3. fresh renderer and Electron
// bundles, 4. launch. Where any of that is impossible (no display, no download, no compiler): one
// line saying why, then the same app in the browser over the loopback bridge.
// `npm start -- --browser` asks for the browser directly.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseStartMode, hasDisplay } from './start/start-mode.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const modules = join(root, 'node_modules');
const require = createRequire(import.meta.url);

function fail(message) {
  console.error(`\n[start] ${message}\n`);
  process.exit(1);
}

/** Thrown where the desktop app cannot be prepared; the browser takes over with this reason. */
class NoDesktop extends Error {}

/** Runs a command in the foreground; true when it exited with 0. */
function run(command, args, cwd = root) {
  console.log(`[start] ${command === process.execPath ? 'node' : command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: false, timeout: 10 * 60_000 });
  return result.status === 0;
}

const node = (script, args, cwd) => run(process.execPath, [script, ...args], cwd);

// 1. Electron's binary: its install script is denied in package.json's allowScripts, so that
// `npm install` succeeds behind a registry mirror; it runs here, the first time it is needed.
function ensureElectronBinary() {
  const electronDir = join(modules, 'electron');
  const pathFile = join(electronDir, 'path.txt');
  const installed = () => existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
  if (installed()) return { ok: true };
  console.log('[start] Electron binary missing, downloading it (first start)…');
  // Its own ELECTRON_SKIP_BINARY_DOWNLOAD would make the script a no-op here.
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, env, encoding: 'utf8', timeout: 10 * 60_000 });
  if (result.status === 0 && installed()) return { ok: true };
  const cause = `${result.stderr ?? ''}`.match(/(ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET|\b\d{3}\b[^\n]*)/)?.[0];
  return { ok: false, why: `the Electron binary could not be downloaded${cause ? ` (${cause})` : ''}` };
}

// 2. A copy of better-sqlite3 built for Electron; node_modules/better-sqlite3/build stays Node's.
function ensureElectronSqlite() {
  const electronVersion = require('electron/package.json').version;
  const sqliteVersion = require('better-sqlite3/package.json').version;
  const arch = process.arch;
  const dir = join(root, '.electron-native', 'better-sqlite3');
  const binding = join(dir, 'build', 'Release', 'better_sqlite3.node');
  const stamp = join(dir, '.built-for');
  const wanted = `better-sqlite3@${sqliteVersion} electron@${electronVersion} ${process.platform}-${arch}`;
  if (existsSync(binding) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return binding;

  console.log(`[start] Building better-sqlite3 for Electron ${electronVersion} (${arch})…`);
  rmSync(dir, { recursive: true, force: true });
  // Without the Node build, so a failed Electron build can never pass for a good one.
  const source = join(modules, 'better-sqlite3');
  cpSync(source, dir, { recursive: true, filter: (path) => path !== join(source, 'build') });
  const prebuilt = node(
    join(modules, 'prebuild-install', 'bin.js'),
    ['--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--verbose'],
    dir,
  );
  const built =
    (prebuilt && existsSync(binding)) ||
    node(
      join(modules, 'node-gyp', 'bin', 'node-gyp.js'),
      ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'],
      dir,
    );
  if (!built || !existsSync(binding)) {
    throw new NoDesktop('better-sqlite3 could not be built for Electron (no prebuilt download and no compiler/headers)');
  }
  writeFileSync(stamp, wanted);
  return binding;
}

// 3. Rebuild outputs that are missing or older than any of their sources.
function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules') visit(join(path, entry));
    } else if (!/\.test\.tsx?$/.test(path)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  paths.forEach((p) => visit(join(root, p)));
  return newest;
}

function isStale(outputs, sources) {
  const paths = outputs.map((o) => join(root, o));
  if (!paths.every(existsSync)) return true;
  const oldest = Math.min(...paths.map((p) => statSync(p).mtimeMs));
  return newestMtime(sources) > oldest;
}

function ensureBuilds() {
  if (isStale(['dist/renderer/index.html'], ['renderer', 'shared', 'vite.config.ts', 'package.json'])) {
    if (!node(join(modules, 'vite', 'bin', 'vite.js'), ['build'])) fail('The renderer build failed.');
  }
  const bundles = ['dist-electron/main.cjs', 'dist-electron/preload.cjs'];
  if (isStale(bundles, ['electron', 'shared', 'migrations', 'scripts/build-electron.mjs', 'package.json'])) {
    if (!node(join(root, 'scripts', 'build-electron.mjs'), [])) fail('The Electron build failed.');
  }
}

// 4. Launch Electron on this folder, demo cinema on unless asked otherwise.
function launch(binding) {
  const electron = require('electron'); // the binary's path when required from Node
  const passed = process.argv.slice(2);
  const demo = !passed.includes('--no-demo');
  const args = [root, ...(demo ? ['--demo'] : []), ...passed.filter((a) => a !== '--no-demo')];
  const env = { ...process.env, BOX_OFFICE_SQLITE_BINDING: binding, ...(demo ? {} : { BOX_OFFICE_DEMO: '0' }) };
  delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node
  const child = spawn(electron, args, { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

// The browser fallback: the same UI and core over the loopback bridge, on the demo cinema.
function startInBrowser(why, openBrowser) {
  console.log(`[start] Starting in the browser instead of the desktop app: ${why}.`);
  const passed = process.argv.slice(2).filter((a) => a !== '--browser' && a !== '--no-demo');
  const demo = !process.argv.includes('--no-demo');
  const args = [
    join(modules, 'tsx', 'dist', 'cli.mjs'),
    join(root, 'electron', 'bridge', 'start-browser.ts'),
    ...(demo ? ['--demo'] : []),
    ...(openBrowser ? ['--open'] : []),
    ...passed,
  ];
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const choice = chooseStartMode({
  display: hasDisplay(process.platform, process.env),
  forceBrowser: process.argv.includes('--browser'),
  electron: ensureElectronBinary,
});
if (choice.mode === 'browser') {
  startInBrowser(choice.why, choice.openBrowser);
} else {
  try {
    const binding = ensureElectronSqlite();
    ensureBuilds();
    launch(binding);
  } catch (e) {
    if (!(e instanceof NoDesktop)) throw e;
    startInBrowser(e.message, true);
  }
}
