// The Electron shell: window, menu, app:// protocol, one IPC channel. Everything the app knows
// lives in electron/core (no Electron there); the rules applied here live in security.ts.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import type { IpcMainInvokeEvent, MenuItemConstructorOptions, WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATABASE_FILE, startCore, type Core } from './core/app-core';
import { StartRefused } from './core/backup/database-at-start';
import { startLanguage } from './core/terminal/start-language';
import { wordsIn } from '../shared/i18n/create-i18n';
import { electronSystemPrint } from './system-print';
import { SafeStorageSecretStore } from './safe-storage-secret-store';
import type { ApiResult } from '../shared/contract/result';
import {
  APP_ENTRY_URL,
  APP_HOST,
  APP_SCHEME,
  IPC_CHANNEL,
  appResponseHeaders,
  contentTypeFor,
  debugSwitchesIn,
  devToolsAllowed,
  isAllowedSender,
  isBlockedRequest,
  isDemoMode,
  isNavigationAllowed,
  isPermissionAllowed,
  resolveAppFile,
  toApiRequest,
} from './security';

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

// Must happen before 'ready': a standard + secure scheme gets relative URLs, a real origin and a
// secure context (camera). No bypassCSP, no corsEnabled: other origins cannot read our files.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
// Every renderer sandboxed, whatever a future window forgets to set.
app.enableSandbox();

if (refusedDebugSwitches()) {
  // app.exit(1) is under way
} else if (!app.requestSingleInstanceLock()) {
  // A second launch hands over to the running box office (one database, one writer) and leaves.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) {
      if (core !== null) createWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  hardenAllWebContents();
  app.whenReady().then(start).catch((e: unknown) => fail(e));
}

/** A packaged build never starts open to a debugger (security.ts, DEBUG_SWITCHES); true when it refused. */
function refusedDebugSwitches(): boolean {
  if (devToolsAllowed(app.isPackaged)) return false;
  const found = debugSwitchesIn(process.argv, (name) => app.commandLine.hasSwitch(name));
  if (found.length === 0) return false;
  for (const name of found) app.commandLine.removeSwitch(name);
  const { t } = startWords();
  dialog.showErrorBox(t('refusals:start.debugTitle'), t('refusals:start.debugSwitches', { switches: found.map((n) => `--${n}`).join(', ') }));
  app.exit(1);
  return true;
}

async function start(): Promise<void> {
  try {
    core = await startCore({
      dataDir: app.getPath('userData'),
      demo: isDemoMode(process.argv, process.env, app.isPackaged),
      // Dev runs use a better-sqlite3 built for Electron's ABI (scripts/start.mjs);
      // packaged apps get theirs rebuilt by electron-builder.
      nativeBinding: sqliteBinding(),
      // Central database credentials: encrypted by the OS keychain, not a plain file.
      sync: { secretStore: new SafeStorageSecretStore(app.getPath('userData')) },
      // The desktop's printers (Windows, macOS): a hidden window prints the slip PDF silently.
      printing: { systemPrint: electronSystemPrint() },
    });
  } catch (e) {
    fail(e);
    return;
  }
  serveRenderer(join(app.getAppPath(), 'dist', 'renderer'));
  guardSession();
  ipcMain.handle(IPC_CHANNEL, handleCall);
  Menu.setApplicationMenu(buildMenu());
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

function sqliteBinding(): string | undefined {
  return app.isPackaged ? undefined : process.env.BOX_OFFICE_SQLITE_BINDING || undefined;
}

/** Words for a start that failed, before anyone signs in: the terminal's language when its database can be read, else the computer's. */
function startWords() {
  const locale = app.isReady() ? app.getLocale() : Intl.DateTimeFormat().resolvedOptions().locale;
  const language = startLanguage(join(app.getPath('userData'), DATABASE_FILE), locale, sqliteBinding());
  return { language, t: wordsIn(language) };
}

function fail(e: unknown): void {
  console.error('[box-office] could not start', e);
  const { language, t } = startWords();
  const message = e instanceof StartRefused ? e.messageIn(language) : t('refusals:start.unexpected', { message: e instanceof Error ? e.message : String(e) });
  dialog.showErrorBox(t('refusals:start.title'), message);
  app.exit(1);
}

/** app://box-office/... → files under dist/renderer only, every response with the CSP. */
function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const text = (status: number, body: string) =>
      new Response(body, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return text(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed');
    const file = resolveAppFile(root, url.pathname);
    if (file === null) return text(403, 'Forbidden');
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: appResponseHeaders(contentTypeFor(file)) });
    } catch {
      return text(404, 'Not found');
    }
  });
}

/** Permissions and network policy for the default session (the only one we use). */
function guardSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = 'mediaTypes' in details ? details : undefined;
    const origin = media?.securityOrigin ?? details.requestingUrl;
    callback(details.isMainFrame && isPermissionAllowed(permission, origin, media?.mediaTypes));
  });
  // A check only answers "is it granted" (e.g. camera labels in enumerateDevices, mediaType
  // 'unknown'); capturing still goes through the request handler above, which refuses audio.
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details.securityOrigin ?? requestingOrigin, details.mediaType === 'audio' ? ['audio'] : undefined),
  );
  // Belt and braces behind the CSP: pages never load remote content or local files. Requests
  // without a webContents come from the main process itself and are not the page's business.
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: details.webContentsId !== undefined && isBlockedRequest(details.url) }),
  );
}

/** Applied to every webContents ever created: no navigation away, no frame moves, no new windows, no webviews. */
function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    // The app has no links out: nothing is opened in the system browser (shell.openExternal is never called).
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => {
      if (!isNavigationAllowed(event.url, true)) event.preventDefault();
    });
    // Every frame, subframes included (will-navigate sees only the main frame).
    contents.on('will-frame-navigate', (event) => {
      if (!isNavigationAllowed(event.url, event.isMainFrame)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isNavigationAllowed(event.url, event.isMainFrame)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    if (!devToolsAllowed(app.isPackaged)) contents.on('devtools-opened', () => contents.closeDevTools());
  });
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    title: 'Box Office',
    show: false,
    backgroundColor: '#111318',
    webPreferences: {
      // Reviewed: the preload exposes exactly one function (window.boxOffice.call) through
      // contextBridge, never ipcRenderer itself; security.test.ts checks it.
      preload: join(__dirname, 'preload.cjs'), // eng-disable PRELOAD_JS_CHECK
      // Middle-click would try to open links in a new window; the open handler denies it anyway.
      disableBlinkFeatures: 'Auxclick',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: devToolsAllowed(app.isPackaged),
      spellcheck: false,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(APP_ENTRY_URL);
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  const contents: WebContents | undefined = mainWindow?.webContents;
  // Our window's top frame showing our page; never a subframe, another window or a navigated page.
  return contents !== undefined && event.sender === contents && frame !== null && frame.parent === null && isAllowedSender(frame.url);
}

async function handleCall(event: IpcMainInvokeEvent, payload: unknown): Promise<ApiResult<unknown>> {
  if (!isTrustedSender(event)) {
    console.error('[box-office] refused an IPC call from', event.senderFrame?.url ?? 'an unknown frame');
    return { ok: false, error: { code: 'FORBIDDEN', message: 'This window may not talk to the box office.' } };
  }
  const request = toApiRequest(payload);
  if (request === null) return { ok: false, error: { code: 'VALIDATION', message: 'The request was malformed.' } };
  if (core === null) return { ok: false, error: { code: 'INTERNAL', message: 'The box office is shutting down.' } };
  try {
    return await core.call(request);
  } catch (e) {
    // The dispatcher turns domain errors into results; anything left is logged here, not shown.
    console.error('[box-office] call failed', request.op, e);
    return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong. Please try again.' } };
  }
}

function buildMenu(): Menu {
  const dev = devToolsAllowed(app.isPackaged);
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    ...(process.platform === 'darwin' ? [] : [{ label: 'File', submenu: [{ role: 'quit' }] } as MenuItemConstructorOptions]),
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        // Reloading drops the cashier's screen state, so only developers get it.
        ...(dev
          ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Close the database cleanly (WAL checkpoint, HLC persisted) before the process ends.
let closing = false;
app.on('will-quit', (event) => {
  if (core === null || closing) return;
  closing = true;
  event.preventDefault();
  const closingCore = core;
  core = null;
  ipcMain.removeHandler(IPC_CHANNEL);
  closingCore
    .close()
    .catch((e: unknown) => console.error('[box-office] closing the database failed', e))
    .finally(() => app.quit());
});
