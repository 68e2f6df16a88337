import { useTranslation } from 'react-i18next';
import { useUnsavedDraft } from '../../shell/unsaved-changes';
import { useState, type FormEvent } from 'react';
import type { ConcessionItemSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
import { bannerFor, fieldErrorsOf } from '../../api/field-errors';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { Panel } from '../../components/Panel';

const DIRECTIONS = ['in', 'out'] as const;

/** A delivery in or waste out of a counted item, with the reason the audit log keeps. */
export function StockForm({ item, onDone }: { item: ConcessionItemSummary; onDone(updated: ConcessionItemSummary | null, message?: string): void }) {
  const { t } = useTranslation(['concessions', 'common']);
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const [pieces, setPieces] = useState('');
  const [reason, setReason] = useState('');
  useUnsavedDraft([direction, pieces, reason]);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    if (!/^\d{1,7}$/.test(pieces.trim()) || Number(pieces) === 0) {
      setErrors({ change: t('stockForm.badPieces') });
      setError(t('stockForm.checkFields'));
      return;
    }
    const change = (direction === 'in' ? 1 : -1) * Number(pieces.trim());
    setBusy(true);
    try {
      const updated = await call('concessions.adjustStock', { itemId: item.id, change, reason });
      onDone(updated, t(direction === 'in' ? 'stockForm.booked' : 'stockForm.bookedOut', { name: item.name, pieces: Math.abs(change), stock: updated.stock }));
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setError(bannerFor(err, ['change', 'reason']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t('stockForm.title', { name: item.name })} testId="stock-form">
      <form
        className="form"
        onSubmit={(e) => void submit(e)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone(null);
        }}
        noValidate
        aria-label={t('stockForm.label', { name: item.name })}
      >
        <p className="stock-now">
          {t('stockForm.now')} <strong data-testid="stock-now">{item.stock}</strong>
        </p>
        <ErrorBanner error={error} testId="stock-error" />
        <div className="segmented" role="radiogroup" aria-label={t('stockForm.direction')}>
          {DIRECTIONS.map((d) => (
            <label key={d} className={direction === d ? 'segment is-on' : 'segment'}>
              <input type="radio" name="stock-direction" value={d} checked={direction === d} onChange={() => setDirection(d)} data-testid={`stock-${d}`} />
              {d === 'in' ? t('stockForm.in') : t('stockForm.out')}
            </label>
          ))}
        </div>
        <TextField
          label={t('stockForm.pieces')}
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          value={pieces}
          onChange={(e) => {
            setPieces(e.target.value);
            setErrors((x) => ({ ...x, change: undefined }));
          }}
          error={errors.change}
          testId="stock-pieces"
        />
        <TextField
          label={t('stockForm.reason')}
          autoComplete="off"
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setErrors((x) => ({ ...x, reason: undefined }));
          }}
          error={errors.reason}
          hint={t('stockForm.reasonHint')}
          testId="stock-reason"
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="stock-save">
            {t('stockForm.save')}
          </Button>
          <Button variant="ghost" onClick={() => onDone(null)} shortcut="Esc" testId="stock-cancel">
            {t('common:action.cancel')}
          </Button>
        </div>
      </form>
    </Panel>
  );
}
