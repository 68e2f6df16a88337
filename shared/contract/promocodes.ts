import { z } from 'zod';
import { PROMOCODE_KINDS, PROMOCODE_SCOPES, type PromocodeKind, type PromocodeScope } from '../enums';
import { operation } from './operation';
import { MANAGERS } from './roles';
import { id, isoDate, text } from './fields';

export interface PromocodeSummary {
  id: string;
  code: string;
  kind: PromocodeKind;
  /** Basis points for PERCENT (1000 = 10 %), minor units for FIXED. */
  value: number;
  /** First and last business day it is valid (inclusive); null = open-ended. */
  validFrom: string | null;
  validTo: string | null;
  maxUses: number | null;
  perCustomerLimit: number | null;
  /** Order subtotal (minor units) needed before the code applies; 0 = none. */
  minOrder: number;
  appliesTo: PromocodeScope;
  /** Films the code is limited to; empty = every film. */
  films: { id: string; title: string }[];
  active: boolean;
  /** Orders using it that are not refunded or cancelled (rule 7: a refund gives its use back). */
  uses: number;
  /** False for a code that belongs to every cinema (it can be seen but is edited centrally). */
  editable: boolean;
}

export interface PromocodeFilmOption {
  id: string;
  title: string;
  active: boolean;
}

const positiveCount = (what: string) =>
  z
    .number({ message: `must be a whole number of ${what}` })
    .int({ message: `must be a whole number of ${what}` })
    .min(1, { message: `must be at least 1 (leave it empty for no limit)` })
    .max(1_000_000, { message: 'must be at most 1000000' })
    .nullable();

/** What a manager fills in; the code is checked again by the database (unique ignoring case). */
export const promocodeFields = z
  .object({
    code: text()
      .min(3, { message: 'must be at least 3 characters' })
      .max(32, { message: 'must be at most 32 characters' })
      .regex(/^[A-Za-z0-9_-]+$/, { message: 'may use letters, digits, dash and underscore only (no spaces)' }),
    kind: z.enum(PROMOCODE_KINDS, { message: 'must be PERCENT or FIXED' }),
    value: z
      .number({ message: 'must be a number' })
      .int({ message: 'must be a whole number (basis points or minor units)' })
      .min(1, { message: 'must be more than 0' })
      .max(100_000_000, { message: 'is too large' }),
    validFrom: isoDate.nullable(),
    validTo: isoDate.nullable(),
    maxUses: positiveCount('uses'),
    perCustomerLimit: positiveCount('uses per customer'),
    minOrder: z
      .number({ message: 'must be an amount' })
      .int({ message: 'must be whole minor units' })
      .min(0, { message: 'must not be negative' })
      .max(100_000_000, { message: 'is too large' }),
    appliesTo: z.enum(PROMOCODE_SCOPES, { message: 'must be TICKETS, CONCESSIONS or ALL' }),
    filmIds: z.array(id).max(200, { message: 'may list at most 200 films' }),
    active: z.boolean(),
  })
  .strict();

type PromocodeFieldValues = z.output<typeof promocodeFields>;

/** Rules across fields, each reported on the field a manager has to change. */
function checkPromocodeFields(v: Pick<PromocodeFieldValues, 'kind' | 'value' | 'validFrom' | 'validTo' | 'filmIds' | 'appliesTo'>, ctx: z.RefinementCtx) {
  if (v.kind === 'PERCENT' && v.value > 10_000) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'a percentage must be at most 100 %' });
  }
  if (v.validFrom && v.validTo && v.validTo < v.validFrom) {
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: `must not be before the first day (${v.validFrom})` });
  }
  if (new Set(v.filmIds).size !== v.filmIds.length) {
    ctx.addIssue({ code: 'custom', path: ['filmIds'], message: 'lists a film twice' });
  }
  if (v.filmIds.length > 0 && v.appliesTo === 'CONCESSIONS') {
    ctx.addIssue({ code: 'custom', path: ['filmIds'], message: 'a code for concessions only cannot be limited to films' });
  }
}

export const promocodeOperations = {
  'promocodes.list': operation<{ promocodes: PromocodeSummary[]; films: PromocodeFilmOption[] }>()({
    input: z.object({}).strict(),
    access: MANAGERS,
    summary: "This cinema's promocodes with their uses, and the films a code can be limited to.",
  }),
  'promocodes.create': operation<PromocodeSummary>()({
    input: promocodeFields.superRefine(checkPromocodeFields),
    access: MANAGERS,
    summary: 'Creates a promocode for this cinema (rule 7).',
  }),
  'promocodes.update': operation<PromocodeSummary>()({
    input: promocodeFields.extend({ promocodeId: id }).strict().superRefine(checkPromocodeFields),
    access: MANAGERS,
    summary: "Changes a promocode's code, discount, dates, limits, scope or films.",
  }),
  'promocodes.setActive': operation<PromocodeSummary>()({
    input: z.object({ promocodeId: id, active: z.boolean() }).strict(),
    access: MANAGERS,
    summary: 'Deactivates (or reactivates) a promocode; orders that used it keep their discount.',
  }),
};
