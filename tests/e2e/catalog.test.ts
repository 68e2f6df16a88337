import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signInTo, startE2eApp, type E2eApp } from './harness';

let app: E2eApp;
afterEach(async () => app?.close());

const signInAsManager = (page: Page) => signInTo(page, 'MANAGER', 'setup');

/** Waits until exactly n elements carry this test id. */
const countIs = (page: Page, testId: string, n: number) =>
  page.waitForFunction(([id, count]) => document.querySelectorAll(`[data-testid="${id}"]`).length === count, [testId, n] as const);

const seat = (page: Page, name: string) => page.locator(`[data-testid="seatmap-seat"][data-seat="${name}"]`);

describe('setup: distributors, films, halls and seat maps', () => {
  it('a manager adds a distributor and a film with it, then draws a new hall’s seat map', async () => {
    app = await startE2eApp();
    const { page } = app;
    await signInAsManager(page);

    // A distributor…
    await page.getByTestId('setup-tab-distributors').click();
    await page.getByTestId('distributor-legalName').fill('Leuchtturm Filmverleih GmbH');
    await page.getByTestId('distributor-taxId').fill('DE300100200');
    await page.getByTestId('distributor-contactName').fill('Greta Lind');
    await page.getByTestId('distributor-email').fill('not-an-address');
    await page.getByTestId('distributor-submit').click();
    await page.getByTestId('distributor-form').filter({ hasText: /must be an e-mail address/ }).waitFor();
    await page.getByTestId('distributor-email').fill('greta@leuchtturm.example');
    await page.getByTestId('distributor-bankAccount').fill('DE02 1203 0000 0000 2020 51');
    await page.getByTestId('distributor-submit').click();
    await page.getByTestId('distributor-notice').waitFor();
    await page.locator('[data-testid="distributor-row"][data-name="Leuchtturm Filmverleih GmbH"]').waitFor();

    // …and a film it distributes.
    await page.getByTestId('setup-tab-films').click();
    await page.getByTestId('film-title').fill('Harbour Lights');
    await page.getByTestId('film-duration').fill('0');
    await page.getByTestId('film-submit').click();
    await page.getByTestId('film-form').filter({ hasText: /must be at least 1/ }).waitFor();
    await page.getByTestId('film-duration').fill('104');
    await page.getByTestId('film-age').selectOption('FSK 6');
    await page.getByTestId('film-genres').fill('Drama, Family');
    await page.getByTestId('film-release').fill('2026-12-10');
    await page.getByTestId('film-distributor').selectOption({ label: 'Leuchtturm Filmverleih GmbH' });
    await page.getByTestId('film-submit').click();
    await page.getByTestId('film-notice').waitFor();
    const row = page.locator('[data-testid="film-row"][data-title="Harbour Lights"]');
    await row.filter({ hasText: /104 min.*Drama, Family.*10 Dec 2026.*Leuchtturm Filmverleih GmbH/ }).waitFor();
    await page.getByTestId('film-search').fill('leuchtturm');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="film-row"]').length === 1);

    // A new hall opens its (empty) seat map.
    await page.getByTestId('setup-tab-halls').click();
    await page.getByTestId('hall-name').fill('Studio 4');
    await page.getByTestId('hall-type').selectOption('VIP');
    await page.getByTestId('hall-cleaning').fill('20');
    await page.getByTestId('hall-submit').click();
    await page.getByTestId('seat-map-editor').waitFor();
    await page.getByTestId('seatmap-empty').waitFor();

    // Generate 8 rows × 14 seats.
    await page.getByTestId('seatmap-gen-rows').fill('8');
    await page.getByTestId('seatmap-gen-seats').fill('14');
    await page.getByTestId('seatmap-generate').click();
    await countIs(page, 'seatmap-seat', 112);
    await page.getByTestId('seatmap-dirty').filter({ hasText: /Unsaved changes/ }).waitFor();

    // An aisle: drag down the 8th column from row A to row H, then remove it.
    const box = async (name: string) => (await seat(page, name).boundingBox())!;
    const from = await box('A8');
    const to = await box('H8');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 6 });
    await page.mouse.up();
    await page.getByTestId('seatmap-selected').filter({ hasText: /^8 selected$/ }).waitFor();
    await page.getByTestId('seatmap-remove').click();
    await countIs(page, 'seatmap-seat', 104);
    await countIs(page, 'seatmap-gap', 8);

    // A wheelchair place alone is refused on the spot, with the seat named…
    await seat(page, 'H1').click();
    await page.getByTestId('seatmap-kind-wheelchair').click();
    await page.getByTestId('seatmap-problems').filter({ hasText: /Wheelchair place H1 needs a companion seat right beside it/ }).waitFor();
    // …and by the main process too.
    await page.getByTestId('seatmap-save').click();
    await page.getByTestId('seatmap-error').filter({ hasText: /Wheelchair place H1 needs a companion seat/ }).waitFor();

    // With a companion seat beside it, and a row of loveseat pairs picked by keyboard, it saves.
    await seat(page, 'H2').click();
    await page.getByTestId('seatmap-kind-companion').click();
    await seat(page, 'H14').click();
    await page.getByTestId('seatmap-kind-wheelchair').click();
    await seat(page, 'H13').click();
    await page.getByTestId('seatmap-kind-companion').click();
    await seat(page, 'A1').click();
    await page.keyboard.down('Shift');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.up('Shift');
    await page.getByTestId('seatmap-kind-loveseat').click();
    await page.getByTestId('seatmap-problems').waitFor({ state: 'detached' });
    await page.getByTestId('seatmap-count-wheelchair').filter({ hasText: /^2$/ }).waitFor();
    await page.getByTestId('seatmap-count-companion').filter({ hasText: /^2$/ }).waitFor();
    await page.getByTestId('seatmap-count-loveseat').filter({ hasText: /^6$/ }).waitFor();
    // Seats are numbered straight across the aisle: renumber every row (nothing selected).
    await page.getByTestId('seatmap-gap').first().click(); // a click in the aisle selects nothing
    await page.getByTestId('seatmap-selected').filter({ hasText: /^0 selected$/ }).waitFor();
    await page.getByTestId('seatmap-renumber').click();
    await seat(page, 'A13').waitFor();
    await page.getByTestId('seatmap-save').click();
    await page.getByTestId('seatmap-notice').filter({ hasText: /Seat map of Studio 4 saved: 104 seats added\./ }).waitFor();
    await page.getByTestId('seatmap-dirty').filter({ hasText: /All changes saved/ }).waitFor();
    await seat(page, 'B3').click();
    await screenshot(page, 'seat-map-editor');

    // Stored as drawn.
    const hall = (await app.t.core.services.db.selectFrom('halls').select('id').where('name', '=', 'Studio 4').executeTakeFirstOrThrow()).id;
    const kinds = await app.t.core.services.db.selectFrom('seats').select(['row_label', 'number', 'kind']).where('hall_id', '=', hall).where('kind', '<>', 'STANDARD').execute();
    expect(kinds.map((k) => `${k.row_label}${k.number}:${k.kind}`).sort()).toEqual(
      ['A1:LOVESEAT', 'A2:LOVESEAT', 'A3:LOVESEAT', 'A4:LOVESEAT', 'A5:LOVESEAT', 'A6:LOVESEAT', 'H1:WHEELCHAIR', 'H12:COMPANION', 'H13:WHEELCHAIR', 'H2:COMPANION'].sort(),
    );

    // Back in the list, the hall shows its seats.
    await page.getByTestId('seatmap-close').click();
    await page.locator('[data-testid="hall-row"][data-name="Studio 4"]').filter({ hasText: /VIP · 20 min.*104/ }).waitFor();
    await screenshot(page, 'setup-halls');
  });

  it('cinema settings name the wrong field; a hall with sessions to come is neither deleted nor deactivated', async () => {
    app = await startE2eApp();
    const { page } = app;
    await signInAsManager(page);

    await page.getByTestId('setup-tab-cinema').click();
    await page.getByTestId('cinema-hold').fill('0');
    await page.getByTestId('cinema-save').click();
    await page.getByTestId('cinema-settings').filter({ hasText: /must be at least 1/ }).waitFor();
    await page.getByTestId('cinema-hold').fill('7');
    await page.getByTestId('cinema-day-start').fill('05:30');
    await page.getByTestId('cinema-save').click();
    await page.getByTestId('cinema-saved').waitFor();
    const cinema = await app.t.core.services.db.selectFrom('cinemas').select(['hold_minutes', 'business_day_start']).executeTakeFirstOrThrow();
    expect(cinema).toEqual({ hold_minutes: 7, business_day_start: '05:30' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'setup-cinema-settings');

    await page.getByTestId('setup-tab-halls').click();
    const hall1 = page.locator('[data-testid="hall-row"][data-name="Hall 1"]');
    await hall1.getByTestId('hall-delete').click();
    await hall1.getByTestId('hall-delete-confirm').click();
    await page.getByTestId('hall-list-error').filter({ hasText: /Hall 1 cannot be deleted or deactivated: it has \d+ upcoming sessions/ }).waitFor();
    await hall1.filter({ hasText: /Active/ }).waitFor();

    await page.getByTestId('setup-tab-films').click();
    await page.getByTestId('films-table').waitFor();
    await screenshot(page, 'setup-films');
  });
});
