import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signInTo, startE2eApp, type E2eApp } from './harness';

/*
 * Issue 16, items 2 and 3: each kind of refusal is shown beside its field, in the user's words and
 * units, where the user is looking (the field scrolled into view and focused), and goes when the
 * field changes; leaving unsaved changes asks first.
 */

let app: E2eApp;
afterEach(async () => app?.close());

const signInAsManager = (page: Page) => signInTo(page, 'MANAGER', 'setup');

/** The message shown in the same field frame as the input with this test id ('' when none). */
const messageBeside = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((input) => input.closest('.field')?.querySelector('.field-error')?.textContent?.replace(/^⚠\s*/, '') ?? '');

/** Waits for the message beside a field, then checks the field is focused and inside the window. */
async function refusedBeside(page: Page, testId: string, message: string) {
  await page.waitForFunction(
    ([id, text]) => document.querySelector(`[data-testid="${id}"]`)?.closest('.field')?.querySelector('.field-error')?.textContent?.includes(text) ?? false,
    [testId, message] as const,
  );
  // Focus moves to the first refused field in the next frame.
  await page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, testId);
  const seen = await page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  expect(seen, `${testId} is in view`).toBe(true);
}

describe('refusals in the user’s words, beside the field (issue 16)', () => {
  it('a number over its limit (VAT in %), a duration below its limit (minutes), a text too long in a list; each cleared by an edit', async () => {
    app = await startE2eApp();
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 640 });
    await signInAsManager(page);
    page.on('dialog', (d) => void d.accept()); // leaving the changed settings for the films tab

    // Cinema settings: a VAT of 500 % is refused in %, not in basis points.
    await page.getByTestId('setup-tab-cinema').click();
    await page.getByTestId('cinema-vat').fill('500');
    await page.getByTestId('cinema-save').scrollIntoViewIfNeeded();
    await page.getByTestId('cinema-save').click();
    await refusedBeside(page, 'cinema-vat', 'Ticket VAT must be at most 100 %.');
    await screenshot(page, 'refusal-vat-beside-field');
    await page.getByTestId('cinema-vat').fill('19');
    expect(await messageBeside(page, 'cinema-vat')).toBe(''); // cleared as soon as the field changes
    await page.getByTestId('cinema-hold').fill('0');
    await page.getByTestId('cinema-save').click();
    await refusedBeside(page, 'cinema-hold', 'Seat hold must be at least 1 minute.');
    await page.getByTestId('cinema-hold').fill('10');
    expect(await messageBeside(page, 'cinema-hold')).toBe('');

    // A film: a negative running time in minutes; a genre too long, named as the form shows it.
    await page.getByTestId('setup-tab-films').click();
    await page.getByTestId('film-title').fill('Harbour Lights');
    await page.getByTestId('film-duration').fill('-90');
    await page.getByTestId('film-submit').click();
    await refusedBeside(page, 'film-duration', 'Running time (minutes) must be at least 1 minute.');
    await page.getByTestId('film-duration').fill('104');
    expect(await messageBeside(page, 'film-duration')).toBe('');
    await page.getByTestId('film-genres').fill(`Drama, ${'x'.repeat(41)}`);
    await page.getByTestId('film-submit').click();
    await refusedBeside(page, 'film-genres', 'Genre 2 must be at most 40 characters.');
    const shown = await page.getByTestId('screen-setup').innerText();
    expect(shown).not.toMatch(/genres\.\d|Too big|expected string|durationMinutes|ticketVatBp/);
  });

  it('in German, a schema’s own rule is said beside its field in German (shared/i18n/de/schema.ts)', async () => {
    app = await startE2eApp();
    const { page, t } = app;
    await t.call('terminal.setLanguage', { language: 'de' }, await t.signIn('ADMIN'));
    await page.reload(); // the window reads the terminal's language when it loads
    await signInAsManager(page);
    await page.getByTestId('setup-tab-films').click();
    await page.getByTestId('film-title').fill('Hafenlichter');
    await page.getByTestId('film-duration').fill('104');
    await page.getByTestId('film-genres').fill('Drama, drama');
    await page.getByTestId('film-submit').click();
    await refusedBeside(page, 'film-genres', 'Genres: Ein Genre steht doppelt in der Liste.');
    expect(await page.getByTestId('screen-setup').innerText()).not.toMatch(/listed twice|schema:|must /);
    // A plural label takes the plural verb: "Genres dürfen …", not "Genres darf …".
    await page.getByTestId('film-genres').fill(Array.from({ length: 11 }, (_, i) => `Genre${i + 1}`).join(', '));
    await page.getByTestId('film-submit').click();
    await refusedBeside(page, 'film-genres', 'Genres dürfen höchstens 10 Einträge haben.');
    await screenshot(page, 'refusal-german-plural-label');
  });

  it('leaving a form or the seat-map editor with unsaved changes asks first; a refusal is never shown as a success', async () => {
    app = await startE2eApp();
    const { page } = app;
    await signInAsManager(page);
    const questions: string[] = [];
    let answer = false;
    page.on('dialog', (d) => {
      questions.push(d.message());
      void (answer ? d.accept() : d.dismiss());
    });

    // A changed film form: another tab asks; "stay" keeps the edit.
    await page.getByTestId('setup-tab-films').click();
    await page.getByTestId('film-title').fill('Half-typed title');
    await page.getByTestId('setup-tab-halls').click();
    expect(questions).toEqual([expect.stringMatching(/not saved yet/)]);
    expect(await page.getByTestId('film-title').inputValue()).toBe('Half-typed title');
    // Another area asks too; "leave" leaves.
    answer = true;
    await page.getByTestId('nav-programme').click();
    expect(questions).toHaveLength(2);
    await page.waitForFunction(() => !document.querySelector('[data-testid="screen-setup"]'));

    // The seat-map editor: "Back to halls" with an unsaved edit asks; staying keeps it.
    answer = false;
    await page.getByTestId('nav-setup').click();
    await page.getByTestId('hall-seat-map').first().click();
    await page.getByTestId('seat-map-editor').waitFor();
    await page.getByTestId('seatmap-seat').first().click();
    await page.getByTestId('seatmap-kind-loveseat').click();
    await page.getByTestId('seatmap-dirty').filter({ hasText: /Unsaved changes/ }).waitFor();
    // A lone loveseat is refused on saving: in red (role=alert), not in the green ✓ notice.
    await page.getByTestId('seatmap-save').click();
    await page.getByTestId('seatmap-error').filter({ hasText: /has no partner/ }).waitFor();
    expect(await page.getByTestId('seatmap-error').getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('seatmap-notice').count()).toBe(0);
    const before = questions.length;
    await page.getByTestId('seatmap-close').click();
    expect(questions).toHaveLength(before + 1);
    await page.getByTestId('seat-map-editor').waitFor();
    answer = true;
    await page.getByTestId('seatmap-close').click();
    await page.getByTestId('seat-map-editor').waitFor({ state: 'detached' });
  });
  it('a contract form and a session form ask before leaving with typed terms', async () => {
    app = await startE2eApp();
    const { page } = app;
    await signInTo(page, 'MANAGER', 'contracts');
    const questions: string[] = [];
    let answer = false;
    page.on('dialog', (d) => {
      questions.push(d.message());
      void (answer ? d.accept() : d.dismiss());
    });

    // A new contract with its last day typed: another area asks; staying keeps it.
    await page.getByTestId('contract-new').click();
    await page.getByTestId('contract-end').fill('2027-01-31');
    await page.getByTestId('nav-programme').click();
    expect(questions).toEqual([expect.stringMatching(/not saved yet/)]);
    expect(await page.getByTestId('contract-end').inputValue()).toBe('31/01/2027');
    // Closing the form asks too; leaving closes it.
    answer = true;
    await page.getByTestId('contract-form-close').click();
    expect(questions).toHaveLength(2);
    await page.getByTestId('contract-form').waitFor({ state: 'detached' });

    // Nothing typed: the programme opens without a question.
    await page.getByTestId('nav-programme').click();
    await page.getByTestId('screen-programme').waitFor();
    expect(questions).toHaveLength(2);

    // A new session with its start typed: another day and another area ask; staying keeps it.
    answer = false;
    await page.getByTestId('programme-new-session').click();
    await page.getByTestId('session-time').fill('21:15');
    await page.getByTestId('day-tab').nth(1).click();
    expect(questions).toHaveLength(3);
    await page.getByTestId('nav-setup').click();
    expect(questions).toHaveLength(4);
    expect(await page.getByTestId('session-time').inputValue()).toBe('21:15');
    expect(await page.getByTestId('screen-programme').count()).toBe(1);
    answer = true;
    await page.getByTestId('session-form-close').click();
    expect(questions).toHaveLength(5);
    await page.getByTestId('session-form').waitFor({ state: 'detached' });
  });
});
