import { useCallback, useEffect, useState } from 'react';
import type { InputOf, OperationName, ResultOf } from '../../../shared/contract';
import { call } from './client';

export interface OperationState<T> {
  data: T | undefined;
  /** The last failure; the data of the last success stays shown beside it. */
  error: unknown;
  loading: boolean;
  reload(): void;
}

/**
 * Reads an operation's result for a screen, again whenever the input changes, and every
 * `refreshMs` if given (seats sold change while the cashier looks).
 */
export function useOperation<N extends OperationName>(
  op: N,
  input: InputOf<N>,
  options: { refreshMs?: number } = {},
): OperationState<ResultOf<N>> {
  const key = JSON.stringify([op, input]);
  const { refreshMs } = options;
  const [state, setState] = useState<{ key: string; data?: ResultOf<N>; error?: unknown; loading: boolean }>({ key, loading: true });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    const [o, i] = JSON.parse(key) as [N, InputOf<N>];
    const run = () => {
      (call as (op: N, input: InputOf<N>) => Promise<ResultOf<N>>)(o, i).then(
        (data) => live && setState({ key, data, loading: false }),
        (error: unknown) => live && setState((s) => ({ key, data: s.key === key ? s.data : undefined, error, loading: false })),
      );
    };
    run();
    const timer = refreshMs ? setInterval(run, refreshMs) : undefined;
    return () => {
      live = false;
      if (timer) clearInterval(timer);
    };
  }, [key, round, refreshMs]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: !current || state.loading,
    reload,
  };
}
