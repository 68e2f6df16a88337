import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addBusinessDays } from '../../shared/business-day';
import { insertTestPreorder } from '../../electron/core/concessions/insert-test-preorder';
import { demoLogin, screenshot as fullPageShot, startE2eApp, type E2eApp, expectText } from './harness';

/** From the top of the page, so the sticky header sits where it belongs in a full-page shot. */
async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPageShot(page, name);
}

let app: E2eApp;
afterEach(async () => app?.close());

async function signIn(page: Page, role: 'ADMIN' | 'MANAGER' | 'CASHIER') {
  const { username, password } = demoLogin(role);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-user').waitFor();
}

describe('promocodes, concessions and the concession stand', () => {
  it('a manager creates a promocode, sees a duplicate refused, and books a delivery of hot dogs', async () => {
    app = await startE2eApp();
    const { page, t } = app;
    await signIn(page, 'MANAGER');
    await page.getByTestId('nav-promocodes').click();
    await page.getByTestId('screen-promocodes').waitFor();
    await page.getByTestId('promocode-row').first().waitFor();

    const today = (await t.call('system.status', {}, await t.signIn('MANAGER'))).businessDate;
    await page.getByTestId('promocode-code').fill('autumn-15');
    await page.getByTestId('promocode-kind').selectOption('PERCENT');
    await page.getByTestId('promocode-value').fill('15');
    await page.getByTestId('promocode-valid-from').fill(today);
    await page.getByTestId('promocode-valid-to').fill(addBusinessDays(today, 30));
    await page.getByTestId('promocode-max-uses').fill('200');
    await page.getByTestId('promocode-per-customer').fill('2');
    await page.getByTestId('promocode-min-order').fill('10');
    await page.getByTestId('promocode-applies-to').selectOption('TICKETS');
    await page.getByTestId('promocode-film-option').first().check();
    await page.getByTestId('promocode-film-option').nth(2).check();
    expect(await page.getByTestId('promocode-code').inputValue()).toBe('AUTUMN-15');
    await screenshot(page, 'promocode-editor');

    await page.getByTestId('promocode-save').click();
    await expectText(page.getByTestId('promocodes-notice'), /Promocode AUTUMN-15 is ready: 15 % off/);
    const row = page.locator('[data-testid="promocode-row"][data-code="AUTUMN-15"]');
    await row.waitFor();
    expect(await row.textContent()).toMatch(/15 % off.*Tickets · 2 films · from €10\.00/);
    expect(await row.getByTestId('promocode-uses').textContent()).toMatch(/0\s*\/\s*200/);
    const saved = await t.core.services.db.selectFrom('promocodes').selectAll().where('code', '=', 'AUTUMN-15').executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ kind: 'PERCENT', value: 1500, max_uses: 200, per_customer_limit: 2, min_order: 1000, applies_to: 'TICKETS', valid_from: today });

    // The same code in other letters is refused with the server's words beside the field.
    await page.getByTestId('promocode-code').fill('welcome10');
    await page.getByTestId('promocode-value').fill('5');
    await page.getByTestId('promocode-save').click();
    await expectText(page.getByTestId('promocode-error'), /The code "WELCOME10" already exists/);
    await screenshot(page, 'promocode-refused');
    expect(await t.core.services.db.selectFrom('promocodes').select('id').execute()).toHaveLength(2);

    // Concessions: a delivery of hot dogs, counted. The refused draft is left behind: the app asks first.
    const asked = new Promise<string>((resolve) => page.once('dialog', (d) => void d.accept().then(() => resolve(d.message()))));
    await page.getByTestId('nav-concessions').click();
    expect(await asked).toMatch(/not saved yet/);
    await page.getByTestId('screen-concessions').waitFor();
    const hotDog = page.locator('[data-testid="item-row"][data-name="Hot dog"]');
    await hotDog.getByTestId('item-adjust-stock').click();
    await page.getByTestId('stock-pieces').fill('24');
    await page.getByTestId('stock-reason').fill('Delivery note 4711');
    await page.getByTestId('stock-save').click();
    await expectText(page.getByTestId('concessions-notice'), /Hot dog: 24 in, 64 in stock now/);
    // The list reloads after the notice: wait for the new count rather than reading it once.
    await hotDog.getByTestId('item-stock-cell').filter({ hasText: '64' }).waitFor();
    await hotDog.getByTestId('item-edit').click();
    await page.getByTestId('item-editor').waitFor();
    await screenshot(page, 'concessions');
  });

  it('a cashier finds a preorder by its code, marks it READY, then hands it over', async () => {
    app = await startE2eApp();
    const { page, t } = app;
    const { sessions } = await t.call('programme.day', {}, await t.signIn('CASHIER'));
    const session = sessions.at(-1)!;
    const first = await insertTestPreorder(t.core.services, {
      items: [
        { name: 'Popcorn large', quantity: 2 },
        { name: 'Cola 0.5 l', quantity: 2 },
      ],
      sessionId: session.id,
    });
    await insertTestPreorder(t.core.services, { items: [{ name: 'Nachos with cheese dip', quantity: 1 }], sessionId: sessions[0]!.id, status: 'READY' });

    await signIn(page, 'CASHIER');
    await page.getByTestId('nav-stand').click();
    await page.getByTestId('screen-stand').waitFor();
    await page.getByTestId('stand-queue-item').nth(1).waitFor();
    await page.getByTestId('stand-queue-summary').filter({ hasText: '1 to pack · 1 ready' }).waitFor();

    // Typed in small letters with a space, as a customer reads it out.
    await page.getByTestId('stand-code').fill(`${first.pickupCode.slice(0, 3).toLowerCase()} ${first.pickupCode.slice(3).toLowerCase()}`);
    await page.getByTestId('stand-code').press('Enter');
    const found = page.getByTestId('stand-found');
    await found.waitFor();
    expect(await found.getAttribute('data-status')).toBe('PENDING');
    expect(await found.textContent()).toMatch(/2×\s*Cola 0\.5 l.*2×\s*Popcorn large/);
    expect(await found.textContent()).toContain(session.film.title);

    await found.getByTestId('preorder-mark-ready').click();
    await expect(page.getByTestId('stand-notice').textContent()).resolves.toMatch(new RegExp(`${first.pickupCode} is ready`));
    expect(await found.getAttribute('data-status')).toBe('READY');
    await page.getByTestId('stand-queue-summary').filter({ hasText: '0 to pack · 2 ready' }).waitFor();
    await screenshot(page, 'stand-ready');

    await found.getByTestId('preorder-mark-picked-up').click();
    await expectText(page.getByTestId('stand-notice'), /handed over/);
    expect(await found.getAttribute('data-status')).toBe('PICKED_UP');
    await page.getByTestId('stand-queue-summary').filter({ hasText: '0 to pack · 1 ready' }).waitFor();
    const row = await t.core.services.db.selectFrom('concession_preorders').selectAll().where('id', '=', first.preorderId).executeTakeFirstOrThrow();
    expect(row.status).toBe('PICKED_UP');
    expect(row.ready_at).not.toBeNull();

    // A code that cannot exist is explained, not searched.
    await page.getByTestId('stand-code').fill('OOOOOO');
    await page.getByTestId('stand-find').click();
    await expectText(page.getByTestId('stand-find-error'), /never contain 0, O, 1, I or L/);
    await screenshot(page, 'stand-picked-up');
  });

  it('an administrator sets a manager PIN from the users screen', async () => {
    app = await startE2eApp();
    const { page } = app;
    await signIn(page, 'ADMIN');
    await page.getByTestId('nav-users').click();
    const manager = page.locator('[data-testid="user-row"][data-username="manager"]');
    await manager.getByTestId('user-edit').click();
    await page.getByTestId('user-pin-input').fill('1234');
    await page.getByTestId('user-pin-save').click();
    await expectText(page.getByTestId('user-pin-error'), /too easy to guess/);
    await page.getByTestId('user-pin-input').fill('580314');
    await screenshot(page, 'user-pin');
    await page.getByTestId('user-pin-save').click();
    await expectText(page.getByTestId('users-notice'), /New override PIN set for Jonas Becker/);
  });
});
