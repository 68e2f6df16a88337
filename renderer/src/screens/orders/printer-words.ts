import type { CupsPrinterInfo } from '../../../../shared/contract';
import type { Words } from '../../../../shared/i18n/create-i18n';

/** A CUPS queue's state in a few words: ready / printing / paused, rejecting jobs, and what it last said (CUPS's own words). */
export function queueWord(p: CupsPrinterInfo, t: Words): string {
  const state = t(p.state === 'STOPPED' ? 'orders:printers.queue.paused' : p.state === 'PRINTING' ? 'orders:printers.queue.printing' : 'orders:printers.queue.ready');
  const accepting = p.accepting ? '' : t('orders:printers.queue.rejecting');
  const problems = p.reasons.filter((r) => r !== 'paused');
  return `${state}${accepting}${problems.length ? ` (${problems.join(', ')})` : ''}${p.message ? ` — ${p.message}` : ''}`;
}
