import type { HybridLogicalClock } from './hlc';

/** The columns every synced row carries: when (HLC) and where (terminal) it was last written. */
export interface SyncStamp {
  updated_at: string;
  origin: string;
}

export function stamp(hlc: HybridLogicalClock, terminalId: string): SyncStamp {
  return { updated_at: hlc.now(), origin: terminalId };
}
