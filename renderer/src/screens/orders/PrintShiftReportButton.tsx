import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Notice } from '../../components/Notice';

/** Prints the shift's X report (open) or Z report (closed) on this terminal's printer. */
export function PrintShiftReportButton({ shiftId, closed }: { shiftId: string; closed: boolean }) {
  const { t } = useTranslation('orders');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const print = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await call('printing.printShiftReport', { shiftId });
      setDone(t('print.shiftPrinted', { where: result.jobs[0]?.where ?? result.printer }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="print-buttons">
      <Button onClick={() => void print()} busy={busy} testId="print-shift-report">
        {closed ? t('print.shiftZ') : t('print.shiftX')}
      </Button>
      {done && <Notice tone="success">{done}</Notice>}
      <ErrorBanner error={error} title={t('print.not')} />
    </div>
  );
}
