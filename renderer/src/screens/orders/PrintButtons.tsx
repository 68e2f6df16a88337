import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Words } from '../../../../shared/i18n/create-i18n';
import type { PendingPrintJob, PrintDocuments, PrintResult } from '../../../../shared/contract';
import { ApiCallError } from '../../api/api-call-error';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Notice } from '../../components/Notice';
import { deliverFile } from '../../files/deliver-file';

export interface PrintButtonsProps {
  orderId: string;
  /** Print tickets and receipt at once (right after a sale). */
  autoPrint?: boolean;
  /** The order has live tickets (a refunded order only has its receipt). */
  hasTickets?: boolean;
}

/** Jobs a PRINT_FAILED answer says are still queued (cause NOT_PRINTED_YET): they may still print, so they can be cancelled. */
function pendingJobs(error: unknown): PendingPrintJob[] {
  if (!(error instanceof ApiCallError) || error.code !== 'PRINT_FAILED') return [];
  const pending = error.details?.pending;
  return Array.isArray(pending) ? (pending as PendingPrintJob[]) : [];
}

function where(result: PrintResult, t: Words): string {
  return result.jobs.map((j) => t(j.document === 'TICKETS' ? 'orders:print.tickets' : 'orders:print.receipt', { where: j.where })).join('; ');
}

/**
 * Printing an order: after a sale it prints at once; a failure shows the printer's real cause and
 * a button to try again (the sale itself is saved whatever the printer does). Reprints and PDFs
 * to save or e-mail sit beside it.
 */
export function PrintButtons({ orderId, autoPrint = false, hasTickets = true }: PrintButtonsProps) {
  const { t } = useTranslation('orders');
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<PrintResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState<string | null>(null);
  const printed = useRef(false);
  const pending = pendingJobs(error);

  const cancel = async () => {
    setBusy('cancel');
    try {
      for (const job of pending) await call('printing.cancelJob', { job: job.job });
      setCancelled(t('print.cancelled', { count: pending.length, jobs: pending.map((j) => j.job).join(', ') }));
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const print = async (documents: PrintDocuments, reprint: boolean) => {
    setBusy(`print-${documents}`);
    setError(null);
    setCancelled(null);
    try {
      setResult(await call(reprint ? 'printing.reprint' : 'printing.printOrder', { orderId, documents }));
    } catch (e) {
      setResult(null);
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const pdf = async (document: 'TICKETS' | 'RECEIPT') => {
    setBusy(`pdf-${document}`);
    setError(null);
    try {
      deliverFile(await call('printing.orderPdf', { orderId, document, paper: 'A4' }), 'save');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  useEffect(() => {
    if (!autoPrint || printed.current) return;
    printed.current = true;
    void print(hasTickets ? 'ALL' : 'RECEIPT', false);
    // Once per order, right after the sale.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orderId]);

  return (
    <div className="print-buttons" data-testid="print-buttons">
      {result ? (
        <Notice tone="success" testId="print-status">
          {t('print.printed', { where: where(result, t) })}
        </Notice>
      ) : null}
      {error ? <ErrorBanner error={error} title={pending.length ? t('print.notYet') : t('print.not')} testId="print-error" /> : null}
      {pending.length > 0 && (
        <Button variant="danger" onClick={() => void cancel()} busy={busy === 'cancel'} disabled={busy !== null} testId="cancel-print-job">
          {t('print.cancel', { count: pending.length })}
        </Button>
      )}
      {cancelled ? <Notice tone="info">{cancelled}</Notice> : null}
      {busy === 'print-ALL' && !result && !error ? <p className="muted">{t('print.printing')}</p> : null}
      <div className="print-actions">
        {hasTickets && (
          <Button onClick={() => void print('TICKETS', true)} busy={busy === 'print-TICKETS'} disabled={busy !== null} testId="reprint-tickets">
            {autoPrint ? t('print.ticketsAgain') : t('print.reprintTickets')}
          </Button>
        )}
        <Button onClick={() => void print('RECEIPT', true)} busy={busy === 'print-RECEIPT'} disabled={busy !== null} testId="reprint-receipt">
          {autoPrint ? t('print.receiptAgain') : t('print.reprintReceipt')}
        </Button>
        {hasTickets && (
          <Button variant="ghost" onClick={() => void pdf('TICKETS')} busy={busy === 'pdf-TICKETS'} disabled={busy !== null} testId="pdf-tickets">
            {t('print.ticketsPdf')}
          </Button>
        )}
        <Button variant="ghost" onClick={() => void pdf('RECEIPT')} busy={busy === 'pdf-RECEIPT'} disabled={busy !== null} testId="pdf-receipt">
          {t('print.receiptPdf')}
        </Button>
      </div>
    </div>
  );
}
