/**
 * Issue 8, point 4, for the Electron shell itself: main.ts cannot run without Electron, so these
 * read its source and check the wiring the pure rules in security.ts rely on — IPC answers only
 * after the sender check, external links only through isExternalWebUrl to the system browser,
 * every window denied, every renderer sandboxed and isolated. (Electronegativity, `npm run
 * audit:electron`, checks the same file from its side.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const main = readFileSync(join(__dirname, 'main.ts'), 'utf8');

/** The body of a top-level function in main.ts. */
function body(name: string): string {
  const start = main.search(new RegExp(`(async )?function ${name}\\(`));
  expect(start, `function ${name} in main.ts`).toBeGreaterThanOrEqual(0);
  const end = main.indexOf('\n}\n', start);
  return main.slice(start, end);
}

describe('Electron shell wiring', () => {
  it('answers IPC on one channel, and only after checking the sender frame', () => {
    expect(main.match(/ipcMain\.(handle|on)\(/g)).toEqual(['ipcMain.handle(']);
    expect(main).toContain('ipcMain.handle(IPC_CHANNEL, handleCall)');
    const handle = body('handleCall');
    expect(handle.indexOf('isTrustedSender(event)')).toBeGreaterThan(0);
    expect(handle.indexOf('isTrustedSender(event)')).toBeLessThan(handle.indexOf('core.call('));
    const trusted = body('isTrustedSender');
    expect(trusted).toMatch(/event\.sender === contents/);
    expect(trusted).toMatch(/frame\.parent === null/);
    expect(trusted).toMatch(/isAllowedSender\(frame\.url\)/);
  });

  it('opens external links only in the system browser, only for http(s), and never a new window', () => {
    const calls = main.split('\n').filter((line) => line.includes('shell.openExternal('));
    expect(calls.length).toBeGreaterThan(0);
    for (const line of calls) expect(line).toMatch(/if \(isExternalWebUrl\((\w+(\.\w+)?)\)\) void shell\.openExternal\(\1\)/);
    const harden = body('hardenAllWebContents');
    expect(harden).toMatch(/setWindowOpenHandler\([\s\S]*return \{ action: 'deny' \}/);
    expect(harden).toMatch(/will-navigate[\s\S]*event\.preventDefault\(\)/);
    expect(harden).toMatch(/will-attach-webview[\s\S]*preventDefault/);
  });

  it('creates windows sandboxed, isolated, without Node, webviews or insecure content', () => {
    const prefs = body('createWindow');
    for (const setting of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'nodeIntegrationInSubFrames: false', 'webSecurity: true', 'allowRunningInsecureContent: false', 'webviewTag: false', "disableBlinkFeatures: 'Auxclick'"]) {
      expect(prefs).toContain(setting);
    }
    expect(main).toContain('app.enableSandbox()');
    const code = main.replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/bypassCSP|enableRemoteModule|experimentalFeatures|allowpopups/);
  });
});
