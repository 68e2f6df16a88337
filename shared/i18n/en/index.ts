/** The English catalogues, one per namespace: the source every other language translates. */
import { common } from './common';
import { enrolment } from './enrolment';
import { enums } from './enums';
import { refusals } from './refusals';
import { vouchers } from './vouchers';

export const en = { common, enrolment, enums, refusals, vouchers };
