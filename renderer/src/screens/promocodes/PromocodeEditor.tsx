import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf, PromocodeFilmOption, PromocodeSummary } from '../../../../shared/contract';
import type { PromocodeKind, PromocodeScope } from '../../../../shared/enums';

/** The sign before a field's message, as the shared fields draw it. */
const WARNING_SIGN = '⚠ ';

/** The scopes in the order a manager reads them: the widest first. */
const SCOPES: readonly PromocodeScope[] = ['ALL', 'TICKETS', 'CONCESSIONS'];
import { minorDigits } from '../../../../shared/money';
import { call, isApiCallError } from '../../api/client';
import { bannerFor, fieldErrorsOf } from '../../api/field-errors';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { Panel } from '../../components/Panel';
import { formatDecimal, parseDecimal, parseOptionalCount, parsePercent, percentText } from '../../format/amount-input';
import { useUnsavedDraft } from '../../shell/unsaved-changes';

interface Draft {
  code: string;
  kind: PromocodeKind;
  value: string;
  validFrom: string;
  validTo: string;
  maxUses: string;
  perCustomerLimit: string;
  minOrder: string;
  appliesTo: PromocodeScope;
  filmIds: string[];
  active: boolean;
}

type FieldName = keyof Draft;
const FIELDS: FieldName[] = ['code', 'kind', 'value', 'validFrom', 'validTo', 'maxUses', 'perCustomerLimit', 'minOrder', 'appliesTo', 'filmIds', 'active'];

function draftOf(p: PromocodeSummary | null, digits: number): Draft {
  if (!p) {
    return { code: '', kind: 'PERCENT', value: '', validFrom: '', validTo: '', maxUses: '', perCustomerLimit: '', minOrder: '', appliesTo: 'ALL', filmIds: [], active: true };
  }
  return {
    code: p.code,
    kind: p.kind,
    value: p.kind === 'PERCENT' ? percentText(p.value) : formatDecimal(p.value, digits),
    validFrom: p.validFrom ?? '',
    validTo: p.validTo ?? '',
    maxUses: p.maxUses === null ? '' : String(p.maxUses),
    perCustomerLimit: p.perCustomerLimit === null ? '' : String(p.perCustomerLimit),
    minOrder: p.minOrder === 0 ? '' : formatDecimal(p.minOrder, digits),
    appliesTo: p.appliesTo,
    filmIds: p.films.map((f) => f.id),
    active: p.active,
  };
}

export interface PromocodeEditorProps {
  /** null: a new code. */
  promocode: PromocodeSummary | null;
  films: PromocodeFilmOption[];
  currency: string;
  onSaved(p: PromocodeSummary, created: boolean): void;
  onCancel(): void;
}

/** Creates or edits a promocode; the main process checks every rule and names the field it refuses. */
export function PromocodeEditor({ promocode, films, currency, onSaved, onCancel }: PromocodeEditorProps) {
  const { t } = useTranslation(['promocodes', 'common', 'enums']);
  const digits = minorDigits(currency);
  const [draft, setDraft] = useState<Draft>(() => draftOf(promocode, digits));
  useUnsavedDraft(draft);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [filmFilter, setFilmFilter] = useState('');

  const set = <K extends FieldName>(k: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: value }));
    setErrors((x) => ({ ...x, [k]: undefined }));
  };
  const text = (k: FieldName) => (e: { target: { value: string } }) => set(k, e.target.value as never);

  const shownFilms = useMemo(() => {
    const f = filmFilter.trim().toLowerCase();
    return films.filter((x) => (x.active || draft.filmIds.includes(x.id)) && (!f || x.title.toLowerCase().includes(f)));
  }, [films, filmFilter, draft.filmIds]);

  /** The typed text as the contract's numbers; what cannot be read is named beside its field. */
  const toInput = (): InputOf<'promocodes.create'> | null => {
    const local: Partial<Record<FieldName, string>> = {};
    const value = draft.kind === 'PERCENT' ? parsePercent(draft.value) : parseDecimal(draft.value, digits);
    if (value === null) local.value = draft.kind === 'PERCENT' ? t('editor.badPercent') : t('editor.badAmount', { example: formatDecimal(500, digits) });
    const minOrder = draft.minOrder.trim() === '' ? 0 : parseDecimal(draft.minOrder, digits);
    if (minOrder === null) local.minOrder = t('editor.badMinOrder', { example: formatDecimal(2000, digits) });
    const maxUses = parseOptionalCount(draft.maxUses);
    if (Number.isNaN(maxUses)) local.maxUses = t('editor.badCount');
    const perCustomerLimit = parseOptionalCount(draft.perCustomerLimit);
    if (Number.isNaN(perCustomerLimit)) local.perCustomerLimit = t('editor.badCount');
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setError(t('editor.checkFields'));
      return null;
    }
    return {
      code: draft.code.trim(),
      kind: draft.kind,
      value: value!,
      validFrom: draft.validFrom || null,
      validTo: draft.validTo || null,
      maxUses,
      perCustomerLimit,
      minOrder: minOrder!,
      appliesTo: draft.appliesTo,
      filmIds: draft.appliesTo === 'CONCESSIONS' ? [] : draft.filmIds,
      active: draft.active,
    };
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    const input = toInput();
    if (!input) return;
    setBusy(true);
    try {
      const saved = promocode ? await call('promocodes.update', { ...input, promocodeId: promocode.id }) : await call('promocodes.create', input);
      onSaved(saved, !promocode);
    } catch (err) {
      const fields = fieldErrorsOf(err) as Partial<Record<FieldName, string>>;
      if (isApiCallError(err) && err.code === 'CONFLICT' && (fields.code || /already exists/.test(err.message))) fields.code = t('editor.exists');
      setErrors(fields);
      setError(bannerFor(err, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const title = promocode ? t('editor.editTitle', { code: promocode.code }) : t('editor.newTitle');
  return (
    <Panel title={title} testId="promocode-editor">
      <form
        className="form"
        onSubmit={(e) => void submit(e)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && promocode) onCancel();
        }}
        noValidate
        aria-label={title}
      >
        <ErrorBanner error={error} testId="promocode-error" />
        <TextField
          label={t('editor.code')}
          hint={t('editor.codeHint')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          className="input-code"
          value={draft.code}
          onChange={(e) => set('code', e.target.value.toUpperCase())}
          error={errors.code}
          testId="promocode-code"
        />
        <div className="form-row">
          <SelectField label={t('editor.kind')} value={draft.kind} onChange={(e) => set('kind', e.target.value as PromocodeKind)} error={errors.kind} testId="promocode-kind">
            <option value="PERCENT">{t('editor.percentOff')}</option>
            <option value="FIXED">{t('editor.amountOff', { currency })}</option>
          </SelectField>
          <TextField
            label={draft.kind === 'PERCENT' ? t('editor.percent') : t('editor.amount', { currency })}
            inputMode="decimal"
            autoComplete="off"
            value={draft.value}
            onChange={text('value')}
            error={errors.value}
            hint={draft.kind === 'PERCENT' ? t('editor.percentHint') : t('editor.amountHint')}
            testId="promocode-value"
          />
        </div>
        <div className="form-row">
          <DateField label={t('editor.validFrom')} value={draft.validFrom} onChange={(v) => set('validFrom', v)} error={errors.validFrom} hint={t('editor.validFromHint')} testId="promocode-valid-from" />
          <DateField label={t('editor.validTo')} value={draft.validTo} onChange={(v) => set('validTo', v)} error={errors.validTo} hint={t('editor.validToHint')} testId="promocode-valid-to" />
        </div>
        <div className="form-row">
          <TextField label={t('editor.maxUses')} inputMode="numeric" autoComplete="off" value={draft.maxUses} onChange={text('maxUses')} error={errors.maxUses} hint={t('editor.noLimit')} testId="promocode-max-uses" />
          <TextField
            label={t('editor.perCustomer')}
            inputMode="numeric"
            autoComplete="off"
            value={draft.perCustomerLimit}
            onChange={text('perCustomerLimit')}
            error={errors.perCustomerLimit}
            hint={t('editor.perCustomerHint')}
            testId="promocode-per-customer"
          />
        </div>
        <div className="form-row">
          <TextField
            label={t('editor.minOrder', { currency })}
            inputMode="decimal"
            autoComplete="off"
            value={draft.minOrder}
            onChange={text('minOrder')}
            error={errors.minOrder}
            hint={t('editor.minOrderHint')}
            testId="promocode-min-order"
          />
          <SelectField label={t('editor.appliesTo')} value={draft.appliesTo} onChange={(e) => set('appliesTo', e.target.value as PromocodeScope)} error={errors.appliesTo} testId="promocode-applies-to">
            {SCOPES.map((s) => (
              <option key={s} value={s}>
                {t(`enums:promocodeScope.${s}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {draft.appliesTo !== 'CONCESSIONS' && (
          <fieldset className={errors.filmIds ? 'field film-picker has-error' : 'field film-picker'} data-testid="promocode-films">
            <legend className="field-label">
              {t('editor.films')} <span className="muted">— {draft.filmIds.length === 0 ? t('editor.everyFilm') : t('editor.chosen', { count: draft.filmIds.length })}</span>
            </legend>
            <input
              className="input input-sm"
              type="search"
              placeholder={t('editor.findFilm')}
              aria-label={t('editor.findFilmLabel')}
              value={filmFilter}
              onChange={(e) => setFilmFilter(e.target.value)}
              data-testid="promocode-film-filter"
            />
            <div className="film-picker-list" role="group" aria-label={t('editor.filmsLabel')}>
              {shownFilms.map((f) => {
                const checked = draft.filmIds.includes(f.id);
                return (
                  <label key={f.id} className={checked ? 'film-option is-checked' : 'film-option'}>
                    <input
                      type="checkbox"
                      checked={checked}
                      onChange={() => set('filmIds', checked ? draft.filmIds.filter((x) => x !== f.id) : [...draft.filmIds, f.id])}
                      data-testid="promocode-film-option"
                      data-title={f.title}
                    />
                    <span>{f.title}</span>
                  </label>
                );
              })}
              {shownFilms.length === 0 && <p className="muted">{t('editor.noFilm')}</p>}
            </div>
            {errors.filmIds && (
              <p className="field-error">
                <span aria-hidden="true">{WARNING_SIGN}</span>
                {errors.filmIds}
              </p>
            )}
          </fieldset>
        )}
        <label className="check-line">
          <input type="checkbox" checked={draft.active} onChange={(e) => set('active', e.target.checked)} data-testid="promocode-active" />
          <span>{t('editor.active')}</span>
        </label>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="promocode-save">
            {promocode ? t('editor.save') : t('editor.create')}
          </Button>
          {promocode && (
            <Button variant="ghost" onClick={onCancel} shortcut="Esc" testId="promocode-cancel">
              {t('common:action.cancel')}
            </Button>
          )}
        </div>
      </form>
    </Panel>
  );
}
