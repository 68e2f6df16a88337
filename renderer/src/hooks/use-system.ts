import type { SystemStatus } from '../../../shared/contract';
import { useStatus } from '../stores/status';

/** The signed-in shell's terminal, cinema and business day; screens render only once it is loaded. */
export function useSystem(): SystemStatus {
  const system = useStatus((s) => s.system);
  if (!system) throw new Error('useSystem() is for screens inside the signed-in shell.');
  return system;
}
