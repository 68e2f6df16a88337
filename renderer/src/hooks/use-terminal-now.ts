import { useEffect, useState } from 'react';
import { useStatus } from '../stores/status';

/**
 * The terminal's clock, re-rendering every `everyMs` (aligned to the second, so a clock ticks
 * with the seconds rather than drifting between them).
 */
export function useTerminalNow(everyMs = 1000): number {
  const offset = useStatus((s) => s.clockOffsetMs);
  const [local, setLocal] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const now = Date.now();
      setLocal(now);
      timer = setTimeout(tick, everyMs - ((now + offset) % everyMs) + 5);
    };
    timer = setTimeout(tick, everyMs - ((Date.now() + offset) % everyMs) + 5);
    return () => clearTimeout(timer);
  }, [everyMs, offset]);
  return local + offset;
}
