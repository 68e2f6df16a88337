import { afterEach, describe, expect, it } from 'vitest';
import { addBusinessDays } from '../../shared/business-day';
import { demoLogin, screenshot, startE2eApp, type E2eApp } from './harness';

let app: E2eApp;
afterEach(async () => app?.close());

describe('programme management in the browser', () => {
  it('a manager creates a contract, schedules two sessions, sees the overlapping third refused, and prices the day', async () => {
    app = await startE2eApp();
    const { page, t } = app;
    // The demo film whose ACTIVE contract the new one follows on (it may not overlap it).
    const manager = await t.signIn('MANAGER');
    const film = (await t.call('scheduling.options', {}, manager)).films.find((f) => f.title === 'Hollow Signal')!;
    const [current] = await t.call('contracts.list', { filmId: film.id, status: 'ACTIVE' }, manager);
    const start = addBusinessDays(current!.endDate, 1);
    const end = addBusinessDays(start, 55);
    const day = addBusinessDays(start, 2);

    const { username, password } = demoLogin('MANAGER');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('screen-programme').waitFor();

    // A contract: the form refuses a share over 100 % with the week named, then takes sound terms.
    await page.getByTestId('nav-contracts').click();
    await page.getByTestId('screen-contracts').waitFor();
    await page.getByTestId('contract-new').click();
    await page.getByTestId('contract-film').selectOption({ label: 'Hollow Signal' });
    await page.getByTestId('contract-start').fill(start);
    await page.getByTestId('contract-end').fill(end);
    await page.getByTestId('contract-add-week').click();
    await page.getByTestId('contract-split-percent').nth(1).fill('120');
    await page.getByTestId('contract-submit').click();
    await expect(page.getByTestId('contract-form-error').textContent()).resolves.toMatch(/week 2: 120 % is out of range/);
    await page.getByTestId('contract-split-percent').nth(1).fill('50');
    await page.getByTestId('contract-split-percent').nth(3).fill('35');
    await page.getByTestId('contract-submit').click();
    await page.getByTestId('contracts-notice').waitFor();
    const draftRow = page.locator('[data-testid="contract-row"][data-status="DRAFT"]');
    await expect(draftRow.textContent()).resolves.toMatch(/Hollow Signal.*60 \/ 50 \/ 40 \/ 35 %/);
    await draftRow.getByTestId('contract-activate').click();
    await expect(page.getByTestId('contracts-notice').textContent()).resolves.toMatch(/is active/);
    await screenshot(page, 'contracts');

    // Two sessions on a day inside it, in Hall 1.
    await page.getByTestId('nav-programme').click();
    await page.getByTestId('screen-programme').waitFor();
    await page.getByTestId('programme-go-to').fill(day);
    await page.locator(`[data-testid="programme-day"][data-date="${day}"]`).waitFor();
    await page.getByTestId('programme-empty').waitFor();
    await page.getByTestId('programme-new-session').click();
    const schedule = async (time: string) => {
      await page.getByTestId('session-film').selectOption({ label: 'Hollow Signal (1 h 39 min)' });
      await page.getByTestId('session-hall').selectOption({ index: 0 });
      await page.getByTestId('session-time').fill(time);
    };
    await schedule('19:00');
    // 15 min ads + 99 min film; Hall 1 then needs 15 min of cleaning.
    await expect(page.getByTestId('session-computed').textContent()).resolves.toMatch(/Ends (20:54|8:54 PM).*cleaned until (21:09|9:09 PM)/);
    await page.getByTestId('session-submit').click();
    await expect(page.getByTestId('programme-notice').textContent()).resolves.toMatch(/Hollow Signal.*is scheduled in Hall 1 at (19:00|7:00 PM)–(20:54|8:54 PM)/);
    await schedule('21:10');
    await page.getByTestId('session-submit').click();
    await page.locator('[data-testid="programme-row"]').nth(1).waitFor();

    // The third overlaps the first: refused, naming it.
    await schedule('20:30');
    await page.getByTestId('session-submit').click();
    await expect(page.getByTestId('session-form-error').locator('.banner-message').textContent()).resolves.toBe(
      'Hall 1 is busy then: “Hollow Signal” 19:00–20:54 (cleaning until 21:09) overlaps this session 20:30–22:24 (cleaning until 22:39).',
    );
    await screenshot(page, 'session-refused');
    expect(await page.getByTestId('programme-row').count()).toBe(2);
    expect(await page.getByTestId('timeline-block').count()).toBe(2);
    expect(await page.getByTestId('timeline-cleaning').count()).toBe(2);
    await page.getByTestId('session-form-close').click();

    // Put both on sale, open one from the timeline and see its prices.
    await page.getByTestId('programme-put-all-on-sale').click();
    await expect(page.getByTestId('programme-notice').textContent()).resolves.toMatch(/2 sessions are on sale/);
    await page.getByTestId('timeline-block').first().click();
    await page.getByTestId('session-panel').waitFor();
    await page.getByTestId('price-preview-row').first().waitFor();
    await expect(page.locator('[data-testid="price-preview-row"][data-seat-kind="STANDARD"] [data-ticket-type="CHILD"]').textContent()).resolves.toBe('€8.40');
    await page.getByTestId('session-panel-close').click();
    await page.getByTestId('timeline-block').first().waitFor();
    await page.getByTestId('programme-timeline').scrollIntoViewIfNeeded();
    await screenshot(page, 'day-timeline');
  });
});
