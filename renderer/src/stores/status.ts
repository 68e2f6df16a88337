import { create } from 'zustand';
import type { SetupStatus, SystemStatus } from '../../../shared/contract';
import { call } from '../api/client';

/**
 * What this terminal is: before sign-in, `setup.status` (first run? demo? which cinema?); after,
 * `system.status` (cinema, terminal, business day) and how far this window's clock is from the
 * terminal's, so the header shows the time sales are stamped with.
 */
export interface StatusState {
  setup: SetupStatus | null;
  system: SystemStatus | null;
  /** Terminal clock minus this window's clock, in ms. */
  clockOffsetMs: number;
  loadSetup(): Promise<SetupStatus>;
  loadSystem(): Promise<SystemStatus>;
  forgetSystem(): void;
}

export const useStatus = create<StatusState>()((set) => ({
  setup: null,
  system: null,
  clockOffsetMs: 0,
  loadSetup: async () => {
    const setup = await call('setup.status');
    set({ setup });
    return setup;
  },
  loadSystem: async () => {
    const sent = Date.now();
    const system = await call('system.status');
    const received = Date.now();
    // The answer was stamped somewhere between sending and receiving: take the middle.
    set({ system, clockOffsetMs: Date.parse(system.now) - Math.round((sent + received) / 2) });
    return system;
  },
  forgetSystem: () => set({ system: null }),
}));

/** The terminal's time now, as the main process sees it. */
export function terminalNow(): number {
  return Date.now() + useStatus.getState().clockOffsetMs;
}
