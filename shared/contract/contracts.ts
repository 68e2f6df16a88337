import { z } from 'zod';
import { CONTRACT_STATUSES, DEAL_TYPES, type ContractStatus, type DealType } from '../enums';
import { operation } from './operation';
import { MANAGERS } from './roles';
import { id, isoDate } from './fields';

/** One row of a contract's split table: from this contract week on, the distributor's share. */
export interface ContractSplit {
  week: number;
  /** Basis points: 6000 = 60 %. */
  percentBp: number;
}

/** A rental contract (rule 2) as managers see it. */
export interface RentalContractSummary {
  id: string;
  film: { id: string; title: string };
  distributor: { id: string; legalName: string };
  startDate: string;
  endDate: string;
  dealType: DealType;
  /** Weekly minimum guarantee, minor units; null when none. */
  minimumGuarantee: number | null;
  /** Weekly house allowance of a 90/10 deal, minor units. */
  houseAllowance: number | null;
  status: ContractStatus;
  splits: ContractSplit[];
}

const money = z.number().int().min(0).max(1_000_000_000_00);

/** The split table; ranges and gaps are checked by the rule (validateContract) so it can name the week. */
const split = z
  .object({
    week: z.number().int().min(-1000).max(1000),
    percentBp: z.number().int().min(-1_000_000).max(1_000_000),
  })
  .strict();

const terms = {
  startDate: isoDate,
  endDate: isoDate,
  dealType: z.enum(DEAL_TYPES, { message: 'enums:dealType' }).default('PERCENTAGE'),
  minimumGuarantee: money.nullable().default(null),
  houseAllowance: money.nullable().default(null),
  splits: z.array(split).min(1, { message: 'schema:statement.includesWeekOne' }).max(104, { message: 'schema:statement.atMostWeeks' }),
};

export const contractOperations = {
  'contracts.list': operation<RentalContractSummary[]>()({
    input: z
      .object({
        filmId: id.optional(),
        status: z.enum(CONTRACT_STATUSES, { message: 'enums:contractStatus' }).optional(),
      })
      .strict(),
    access: MANAGERS,
    summary: "This cinema's rental contracts, newest first, optionally for one film or in one status.",
  }),
  'contracts.create': operation<RentalContractSummary>()({
    input: z
      .object({
        filmId: id,
        /** Defaults to the film's distributor. */
        distributorId: id.optional(),
        ...terms,
      })
      .strict(),
    access: MANAGERS,
    summary: 'Creates a DRAFT rental contract for a film in this cinema with its weekly splits.',
  }),
  'contracts.update': operation<RentalContractSummary>()({
    input: z
      .object({
        contractId: id,
        distributorId: id.optional(),
        ...terms,
      })
      .strict(),
    access: MANAGERS,
    summary: 'Changes the terms of a DRAFT contract (dates, deal, minimum guarantee, splits).',
  }),
  'contracts.activate': operation<RentalContractSummary>()({
    input: z.object({ contractId: id }).strict(),
    access: MANAGERS,
    summary: 'DRAFT → ACTIVE after checking the terms and that no other ACTIVE contract of the film overlaps.',
  }),
  'contracts.close': operation<RentalContractSummary>()({
    input: z.object({ contractId: id }).strict(),
    access: MANAGERS,
    summary: 'ACTIVE → CLOSED, refused while sessions still to come depend on the contract.',
  }),
};
