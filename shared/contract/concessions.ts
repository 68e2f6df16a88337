import { z } from 'zod';
import type { PreorderStatus } from '../enums';
import { operation } from './operation';
import { MANAGERS, SELLERS } from './roles';
import { id, nonEmpty, text } from './fields';

export interface ConcessionItemSummary {
  id: string;
  name: string;
  category: string;
  /** Minor units, VAT included. */
  price: number;
  vatBp: number;
  /** null: not stock-tracked. */
  stock: number | null;
  active: boolean;
}

export interface PreorderSummary {
  id: string;
  pickupCode: string;
  status: PreorderStatus;
  orderNumber: string;
  items: { name: string; quantity: number }[];
  session: { id: string; startsAt: string; filmTitle: string; hallName: string } | null;
  createdAt: string;
  readyAt: string | null;
  pickedUpAt: string | null;
}

/** 6 characters with no 0/O/1/I/L, so nothing read aloud or off a receipt is mistaken (rule 10). */
export const PICKUP_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PICKUP_CODE_LENGTH = 6;

/** A pickup code as typed: case, spaces and dashes do not matter. */
export const pickupCode = text()
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(
    text()
      .length(PICKUP_CODE_LENGTH, { message: 'schema:predicate.pickupCodeLength' })
      .regex(/^[A-Z0-9]+$/, { message: 'schema:predicate.lettersAndDigits' })
      .refine((s) => [...s].every((c) => PICKUP_CODE_ALPHABET.includes(c)), { message: 'schema:statement.pickupCodeLetters' }),
  );

const itemFields = {
  name: nonEmpty(120),
  category: text().max(60),
  price: z.number().int().min(0).max(10_000_000),
  vatBp: z.number().int().min(0).max(10_000),
};

const stockCount = z.number().int().min(0).max(1_000_000);

export const concessionOperations = {
  'concessions.listItems': operation<ConcessionItemSummary[]>()({
    input: z.object({ includeInactive: z.boolean().default(false) }).strict(),
    access: SELLERS,
    summary: 'Concession items of this cinema by category (active only, unless a manager asks for all).',
  }),
  'concessions.createItem': operation<ConcessionItemSummary>()({
    input: z.object({ ...itemFields, stock: stockCount.nullable() }).strict(),
    access: MANAGERS,
    summary: 'Adds a concession item; stock null means it is not counted.',
  }),
  'concessions.updateItem': operation<ConcessionItemSummary>()({
    input: z.object({ itemId: id, ...itemFields, trackStock: z.boolean() }).strict(),
    access: MANAGERS,
    summary: "Changes an item's name, category, price or VAT rate, and whether its stock is counted (counts change only by adjustment).",
  }),
  'concessions.setItemActive': operation<ConcessionItemSummary>()({
    input: z.object({ itemId: id, active: z.boolean() }).strict(),
    access: MANAGERS,
    summary: 'Takes an item off the counter (or back on); sold lines keep it.',
  }),
  'concessions.adjustStock': operation<ConcessionItemSummary>()({
    input: z
      .object({
        itemId: id,
        change: z
          .number()
          .int()
          .min(-1_000_000)
          .max(1_000_000)
          .refine((n) => n !== 0, { message: 'schema:predicate.addOrRemove' }),
        reason: nonEmpty(200),
      })
      .strict(),
    access: MANAGERS,
    summary: 'Adds a delivery or removes waste/breakage from a counted item (audited with the reason).',
  }),
  'stand.queue': operation<PreorderSummary[]>()({
    input: z.object({}).strict(),
    access: SELLERS,
    summary: 'Open preorders (PENDING or READY) of this cinema, the soonest session first.',
  }),
  'stand.find': operation<PreorderSummary>()({
    input: z.object({ pickupCode }).strict(),
    access: SELLERS,
    summary: 'A preorder by its pickup code (case-insensitive); open ones first, else the latest.',
  }),
  'stand.markReady': operation<PreorderSummary>()({
    input: z.object({ preorderId: id }).strict(),
    access: SELLERS,
    summary: 'The stand has packed a PENDING preorder: it is READY for pickup.',
  }),
  'stand.markPickedUp': operation<PreorderSummary>()({
    input: z.object({ preorderId: id }).strict(),
    access: SELLERS,
    summary: 'The customer has taken a READY preorder: PICKED_UP.',
  }),
};
