import { z } from 'zod';
import { contract, type OperationName } from './index';

export interface OperationDescription {
  name: OperationName;
  summary: string;
  /** 'public', 'signed-in', or the roles allowed. */
  access: 'public' | 'signed-in' | string[];
  /** JSON Schema (draft 2020-12) of the input, generated from the zod schema. */
  input: Record<string, unknown>;
}

/** The whole contract as data, for `GET /api/contract`, fuzzers and documentation. */
export function describeContract(): OperationDescription[] {
  return (Object.keys(contract) as OperationName[]).sort().map((name) => {
    const def = contract[name];
    return {
      name,
      summary: def.summary,
      access: typeof def.access === 'string' ? def.access : [...def.access],
      input: z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
    };
  });
}
