import { BrowserWindow, session } from 'electron';
import { rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SystemPrintBackend } from './core/printing/printers/system-printer';

/**
 * The Electron half of the system printer (Windows, macOS): a hidden, sandboxed window shows the
 * PDF and prints it silently with the options electron/core/printing/printers/system-printer.ts
 * decided. Nothing else is decided here. The window has its own in-memory session: the app's
 * session refuses every file:// request (main.ts), and this one only ever opens the slip it wrote.
 */
export function electronSystemPrint(): SystemPrintBackend {
  const window = () =>
    new BrowserWindow({
      show: false,
      webPreferences: { session: session.fromPartition('box-office-print'), sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true, disableBlinkFeatures: 'Auxclick' },
    });
  return {
    async listPrinters() {
      const probe = window();
      try {
        const printers = await probe.webContents.getPrintersAsync();
        return printers.map((p) => ({ name: p.name, displayName: p.displayName || p.name, isDefault: Boolean((p as { isDefault?: boolean }).isDefault) }));
      } finally {
        probe.destroy();
      }
    },
    async printPdf(pdf, options) {
      const dir = await mkdtemp(join(tmpdir(), 'boxoffice-print-'));
      const file = join(dir, 'slip.pdf');
      const win = window();
      try {
        await writeFile(file, pdf);
        await win.loadURL(pathToFileURL(file).href);
        return await new Promise((resolve) => {
          win.webContents.print(options, (ok, failureReason) => resolve(ok ? { ok: true } : { ok: false, failureReason: failureReason || 'the print failed' }));
        });
      } finally {
        win.destroy();
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
