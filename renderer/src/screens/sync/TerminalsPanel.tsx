import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CinemaTerminal } from '../../../../shared/contract';
import { useOperation } from '../../api/use-operation';
import { DataTable } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { Panel } from '../../components/Panel';
import { formatRelative } from '../../format/time';
import { useSession } from '../../stores/session';
import { EnrolmentPanel } from './EnrolmentPanel';

/** What the centre last heard from a terminal, in a manager's words. */
function lastSeenWords(t: TFunction<'enrolment'>, terminal: CinemaTerminal, nowMs: number): string {
  if (terminal.revoked) return t('terminals.removed');
  if (!terminal.lastSeenAt) return t('terminals.notSynced');
  return formatRelative(Date.parse(terminal.lastSeenAt), nowMs);
}

function waitingWords(t: TFunction<'enrolment'>, terminal: CinemaTerminal): string {
  if (terminal.changesWaiting === null) return '—';
  return terminal.changesWaiting === 0 ? t('terminals.allSent') : t('terminals.waiting', { count: terminal.changesWaiting });
}

/** Every terminal of this cinema as the central database knows it; administrators enrol more here. */
export function TerminalsPanel() {
  const { t } = useTranslation('enrolment');
  const role = useSession((s) => s.user?.role);
  const list = useOperation('sync.terminals', {}, { refreshMs: 10_000 });
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [list.data]);
  const data = list.data;
  return (
    <Panel title={t('terminals.title')} testId="sync-terminals">
      {!data ? (
        list.error ? (
          <p className="muted" data-testid="sync-terminals-unavailable">
            {list.error instanceof Error ? list.error.message : t('terminals.unavailable')}
          </p>
        ) : (
          <Loading label={t('terminals.asking')} />
        )
      ) : (
        <>
          <DataTable caption={t('terminals.caption')} columns={[t('terminals.terminal'), t('terminals.lastSeen'), { label: t('terminals.changes'), numeric: true }]} testId="sync-terminal-list">
            {data.terminals.map((row) => (
              <tr key={row.terminalId} data-testid="sync-terminal-row">
                <td>
                  {row.name || <span className="muted">{t('terminals.noName')}</span>}
                  {row.thisTerminal && <span className="muted"> · {t('terminals.thisTerminal')}</span>}
                </td>
                <td title={row.lastSeenAt ?? undefined}>{lastSeenWords(t, row, nowMs)}</td>
                <td className="num">{waitingWords(t, row)}</td>
              </tr>
            ))}
          </DataTable>
          {role === 'ADMIN' && <EnrolmentPanel mayEnrol={data.mayEnrol} onIssued={list.reload} />}
        </>
      )}
    </Panel>
  );
}
