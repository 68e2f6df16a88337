import { useEffect, useRef, useState } from 'react';
import type { PrintDocuments, PrintResult } from '../../../../shared/contract';
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

function where(result: PrintResult): string {
  return result.jobs.map((j) => `${j.document === 'TICKETS' ? 'Tickets' : 'Receipt'} ${j.where}`).join('; ');
}

/**
 * Printing an order: after a sale it prints at once; a failure shows the printer's real cause and
 * a button to try again (the sale itself is saved whatever the printer does). Reprints and PDFs
 * to save or e-mail sit beside it.
 */
export function PrintButtons({ orderId, autoPrint = false, hasTickets = true }: PrintButtonsProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<PrintResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const printed = useRef(false);

  const print = async (documents: PrintDocuments, reprint: boolean) => {
    setBusy(`print-${documents}`);
    setError(null);
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
          Printed. {where(result)}
        </Notice>
      ) : null}
      {error ? <ErrorBanner error={error} title="Not printed" testId="print-error" /> : null}
      {busy === 'print-ALL' && !result && !error ? <p className="muted">Printing…</p> : null}
      <div className="print-actions">
        {hasTickets && (
          <Button onClick={() => void print('TICKETS', true)} busy={busy === 'print-TICKETS'} disabled={busy !== null} testId="reprint-tickets">
            {autoPrint ? 'Print tickets again' : 'Reprint tickets'}
          </Button>
        )}
        <Button onClick={() => void print('RECEIPT', true)} busy={busy === 'print-RECEIPT'} disabled={busy !== null} testId="reprint-receipt">
          {autoPrint ? 'Print receipt again' : 'Reprint receipt'}
        </Button>
        {hasTickets && (
          <Button variant="ghost" onClick={() => void pdf('TICKETS')} busy={busy === 'pdf-TICKETS'} disabled={busy !== null} testId="pdf-tickets">
            Tickets as PDF
          </Button>
        )}
        <Button variant="ghost" onClick={() => void pdf('RECEIPT')} busy={busy === 'pdf-RECEIPT'} disabled={busy !== null} testId="pdf-receipt">
          Receipt as PDF
        </Button>
      </div>
    </div>
  );
}
