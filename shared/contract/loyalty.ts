import { z } from 'zod';
import { operation } from './operation';
import { SELLERS } from './roles';
import { nonEmpty, text } from './fields';

export interface CustomerSummary {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  cardNumber: string;
  /** Points (minor units), the sum of the bonus ledger. */
  bonusBalance: number;
}

const phone = text()
  .regex(/^\+?[0-9 ()/-]{6,24}$/, { message: 'schema:predicate.phone' })
  .refine((p) => p.replace(/\D/g, '').length >= 6, { message: 'schema:predicate.phoneDigits' });
const cardNumber = text().regex(/^[0-9A-Za-z]{4,24}$/, { message: 'schema:predicate.cardNumber' });

export const loyaltyOperations = {
  'customers.find': operation<CustomerSummary[]>()({
    input: z
      .object({ query: text().min(3, { message: 'schema:statement.searchCustomer' }).max(40) })
      .strict(),
    access: SELLERS,
    summary: 'Loyalty customers by card number (exact) or phone number (the digits, any formatting).',
  }),
  'customers.create': operation<CustomerSummary>()({
    input: z
      .object({
        name: nonEmpty(120),
        phone,
        cardNumber,
        email: z.email({ message: 'schema:predicate.email' }).optional(),
      })
      .strict(),
    access: SELLERS,
    summary: 'Enrols a loyalty customer with a bonus account on the given card number.',
  }),
};
