import { useCallback, useState } from 'react';

export interface RowAction {
  /** What the last action did, in the manager's words. */
  notice: string | null;
  /** Shows what just happened (e.g. a form beside the list saved); a notice replaces the last error. */
  setNotice(notice: string | null): void;
  /** The last action's failure, shown as the server said it. */
  error: unknown;
  /** Forgets the last notice and error (the user turned to something else). */
  clear(): void;
  /** The row an action is running on (its buttons show busy). */
  busyId: string | null;
  /** Runs an action on a row: clears the last notice and error, shows what it returns, reloads the list. */
  run(rowId: string, action: () => Promise<string>): Promise<void>;
}

/** The notice / error / busy row that every managed list (halls, films, promocodes, staff…) keeps for its row buttons. */
export function useRowAction(reload: () => void): RowAction {
  const [notice, setNoticeOnly] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const setNotice = useCallback((next: string | null) => {
    setNoticeOnly(next);
    if (next) setError(null);
  }, []);
  const run = useCallback(
    async (rowId: string, action: () => Promise<string>) => {
      setBusyId(rowId);
      setNoticeOnly(null);
      setError(null);
      try {
        setNoticeOnly(await action());
        reload();
      } catch (e) {
        setError(e);
      } finally {
        setBusyId(null);
      }
    },
    [reload],
  );
  const clear = useCallback(() => {
    setNoticeOnly(null);
    setError(null);
  }, []);
  return { notice, setNotice, error, clear, busyId, run };
}
