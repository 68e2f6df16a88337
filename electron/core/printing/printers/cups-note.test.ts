import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { listCupsPrinters } from './cups-printer';

/*
 * Issue 16: why CUPS offers no printer is a code the settings screen words in its reader's
 * language (it used to tell Windows from "not running" by the English sentence).
 */

const folder = mkdtempSync(join(tmpdir(), 'cups-note-'));
/** A socket nothing listens on: the scheduler does not answer. */
const nobody = { socketPath: join(folder, 'no-cups.sock') };
const platform = process.platform;

afterEach(() => Object.defineProperty(process, 'platform', { value: platform }));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('why CUPS lists no printer', () => {
  it('a scheduler that does not answer is NOT_RUNNING, with the words for a refusal', async () => {
    expect(await listCupsPrinters(nobody)).toEqual({ scheduler: 'NOT_RUNNING', printers: [], note: 'NOT_RUNNING', noteWords: { key: 'refusals:printer.cupsNotRunning' } });
  });

  it('on Windows it is WINDOWS: there is no CUPS at all, its printers are the system printers', async () => {
    Object.defineProperty(process, 'platform', { value: 'win32' });
    expect(await listCupsPrinters(nobody)).toMatchObject({ scheduler: 'NOT_RUNNING', note: 'WINDOWS', noteWords: { key: 'refusals:printer.windowsNoCups' } });
  });
});
