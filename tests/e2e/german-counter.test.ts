import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en';
import { de } from '../../shared/i18n/de';
import { demoLogin, screenshot, startE2eApp, type E2eApp } from './harness';

/*
 * Issue 16 at the counter: the terminal speaks German; a cashier signs in, sells two tickets and a
 * drink for cash with change, the usher lets one ticket in, a manager refunds the order — at
 * 1366×768. On every screen no visible line is an English catalogue text (of the counter, door,
 * stand, orders, login, components, common and enums namespaces) whose German differs, and money
 * is written the German way ("12,00 €"). Screenshots: test-results/screenshots/german-counter-*.png.
 */

const NAMESPACES = ['counter', 'door', 'stand', 'orders', 'login', 'components', 'common', 'enums'] as const;

type Tree = { readonly [k: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/**
 * Each English text whose German differs, as a pattern for a whole visible line: placeholders
 * match anything, tags are dropped. Texts with too little of their own (a bare "{{count}} s") are left out.
 */
function englishPatterns(): { text: string; pattern: RegExp }[] {
  const germanValues = new Set<string>();
  const out: { text: string; pattern: RegExp }[] = [];
  const pairs = NAMESPACES.flatMap((ns) => {
    const english = flatten(en[ns] as unknown as Tree);
    const german = flatten(de[ns] as unknown as Tree);
    for (const v of german.values()) germanValues.add(v.trim());
    return [...english].map(([key, text]) => [text.trim(), german.get(key)?.trim()] as const);
  });
  for (const [text, german] of pairs) {
    if (text === german || germanValues.has(text)) continue;
    const plain = text.replace(/<\/?\w+\s*\/?>/g, '');
    const literal = plain.replace(/\{\{[^}]+\}\}/g, '').replace(/[^a-zA-Z]+/g, '');
    if (literal.length < 4) continue;
    const source = plain
      .split(/\{\{[^}]+\}\}/)
      .map((part) => part.replace(/\s+/g, ' ').trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+?');
    out.push({ text, pattern: new RegExp(`^${source}$`) });
  }
  return out;
}

const ENGLISH = englishPatterns();

/** The page's visible lines (innerText) and the text of each element that has its own words. */
async function visibleLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const lines = document.body.innerText.split('\n');
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      // <code> holds data (user names, codes), not words of the UI.
      if (!el.checkVisibility() || el.closest('.visually-hidden, script, style, code')) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (own) lines.push(el.innerText);
    }
    return lines.map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
  });
}

/** Fails naming every visible line that is English; saves the screenshot first, to look at. */
async function germanOnly(page: Page, name: string): Promise<string> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `german-counter-${name}`);
  const lines = await visibleLines(page);
  const english = [...new Set(lines.filter((line) => ENGLISH.some((e) => e.pattern.test(line))))];
  expect(english, `English on the ${name} screen`).toEqual([]);
  // Money the German way: "12,00 €", never "€12.00".
  expect(lines.filter((line) => /€ ?\d|\d\.\d\d ?€/.test(line)), `${name}: money written the English way`).toEqual([]);
  return lines.join('\n');
}

async function signIn(page: Page, role: 'CASHIER' | 'MANAGER' | 'USHER', screen: string): Promise<void> {
  const { username, password } = demoLogin(role);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId(screen).waitFor();
}

/**
 * Loads the app to its login screen, once more if the page did not come (other test runs rebuild
 * the renderer's files the bridge serves, for a moment).
 */
async function openLogin(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.goto(app.bridge.url);
    if (await page.getByTestId('screen-login').waitFor({ timeout: 20_000 }).then(() => true, () => false)) return;
    if (attempt === 3) throw new Error('The login screen did not appear.');
  }
}

/** Lines ending in an amount written the German way ("12,00 €"). */
const GERMAN_MONEY = /\d{1,3}(\.\d{3})*,\d{2}\s€/;

let app: E2eApp;
afterEach(async () => app?.close());

describe('the counter in German', () => {
  it('a cashier sells two tickets and a drink for cash with change, the door lets one in, a manager refunds the order: all in German at 1366×768', { timeout: 240_000 }, async () => {
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page, t } = app;
    expect(ENGLISH.length).toBeGreaterThan(300);
    await page.setViewportSize({ width: 1366, height: 768 });
    // A question before leaving a screen (unsaved changes) is answered yes, and must be German too.
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await t.call('terminal.setLanguage', { language: 'de' }, await t.signIn('ADMIN'));
    // One cola left: asking for two makes the quote say so (in German) before the cashier takes one back.
    await t.core.services.db.updateTable('concession_items').set({ stock: 1 }).where('name', '=', 'Cola 0.5 l').execute();
    // The window reads the terminal's language when it loads.
    await openLogin(page);

    // Before sign-in the window speaks the terminal's language.
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await page.getByTestId('login-submit').textContent()).toContain('Anmelden');
    await germanOnly(page, 'login');
    // At a shared counter the next person may switch this window to English until they sign in…
    await page.getByTestId('login-language').selectOption('en');
    await expect.poll(() => page.getByTestId('login-submit').textContent()).toContain('Sign in');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // …and signing in brings back the terminal's language (the cashier chose none of their own).

    // The cashier opens the shift: the float typed the German way.
    await signIn(page, 'CASHIER', 'screen-counter');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('de');
    await page.getByTestId('shift-float').fill('100,00');
    await page.getByTestId('shift-open').click();
    await page.getByTestId('shift-strip').waitFor();
    await page.getByTestId('session-details').waitFor();
    const counter = await germanOnly(page, 'sessions');
    expect(counter).toMatch(/Heutige Vorstellungen/);
    expect(counter).toMatch(GERMAN_MONEY);

    // Two seats in the IMAX hall and a drink.
    await page.getByTestId('session-row').filter({ hasText: 'Hall 3' }).first().click();
    await page.getByTestId('session-sell').click();
    await page.getByTestId('seat-map').waitFor();
    await page.locator('[data-seat="F7"]').click();
    await page.locator('[data-seat="F7"][data-state="MINE"]').waitFor();
    await page.locator('[data-seat="F8"]').click();
    await page.locator('[data-seat="F8"][data-state="MINE"]').waitFor();
    await page.locator('[data-testid="concession-add"][data-item="Cola 0.5 l"]').click();
    await page.getByTestId('concession-line').waitFor();
    await page.locator('[data-testid="concession-add"][data-item="Cola 0.5 l"]').click();
    await page.locator('[data-testid="quote-problem"]', { hasText: 'Nur noch 1 × Cola 0.5 l auf Lager. Verringern Sie die Menge.' }).waitFor();
    await germanOnly(page, 'low-stock');
    await page.getByTestId('concession-line').getByRole('button', { name: 'Ein Cola 0.5 l weniger' }).click();
    await page.getByTestId('quote-problem').waitFor({ state: 'detached' });
    await page.locator('[data-testid="pay"]:not([disabled])').waitFor();
    expect(await page.getByTestId('quote-total').textContent()).toMatch(GERMAN_MONEY);
    const sale = await germanOnly(page, 'sale');
    expect(sale).toMatch(/Reihe F · Platz 7/);

    // Cash with change: 50,00 € handed over.
    await page.keyboard.press('F8');
    await page.getByTestId('payment-dialog').waitFor();
    await page.getByTestId('pay-tendered').fill('50,00');
    await expect.poll(() => page.getByTestId('pay-change').textContent()).toMatch(GERMAN_MONEY);
    const payment = await germanOnly(page, 'payment');
    expect(payment).toMatch(/Rückgeld/);
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-done').waitFor();
    await page.getByTestId('print-status').waitFor();
    // Where the PDFs went, in German too.
    expect(await page.getByTestId('print-status').textContent()).toMatch(/gespeichert unter .+\.pdf/);
    expect(await page.getByTestId('sale-change').textContent()).toMatch(GERMAN_MONEY);
    await germanOnly(page, 'sold');

    const db = t.core.services.db;
    const order = await db.selectFrom('orders').selectAll().executeTakeFirstOrThrow();
    const payments = await db.selectFrom('payments').selectAll().where('order_id', '=', order.id).execute();
    expect(payments).toMatchObject([{ method: 'CASH', amount: order.total, cash_tendered: 5000, change_given: 5000 - order.total }]);
    const tickets = await db.selectFrom('tickets').select(['qr_payload', 'session_id']).where('order_id', '=', order.id).execute();
    expect(tickets).toHaveLength(2);

    // The usher at that session's door, once the doors are open, in the same language.
    const session = await db.selectFrom('sessions').select(['id', 'starts_at']).where('id', '=', tickets[0]!.session_id).executeTakeFirstOrThrow();
    t.clock.set(new Date(Date.parse(session.starts_at) - 10 * 60_000));
    const door = await app.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await openLogin(door);
    await signIn(door, 'USHER', 'screen-door');
    await door.locator(`[data-testid="door-session-option"][data-session-id="${session.id}"]`).click();
    await door.getByTestId('door-scanner').waitFor();
    await expect.poll(() => door.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('door-scan-input');
    await door.keyboard.type(tickets[0]!.qr_payload);
    await door.keyboard.press('Enter');
    await door.locator('[data-testid="door-result"][data-result="VALID"]').waitFor();
    expect(await door.getByTestId('door-result-title').textContent()).toMatch(/^Einlass · Reihe F, Platz \d/);
    await expect.poll(() => door.getByTestId('door-admitted').textContent()).toMatch(/^1 eingelassen/);
    await germanOnly(door, 'door');

    // A manager refunds the whole order (a ticket let in: a manager may).
    await page.keyboard.press('Enter');
    await page.getByTestId('logout').click();
    await signIn(page, 'MANAGER', 'area-nav');
    await page.getByTestId('nav-orders').click();
    await page.getByTestId('screen-orders').waitFor();
    await page.locator(`[data-testid="order-row"][data-order-number="${order.number}"]`).click();
    await page.getByTestId('order-refund').click();
    await page.getByTestId('refund-form').waitFor();
    await page.getByTestId('refund-review').click();
    await page.locator('[data-testid="refund-error"]', { hasText: 'Wählen Sie den Grund der Erstattung.' }).waitFor();
    await page.getByTestId('refund-reason').selectOption('CUSTOMER_CHANGED_MIND');
    await page.getByTestId('refund-review').click();
    await page.getByTestId('refund-confirmation').waitFor();
    expect(await page.getByTestId('refund-amount').textContent()).toMatch(GERMAN_MONEY);
    expect(await page.getByTestId('refund-methods').textContent()).toMatch(/bar$/);
    await page.getByTestId('refund-confirmation').scrollIntoViewIfNeeded();
    await screenshot(page, 'german-counter-refund-form');
    await page.getByTestId('refund-confirm').click();
    await page.locator('[data-testid="order-notice"]', { hasText: 'erstattet' }).waitFor();
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('Erstattet');
    const refunded = await germanOnly(page, 'refunded');
    expect(refunded).toMatch(/Erstattungsbeleg/);
    expect((await db.selectFrom('orders').select('status').where('id', '=', order.id).executeTakeFirstOrThrow()).status).toBe('REFUNDED');
    expect(dialogs.filter((m) => ENGLISH.some((e) => e.pattern.test(m.trim())))).toEqual([]);
  });
});
