/**
 * Issue 8, point 4, for the Electron shell itself: main.ts cannot run without Electron, so these
 * read its source and check the wiring the pure rules in security.ts rely on — IPC answers only
 * after the sender check, no links out (shell.openExternal is never called), every window denied,
 * every frame's navigation checked, every renderer sandboxed and isolated, DevTools and debugging
 * switches off in packaged builds. (Electronegativity, `npm run
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

  it('opens nothing outside: no shell.openExternal, every window denied, every frame navigation checked', () => {
    const code = main.replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/openExternal|\bshell\b/);
    const harden = body('hardenAllWebContents');
    expect(harden).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(harden).toMatch(/'will-navigate', \(event\) => \{\s*if \(!isNavigationAllowed\(event\.url, true\)\) event\.preventDefault\(\)/);
    expect(harden).toMatch(/'will-frame-navigate', \(event\) => \{\s*if \(!isNavigationAllowed\(event\.url, event\.isMainFrame\)\) event\.preventDefault\(\)/);
    expect(harden).toMatch(/'will-redirect', \(event\) => \{\s*if \(!isNavigationAllowed\(event\.url, event\.isMainFrame\)\) event\.preventDefault\(\)/);
    expect(harden).toMatch(/will-attach-webview[\s\S]*preventDefault/);
  });

  it('packaged builds have no DevTools and refuse debugging switches before anything starts', () => {
    expect(body('createWindow')).toContain('devTools: devToolsAllowed(app.isPackaged)');
    expect(body('hardenAllWebContents')).toMatch(/if \(!devToolsAllowed\(app\.isPackaged\)\) contents\.on\('devtools-opened', \(\) => contents\.closeDevTools\(\)\)/);
    expect(body('buildMenu')).toContain('const dev = devToolsAllowed(app.isPackaged)');
    const refuse = body('refusedDebugSwitches');
    expect(refuse).toMatch(/debugSwitchesIn\(process\.argv, \(name\) => app\.commandLine\.hasSwitch\(name\)\)/);
    expect(refuse).toMatch(/removeSwitch[\s\S]*app\.exit\(1\)/);
    expect(main.indexOf('if (refusedDebugSwitches())')).toBeLessThan(main.indexOf('app.requestSingleInstanceLock()'));
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
