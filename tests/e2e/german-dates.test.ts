import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signInTo, startE2eApp, type E2eApp } from './harness';

/*
 * Issue 16: a German terminal in an English browser (an English Windows) writes and reads dates the
 * German way — a native date input would show mm/dd/yyyy there — and its tables fit at 1366×768.
 */

let app: E2eApp;
afterEach(async () => app?.close());

/** The message beside a field: its frame's refusal, or "" when there is none. */
async function refusalOf(page: Page, testId: string): Promise<string> {
  const frame = page.locator('.field', { has: page.getByTestId(testId) });
  const error = frame.locator('.field-error');
  return (await error.count()) === 0 ? '' : ((await error.textContent()) ?? '').replace('⚠', '').trim();
}

/** Cells of the page's table hidden under its sticky row buttons, and how far the table scrolls sideways. */
async function tableFit(page: Page): Promise<{ covered: number; overflow: number }> {
  return page.evaluate(() => {
    const wrap = document.querySelector<HTMLElement>('.table-wrap')!;
    let covered = 0;
    for (const tr of wrap.querySelectorAll('tbody tr')) {
      const buttons = tr.querySelector('td.row-actions');
      if (!buttons) continue;
      const left = buttons.getBoundingClientRect().left;
      for (const td of tr.querySelectorAll('td:not(.row-actions)')) if (td.getBoundingClientRect().right > left + 1) covered++;
    }
    return { covered, overflow: wrap.scrollWidth - wrap.clientWidth };
  });
}

describe('German dates in an English browser', () => {
  it('the report period reads TT.MM.JJJJ, takes a typed German day, refuses 31.02.2026 beside the field; the tables fit at 1366×768', async () => {
    app = await startE2eApp({ now: '2026-12-05T12:00:00Z' });
    const { page, t } = app;
    await t.call('terminal.setLanguage', { language: 'de' }, await t.signIn('ADMIN'));
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.reload();
    expect(await page.evaluate(() => navigator.language)).toMatch(/^en/);

    await signInTo(page, 'MANAGER', 'reports');
    await page.getByTestId('screen-reports').waitFor();
    const from = page.getByTestId('period-from');
    const to = page.getByTestId('period-to');
    const days = page.getByTestId('revenue-by-day').locator('tbody tr');
    // The last seven days, in German.
    await expect.poll(() => from.inputValue()).toBe('28.11.2026');
    expect(await to.inputValue()).toBe('04.12.2026');
    expect(await from.getAttribute('placeholder')).toBe('TT.MM.JJJJ');
    expect(await page.locator('input[type="date"], input[type="time"], input[type="datetime-local"]').count()).toBe(0);
    await expect.poll(() => days.count()).toBe(7);

    // Typed on the keyboard, the German way, with a short year: the report follows, the field writes it out.
    await from.click();
    await from.press('ControlOrMeta+a');
    await from.pressSequentially('1.12.26');
    await from.press('Tab');
    await expect.poll(() => from.inputValue()).toBe('01.12.2026');
    await expect.poll(() => days.count()).toBe(4);
    await expect.poll(() => refusalOf(page, 'period-from')).toBe('');

    // A day the calendar does not have: refused in words beside the field, the report unchanged.
    await to.fill('31.02.2026');
    await expect.poll(() => refusalOf(page, 'period-to')).toBe('Diesen Tag gibt es nicht: Der Februar 2026 hat 28 Tage.');
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'german-dates-refusal');
    // Before the first day of the period: refused too.
    await to.fill('30.11.2026');
    await expect.poll(() => refusalOf(page, 'period-to')).toBe('Bitte den 01.12.2026 oder einen späteren Tag wählen.');
    expect(await days.count()).toBe(4);
    // Mended: the message goes, the report has three days.
    await to.fill('03.12.2026');
    await expect.poll(() => refusalOf(page, 'period-to')).toBe('');
    await expect.poll(() => days.count()).toBe(3);
    await screenshot(page, 'german-dates-reports');

    // The tables where German words are long: nothing under the row buttons, no sideways scrolling.
    for (const area of ['concessions', 'contracts', 'promocodes']) {
      await page.getByTestId(`nav-${area}`).click();
      await page.getByTestId(`screen-${area}`).waitFor();
      await page.locator('.table-wrap tbody tr').first().waitFor();
      await screenshot(page, `german-dates-${area}`);
      expect({ area, ...(await tableFit(page)) }).toEqual({ area, covered: 0, overflow: 0 });
    }
  });
});
