import { useState, type FormEvent } from 'react';
import type { ConcessionItemSummary } from '../../../../shared/contract';
import { minorDigits } from '../../../../shared/money';
import { call } from '../../api/client';
import { bannerFor, fieldErrorsOf } from '../../api/field-errors';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { Panel } from '../../components/Panel';
import { formatDecimal, parseDecimal, parseOptionalCount, parsePercent, percentText } from '../../format/amount-input';
import { useUnsavedDraft } from '../../shell/unsaved-changes';
import { useTranslation } from 'react-i18next';

interface Draft {
  name: string;
  category: string;
  price: string;
  vat: string;
  trackStock: boolean;
  stock: string;
}

type FieldName = 'name' | 'category' | 'price' | 'vatBp' | 'stock';

export interface ItemEditorProps {
  item: ConcessionItemSummary | null;
  categories: string[];
  currency: string;
  onSaved(item: ConcessionItemSummary, created: boolean): void;
  onCancel(): void;
}

/** A concession item's name, category, price and VAT; a new item may start with a counted stock. */
export function ItemEditor({ item, categories, currency, onSaved, onCancel }: ItemEditorProps) {
  const { t } = useTranslation(['concessions', 'common']);
  const digits = minorDigits(currency);
  const [draft, setDraft] = useState<Draft>(() =>
    item
      ? { name: item.name, category: item.category, price: formatDecimal(item.price, digits), vat: percentText(item.vatBp), trackStock: item.stock !== null, stock: '' }
      : { name: '', category: '', price: '', vat: '', trackStock: false, stock: '' },
  );
  useUnsavedDraft(draft);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors((x) => ({ ...x, [k === 'vat' ? 'vatBp' : k]: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    const local: Partial<Record<FieldName, string>> = {};
    const price = parseDecimal(draft.price, digits);
    if (price === null) local.price = t('editor.badPrice', { example: formatDecimal(450, digits) });
    const vatBp = parsePercent(draft.vat);
    if (vatBp === null) local.vatBp = t('editor.badVat');
    const stock = !item && draft.trackStock ? (parseOptionalCount(draft.stock) ?? 0) : null;
    if (stock !== null && Number.isNaN(stock)) local.stock = t('editor.badStock');
    if (Object.keys(local).length) {
      setErrors(local);
      setError(t('editor.checkFields'));
      return;
    }
    setBusy(true);
    try {
      const base = { name: draft.name, category: draft.category, price: price!, vatBp: vatBp! };
      const saved = item
        ? await call('concessions.updateItem', { ...base, itemId: item.id, trackStock: draft.trackStock })
        : await call('concessions.createItem', { ...base, stock });
      onSaved(saved, !item);
    } catch (err) {
      setErrors(fieldErrorsOf(err) as Partial<Record<FieldName, string>>);
      setError(bannerFor(err, ['name', 'category', 'price', 'vatBp', 'stock']));
    } finally {
      setBusy(false);
    }
  };

  const title = item ? t('editor.editTitle', { name: item.name }) : t('editor.newTitle');
  return (
    <Panel title={title} testId="item-editor">
      <form
        className="form"
        onSubmit={(e) => void submit(e)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && item) onCancel();
        }}
        noValidate
        aria-label={title}
      >
        <ErrorBanner error={error} testId="item-error" />
        <TextField label={t('editor.name')} autoComplete="off" value={draft.name} onChange={(e) => set('name', e.target.value)} error={errors.name} testId="item-name" />
        <TextField
          label={t('editor.category')}
          autoComplete="off"
          list="concession-categories"
          value={draft.category}
          onChange={(e) => set('category', e.target.value)}
          error={errors.category}
          hint={t('editor.categoryHint')}
          testId="item-category"
        />
        <datalist id="concession-categories">
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <div className="form-row">
          <TextField
            label={t('editor.price', { currency })}
            inputMode="decimal"
            autoComplete="off"
            value={draft.price}
            onChange={(e) => set('price', e.target.value)}
            error={errors.price}
            hint={t('editor.priceHint')}
            testId="item-price"
          />
          <TextField label={t('editor.vat')} inputMode="decimal" autoComplete="off" value={draft.vat} onChange={(e) => set('vat', e.target.value)} error={errors.vatBp} testId="item-vat" />
        </div>
        <label className="check-line">
          <input type="checkbox" checked={draft.trackStock} onChange={(e) => set('trackStock', e.target.checked)} data-testid="item-track-stock" />
          <span>{t('editor.trackStock')}</span>
        </label>
        {item
          ? draft.trackStock !== (item.stock !== null) && (
              <p className="field-hint">
                {draft.trackStock ? t('editor.countFromZero') : t('editor.countForgotten', { count: item.stock ?? 0 })}
              </p>
            )
          : draft.trackStock && (
              <TextField
                label={t('editor.stockNow')}
                inputMode="numeric"
                autoComplete="off"
                value={draft.stock}
                onChange={(e) => set('stock', e.target.value)}
                error={errors.stock}
                testId="item-stock"
              />
            )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="item-save">
            {item ? t('editor.save') : t('editor.add')}
          </Button>
          {item && (
            <Button variant="ghost" onClick={onCancel} shortcut="Esc" testId="item-cancel">
              {t('common:action.cancel')}
            </Button>
          )}
        </div>
      </form>
    </Panel>
  );
}
