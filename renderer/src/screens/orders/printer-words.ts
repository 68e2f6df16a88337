import type { CupsPrinterInfo, Paper } from '../../../../shared/contract';

const PAPER_WORD: Record<Paper, string> = {
  THERMAL_80: '80 mm thermal roll',
  A4: 'A4',
  TICKET_2X5_5: 'Ticket stock 2″ × 5.5″',
  TICKET_3_25X8: 'Ticket stock 3.25″ × 8″',
};

export const paperWord = (paper: Paper): string => PAPER_WORD[paper];

/** A CUPS queue's state in a few words: ready / printing / paused, rejecting jobs, and what it last said. */
export function queueWord(p: CupsPrinterInfo): string {
  const state = p.state === 'STOPPED' ? 'paused' : p.state === 'PRINTING' ? 'printing' : 'ready';
  const accepting = p.accepting ? '' : ', rejecting jobs';
  const problems = p.reasons.filter((r) => r !== 'paused');
  return `${state}${accepting}${problems.length ? ` (${problems.join(', ')})` : ''}${p.message ? ` — ${p.message}` : ''}`;
}
