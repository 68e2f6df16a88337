import { useEffect, useState } from 'react';
import type { CinemaTerminal } from '../../../../shared/contract';
import { useOperation } from '../../api/use-operation';
import { DataTable } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { Panel } from '../../components/Panel';
import { formatRelative } from '../../format/time';
import { useSession } from '../../stores/session';
import { EnrolmentPanel } from './EnrolmentPanel';

/** What the centre last heard from a terminal, in a manager's words. */
function lastSeenWords(t: CinemaTerminal, nowMs: number): string {
  if (t.revoked) return 'Removed';
  if (!t.lastSeenAt) return 'Not synced yet';
  return formatRelative(Date.parse(t.lastSeenAt), nowMs);
}

function waitingWords(t: CinemaTerminal): string {
  if (t.changesWaiting === null) return '—';
  return t.changesWaiting === 0 ? 'all sent' : `${t.changesWaiting} waiting`;
}

/** Every terminal of this cinema as the central database knows it; administrators enrol more here. */
export function TerminalsPanel() {
  const role = useSession((s) => s.user?.role);
  const list = useOperation('sync.terminals', {}, { refreshMs: 10_000 });
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [list.data]);
  const data = list.data;
  return (
    <Panel title="Terminals of this cinema" testId="sync-terminals">
      {!data ? (
        list.error ? (
          <p className="muted" data-testid="sync-terminals-unavailable">
            {list.error instanceof Error ? list.error.message : 'The central database cannot be asked right now.'}
          </p>
        ) : (
          <Loading label="Asking the central database…" />
        )
      ) : (
        <>
          <DataTable caption="Terminals of this cinema, as the central database knows them" columns={['Terminal', 'Last seen', { label: 'Changes', numeric: true }]} testId="sync-terminal-list">
            {data.terminals.map((t) => (
              <tr key={t.terminalId} data-testid="sync-terminal-row">
                <td>
                  {t.name || <span className="muted">(no name)</span>}
                  {t.thisTerminal && <span className="muted"> · this terminal</span>}
                </td>
                <td title={t.lastSeenAt ?? undefined}>{lastSeenWords(t, nowMs)}</td>
                <td className="num">{waitingWords(t)}</td>
              </tr>
            ))}
          </DataTable>
          {role === 'ADMIN' && <EnrolmentPanel mayEnrol={data.mayEnrol} onIssued={list.reload} />}
        </>
      )}
    </Panel>
  );
}
