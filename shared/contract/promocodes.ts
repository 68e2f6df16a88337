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

const positiveCount = z.number().int().min(1, { message: 'schema:statement.atLeastOneOrEmpty' }).max(1_000_000).nullable();

/** What a manager fills in; the code is checked again by the database (unique ignoring case). */
export const promocodeFields = z
  .object({
    code: text()
      .min(3)
      .max(32)
      .regex(/^[A-Za-z0-9_-]+$/, { message: 'schema:predicate.promocode' }),
    kind: z.enum(PROMOCODE_KINDS, { message: 'enums:promocodeKind' }),
    value: z.number().int().min(1).max(100_000_000),
    validFrom: isoDate.nullable(),
    validTo: isoDate.nullable(),
    maxUses: positiveCount,
    perCustomerLimit: positiveCount,
    minOrder: z.number().int().min(0).max(100_000_000),
    appliesTo: z.enum(PROMOCODE_SCOPES, { message: 'enums:promocodeScope' }),
    filmIds: z.array(id).max(200, { message: 'schema:statement.atMostFilms' }),
    active: z.boolean(),
  })
  .strict();

type PromocodeFieldValues = z.output<typeof promocodeFields>;

/** Rules across fields, each reported on the field a manager has to change. */
function checkPromocodeFields(v: Pick<PromocodeFieldValues, 'kind' | 'value' | 'validFrom' | 'validTo' | 'filmIds' | 'appliesTo'>, ctx: z.RefinementCtx) {
  if (v.kind === 'PERCENT' && v.value > 10_000) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'schema:statement.percentAtMost100' });
  }
  if (v.validFrom && v.validTo && v.validTo < v.validFrom) {
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'schema:predicate.notBeforeFirstDay', params: { from: v.validFrom } });
  }
  if (new Set(v.filmIds).size !== v.filmIds.length) {
    ctx.addIssue({ code: 'custom', path: ['filmIds'], message: 'schema:statement.filmTwice' });
  }
  if (v.filmIds.length > 0 && v.appliesTo === 'CONCESSIONS') {
    ctx.addIssue({ code: 'custom', path: ['filmIds'], message: 'schema:statement.concessionsNotFilms' });
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
