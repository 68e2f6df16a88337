import { describe, expect, it } from 'vitest';
import { addMinutes, datePlaceholder, formatDateText, formatTimeText, readDateText, readTimeText } from './date-input';

const GERMAN = { day: 'TT', month: 'MM', year: 'JJJJ' };

describe('dates typed in the window’s locale', () => {
  it('writes a day the way the language does', () => {
    expect(formatDateText('2026-12-05', 'de-DE')).toBe('05.12.2026');
    expect(formatDateText('2026-12-05', 'en-GB')).toBe('05/12/2026');
    expect(formatDateText('2026-12-05', 'en-US')).toBe('12/05/2026');
    expect(formatDateText('', 'de-DE')).toBe('');
    expect(datePlaceholder('de-DE', GERMAN)).toBe('TT.MM.JJJJ');
    expect(datePlaceholder('en-GB', { day: 'DD', month: 'MM', year: 'YYYY' })).toBe('DD/MM/YYYY');
  });

  it('reads what a German cashier types, in the order of the locale', () => {
    for (const text of ['05.12.2026', '5.12.2026', ' 5.12.2026. ', '05122026', '2026-12-05']) expect(readDateText(text, 'de-DE')).toEqual({ kind: 'date', iso: '2026-12-05', complete: true });
    for (const text of ['5.12.26', '051226']) expect(readDateText(text, 'de-DE')).toEqual({ kind: 'date', iso: '2026-12-05', complete: false });
    expect(readDateText('05/12/2026', 'en-GB')).toMatchObject({ iso: '2026-12-05' });
    expect(readDateText('12/05/2026', 'en-US')).toMatchObject({ iso: '2026-12-05' });
    expect(readDateText('29.02.2028', 'de-DE')).toMatchObject({ iso: '2028-02-29' });
    expect(readDateText('  ', 'de-DE')).toEqual({ kind: 'empty' });
  });

  it('refuses a day the calendar does not have, and knows when the text is only half typed', () => {
    expect(readDateText('31.02.2026', 'de-DE')).toEqual({ kind: 'noSuchDay', year: 2026, month: 2, days: 28, complete: true });
    expect(readDateText('31.04.2026', 'de-DE')).toMatchObject({ kind: 'noSuchDay', days: 30 });
    expect(readDateText('05.13.2026', 'de-DE')).toEqual({ kind: 'noSuchMonth', month: 13, complete: true });
    expect(readDateText('00.12.2026', 'de-DE')).toEqual({ kind: 'notADate', complete: true });
    expect(readDateText('05.12.20261', 'de-DE')).toEqual({ kind: 'notADate', complete: true });
    // On the way to "05.12.2026": not refused yet.
    for (const partial of ['0', '05', '05.1', '05.12', '05.12.202']) expect(readDateText(partial, 'de-DE')).toMatchObject({ kind: 'notADate', complete: false });
    expect(readDateText('morgen', 'de-DE')).toMatchObject({ kind: 'notADate' });
  });

});

describe('times typed on the 24-hour clock', () => {
  it('reads the usual ways of typing a time', () => {
    const cases: [string, string][] = [
      ['19:30', '19:30'],
      ['19.30', '19:30'],
      ['1930', '19:30'],
      ['9:05', '09:05'],
      ['905', '09:05'],
      ['19', '19:00'],
      ['0', '00:00'],
      ['23:59', '23:59'],
    ];
    for (const [text, hhmm] of cases) expect(readTimeText(text), text).toEqual({ kind: 'time', hhmm });
    expect(readTimeText('')).toEqual({ kind: 'empty' });
  });

  it('refuses at once what typing cannot mend, later what is on its way', () => {
    for (const text of ['24:00', '19:60', '2400', '7 pm', '19:300']) expect(readTimeText(text), text).toEqual({ kind: 'notATime', complete: true });
    for (const text of ['19:', '19:3', '197']) expect(readTimeText(text), text).toEqual({ kind: 'notATime', complete: false });
  });

  it('shows a stored time without seconds and steps around midnight', () => {
    expect(formatTimeText('06:00:00')).toBe('06:00');
    expect(addMinutes('23:55', 10)).toBe('00:05');
    expect(addMinutes('00:00', -5)).toBe('23:55');
  });
});
