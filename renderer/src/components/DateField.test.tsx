// @vitest-environment happy-dom
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n/instance';
import { DateField } from './DateField';
import { TimeField } from './TimeField';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let container: HTMLElement;
/** Every value the field handed on, in order. */
let handed: string[];

function Form({ start, max, time }: { start: string; max?: string; time?: boolean }) {
  const [value, setValue] = useState(start);
  const onChange = (v: string) => {
    handed.push(v);
    setValue(v);
  };
  const label = time ? 'Start' : 'Day';
  return time ? <TimeField label={label} value={value} onChange={onChange} testId="field" /> : <DateField label={label} value={value} max={max} onChange={onChange} testId="field" />;
}

async function show(props: Parameters<typeof Form>[0], language: 'de' | 'en' = 'de') {
  await act(async () => {
    await i18n.changeLanguage(language);
  });
  await act(async () => root.render(<Form {...props} />));
  return container.querySelector<HTMLInputElement>('[data-testid="field"]')!;
}

async function type(input: HTMLInputElement, text: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function leave(input: HTMLInputElement) {
  await act(async () => {
    input.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
  });
}

async function press(input: HTMLInputElement, key: string) {
  await act(async () => {
    input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

const refusal = () => container.querySelector('.field-error')?.textContent?.replace('⚠', '').trim() ?? null;

beforeEach(() => {
  handed = [];
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  await act(async () => {
    await i18n.changeLanguage('en');
  });
});

describe('DateField', () => {
  it('shows a day in German as TT.MM.JJJJ and in English as DD/MM/YYYY, handing on ISO', async () => {
    let input = await show({ start: '2026-12-05' });
    expect(input.value).toBe('05.12.2026');
    expect(input.placeholder).toBe('TT.MM.JJJJ');
    expect(input.type).toBe('text');
    const weekday = () => container.querySelector('.date-weekday')?.textContent;
    expect(weekday()).toMatch(/^Sa\.?$/);
    await type(input, '24.12.2026');
    expect(handed).toEqual(['2026-12-24']);
    expect(weekday()).toMatch(/^Do\.?$/);
    await type(input, '24.12.');
    expect(weekday()).toBe('');
    await act(async () => root.unmount());
    root = createRoot(container);
    input = await show({ start: '2026-12-05' }, 'en');
    expect(input.value).toBe('05/12/2026');
    expect(input.placeholder).toBe('DD/MM/YYYY');
    expect(weekday()).toBe('Sat');
  });

  it('takes digits, two-digit years and ISO, and writes them out properly on leaving', async () => {
    const input = await show({ start: '' });
    await type(input, '5.1.27');
    expect(handed).toEqual(['2027-01-05']);
    expect(input.value).toBe('5.1.27');
    await leave(input);
    expect(input.value).toBe('05.01.2027');
    await type(input, '2026-12-10');
    await leave(input);
    expect(input.value).toBe('10.12.2026');
    await type(input, '31122026');
    expect(handed.at(-1)).toBe('2026-12-31');
  });

  it('refuses 31.02.2026 in words beside the field at once, and hands on no day', async () => {
    const input = await show({ start: '2026-12-05' });
    await type(input, '31.02.2026');
    expect(refusal()).toBe('Diesen Tag gibt es nicht: Der Februar 2026 hat 28 Tage.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(handed).toEqual(['']);
    await type(input, '28.02.2026');
    expect(refusal()).toBeNull();
    expect(handed).toEqual(['', '2026-02-28']);
  });

  it('waits for the person to leave before refusing a half-typed day', async () => {
    const input = await show({ start: '' });
    await type(input, '05.1');
    expect(refusal()).toBeNull();
    await leave(input);
    expect(refusal()).toMatch(/^Bitte ein Datum als TT\.MM\.JJJJ eingeben, z\. B\. \d\d\.\d\d\.\d{4}\.$/);
    await type(input, '05.13.2026');
    expect(refusal()).toBe('Einen Monat 13 gibt es nicht: Monate gehen von 01 bis 12.');
  });

  it('refuses a day after the last one allowed, and steps a day with the arrow keys', async () => {
    const input = await show({ start: '2026-12-30', max: '2026-12-31' });
    await press(input, 'ArrowUp');
    expect(input.value).toBe('31.12.2026');
    await press(input, 'ArrowUp');
    expect(input.value).toBe('31.12.2026');
    await press(input, 'ArrowDown');
    expect(handed).toEqual(['2026-12-31', '2026-12-30']);
    await type(input, '01.01.2027');
    expect(refusal()).toBe('Bitte den 31.12.2026 oder einen früheren Tag wählen.');
  });
});

describe('TimeField', () => {
  it('shows the 24-hour clock, reads 1930, and refuses 25:00 in words', async () => {
    const input = await show({ start: '06:00:00', time: true }, 'en');
    expect(input.value).toBe('06:00');
    expect(input.placeholder).toBe('HH:MM');
    await type(input, '1930');
    await leave(input);
    expect(input.value).toBe('19:30');
    expect(handed.at(-1)).toBe('19:30');
    await type(input, '25:00');
    expect(refusal()).toBe('Enter a time from 00:00 to 23:59 as HH:MM, for example 19:30.');
    expect(handed.at(-1)).toBe('');
    await type(input, '19:30');
    expect(refusal()).toBeNull();
    await press(input, 'ArrowUp');
    expect(input.value).toBe('19:35');
    expect(handed.at(-1)).toBe('19:35');
  });
});
