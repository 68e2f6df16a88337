import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  IPC_CHANNEL,
  appResponseHeaders,
  contentTypeFor,
  isAllowedSender,
  isBlockedRequest,
  isDemoMode,
  isNavigationAllowed,
  devToolsAllowed,
  debugSwitchesIn,
  DEBUG_SWITCHES,
  isPermissionAllowed,
  resolveAppFile,
  toApiRequest,
} from './security';
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy';

const root = join(sep, 'opt', 'box-office', 'dist', 'renderer');

describe('isAllowedSender', () => {
  it('accepts our own page', () => {
    expect(isAllowedSender(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedSender('app://box-office/')).toBe(true);
    expect(isAllowedSender('app://box-office/index.html#/usher')).toBe(true);
  });

  it.each([
    undefined,
    null,
    '',
    'not a url',
    'https://box-office/index.html',
    'file:///opt/box-office/dist/renderer/index.html',
    'app://box-office.evil.example/index.html',
    'app://evil/box-office/index.html',
    'app://box-office:8080/index.html',
    'app://user:pw@box-office/index.html',
    'http://localhost:5173/',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
  ])('refuses %s', (url) => {
    expect(isAllowedSender(url)).toBe(false);
  });
});

describe('resolveAppFile', () => {
  it('serves index.html for the root', () => {
    expect(resolveAppFile(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, '')).toBe(join(root, 'index.html'));
  });

  it('maps asset paths inside the folder', () => {
    expect(resolveAppFile(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, '/assets/./logo%20big.svg')).toBe(join(root, 'assets', 'logo big.svg'));
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2fetc/passwd',
    '/..%5c..%5cwindows/win.ini',
    '/assets\\..\\..\\x',
    '/index.html%00.png',
    '/C:/Windows/win.ini',
    '/%E0%A4%A', // malformed escape
  ])('refuses %s', (path) => {
    expect(resolveAppFile(root, path)).toBeNull();
  });

  it('never leaves the root, whatever the input', () => {
    const tricky = ['/a/../../b', '//etc/passwd', '/./../x', '/a/%2E%2E/%2E%2E/b', '/a/b/../../..'];
    for (const path of tricky) {
      const file = resolveAppFile(root, path);
      if (file !== null) expect(file.startsWith(root + sep)).toBe(true);
    }
  });
});

describe('CSP and headers', () => {
  it('locks the page to its own files', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d] as const));
    expect(directives.get('default-src')).toBe("default-src 'self'");
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('style-src')).toBe("style-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|style-src-attr/);
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directives.get('form-action')).toBe("form-action 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('sends the CSP with every response and the right content type', () => {
    const headers = appResponseHeaders(contentTypeFor('/x/index.html'));
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(contentTypeFor('/x/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('links and requests', () => {
  it('lets only the main frame move, and only within our origin (no links out, no subframe navigation)', () => {
    expect(isNavigationAllowed(APP_ENTRY_URL, true)).toBe(true);
    expect(isNavigationAllowed('app://box-office/index.html#/usher', true)).toBe(true);
    for (const url of ['https://example.org/help', 'http://127.0.0.1:5174/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://box-office.evil/', 'about:blank', 'blob:app://box-office/1', 'nonsense']) {
      expect(isNavigationAllowed(url, true), url).toBe(false);
    }
    for (const url of [APP_ENTRY_URL, 'about:blank', 'https://example.org/']) expect(isNavigationAllowed(url, false), `subframe ${url}`).toBe(false);
  });

  it('blocks remote and file requests from the page', () => {
    for (const url of ['https://cdn.example/x.js', 'http://127.0.0.1:8080/', 'wss://x', 'file:///etc/passwd', '::bad']) {
      expect(isBlockedRequest(url)).toBe(true);
    }
    for (const url of [APP_ENTRY_URL, 'data:image/png;base64,AA==', 'blob:app://box-office/1234', 'devtools://devtools/x']) {
      expect(isBlockedRequest(url)).toBe(false);
    }
  });
});

describe('isPermissionAllowed', () => {
  it('grants the camera to our origin only', () => {
    expect(isPermissionAllowed('media', 'app://box-office', ['video'])).toBe(true);
    expect(isPermissionAllowed('media', 'app://box-office/', undefined)).toBe(true);
    expect(isPermissionAllowed('media', 'app://box-office', ['video', 'audio'])).toBe(false);
    expect(isPermissionAllowed('media', 'app://box-office', ['audio'])).toBe(false);
    expect(isPermissionAllowed('media', 'https://evil.example', ['video'])).toBe(false);
  });

  it('denies everything else', () => {
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'display-capture', 'usb', 'fileSystem']) {
      expect(isPermissionAllowed(permission, 'app://box-office')).toBe(false);
    }
  });
});

describe('toApiRequest', () => {
  it('keeps op, input and token', () => {
    expect(toApiRequest({ op: 'auth.login', input: { username: 'a' }, token: null })).toEqual({
      op: 'auth.login',
      input: { username: 'a' },
      token: null,
    });
    expect(toApiRequest({ op: 'system.status', input: {}, token: 't', userId: 'admin' })).toEqual({
      op: 'system.status',
      input: {},
      token: 't',
    });
  });

  it.each([null, 'op', [], {}, { op: '' }, { op: 42 }, { op: 'x', token: 7 }, { op: 'x'.repeat(201) }])(
    'refuses %j',
    (payload) => {
      expect(toApiRequest(payload)).toBeNull();
    },
  );
});

describe('isDemoMode', () => {
  it('follows the flag, then the environment, then dev vs packaged', () => {
    expect(isDemoMode(['electron', '.', '--demo'], {}, true)).toBe(true);
    expect(isDemoMode([], { BOX_OFFICE_DEMO: '1' }, true)).toBe(true);
    expect(isDemoMode([], { BOX_OFFICE_DEMO: '0' }, false)).toBe(false);
    expect(isDemoMode([], {}, false)).toBe(true);
    expect(isDemoMode([], {}, true)).toBe(false);
  });
});

describe('preload', () => {
  it('uses the same channel and exposes one function', () => {
    const source = readFileSync(join(__dirname, 'preload.ts'), 'utf8');
    expect(source).toContain(`'${IPC_CHANNEL}'`);
    expect(source.match(/exposeInMainWorld/g)).toHaveLength(1);
  });
});

describe('debugging in a packaged build (issue 12, item 9)', () => {
  it('has DevTools only in development', () => {
    expect(devToolsAllowed(false)).toBe(true);
    expect(devToolsAllowed(true)).toBe(false);
  });

  it('finds remote-debugging and inspector switches however they are spelled', () => {
    expect(debugSwitchesIn(['/opt/Box Office/box-office', '--demo', '--no-sandbox'])).toEqual([]);
    expect(debugSwitchesIn(['box-office', '--remote-debugging-port=9222'])).toEqual(['remote-debugging-port']);
    expect(debugSwitchesIn(['box-office', '-remote-debugging-port=0', '--REMOTE-DEBUGGING-PIPE'])).toEqual(['remote-debugging-port', 'remote-debugging-pipe']);
    expect(debugSwitchesIn(['Box Office.exe', '/remote-debugging-port=9222'])).toEqual(['remote-debugging-port']);
    expect(debugSwitchesIn(['box-office', '--inspect=0.0.0.0:9229', '--inspect-brk', '--js-flags=--allow-natives-syntax'])).toEqual(['inspect', 'inspect-brk', 'js-flags']);
    // A value that only looks like a switch name is not one.
    expect(debugSwitchesIn(['box-office', '--data=--inspect', '--remote-debugging-portx'])).toEqual([]);
    // Whatever Electron's own parser saw counts too.
    expect(debugSwitchesIn(['box-office'], (name) => name === 'remote-debugging-pipe')).toEqual(['remote-debugging-pipe']);
    expect(DEBUG_SWITCHES).toEqual(expect.arrayContaining(['remote-debugging-port', 'remote-debugging-pipe', 'inspect']));
  });

  it('ships with the fuses that close ELECTRON_RUN_AS_NODE, NODE_OPTIONS and --inspect', () => {
    const yml = readFileSync(join(__dirname, '..', 'electron-builder.yml'), 'utf8');
    const block = /^electronFuses:\n((?:[ \t]+.*\n)+)/m.exec(yml)?.[1] ?? '';
    const fuses = Object.fromEntries([...block.matchAll(/^\s+(\w+):\s*(true|false)\s*$/gm)].map((m) => [m[1], m[2] === 'true']));
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
