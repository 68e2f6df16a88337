import { afterEach, describe, expect, it } from 'vitest';
import { screenshot, signInTo, startE2eApp, type E2eApp } from './harness';

/*
 * Issue 16: a manager sets the terminal's language in Setup → Cinema settings → "This terminal";
 * the window follows at once, and the manager's screens read in German.
 */

let app: E2eApp;
afterEach(async () => app?.close());

describe('the language of this terminal', () => {
  it('a manager switches the terminal to German; the setup, programme, prices, contracts, promocodes and concessions screens follow', async () => {
    app = await startE2eApp();
    const { page } = app;
    await signInTo(page, 'MANAGER', 'setup');
    await page.getByTestId('setup-tab-cinema').click();
    await page.getByTestId('terminal-language').selectOption('de');
    await page.getByTestId('terminal-language-save').click();
    await page.getByTestId('terminal-language-saved').filter({ hasText: 'Dieses Terminal spricht jetzt Deutsch.' }).waitFor();
    await page.locator('[data-testid="screen-setup"] h1').filter({ hasText: 'Einrichtung' }).waitFor();
    expect(await page.getByTestId('setup-tab-films').textContent()).toBe('Filme');
    expect(app.t.core.services.terminal.get().language).toBe('de');
    await screenshot(page, 'de-setup-cinema');

    const titles: [string, string][] = [
      ['programme', 'Programm'],
      ['prices', 'Preise'],
      ['contracts', 'Verleihverträge'],
      ['promocodes', 'Aktionscodes'],
      ['concessions', 'Snacks'],
    ];
    for (const [area, title] of titles) {
      await page.getByTestId(`nav-${area}`).click();
      await page.locator(`[data-testid="screen-${area}"] h1`).filter({ hasText: title }).waitFor();
      await screenshot(page, `de-${area}`);
    }
    // Enum words come from the shared catalogue in German too.
    await page.getByTestId('nav-contracts').click();
    await page.getByTestId('contract-status').first().filter({ hasText: 'Aktiv' }).waitFor();
    await page.getByTestId('nav-setup').click();
    await page.getByTestId('hall-seat-map').first().click();
    await page.getByTestId('seatmap-close').filter({ hasText: 'Zurück zu den Sälen' }).waitFor();
    await screenshot(page, 'de-seat-map');
  });
});
