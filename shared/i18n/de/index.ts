import type { Translation } from '../catalogue';
import type { en } from '../en';
import { common } from './common';
import { enrolment } from './enrolment';
import { enums } from './enums';
import { refusals } from './refusals';
import { vouchers } from './vouchers';

/** The German catalogues: the same namespaces and keys as English (the typecheck holds it). */
export const de: Translation<typeof en> = { common, enrolment, enums, refusals, vouchers };
