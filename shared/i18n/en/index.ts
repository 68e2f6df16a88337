/** The English catalogues, one per namespace: the source every other language translates. */
import { common } from './common';
import { components } from './components';
import { counter } from './counter';
import { door } from './door';
import { enrolment } from './enrolment';
import { enums } from './enums';
import { fields } from './fields';
import { login } from './login';
import { orders } from './orders';
import { refusals } from './refusals';
import { stand } from './stand';
import { vouchers } from './vouchers';
import { catalog } from './catalog';
import { concessions } from './concessions';
import { contracts } from './contracts';
import { prices } from './prices';
import { programme } from './programme';
import { promocodes } from './promocodes';
import { reports } from './reports';
import { users } from './users';
import { backups } from './backups';
import { journal } from './journal';
import { sync } from './sync';
import { documents } from './documents';
import { schema } from './schema';

export const en = { common, components, counter, door, stand, orders, login, enrolment, enums, fields, refusals, vouchers, reports, users, backups, journal, sync, documents, catalog, concessions, contracts, prices, programme, promocodes, schema };
