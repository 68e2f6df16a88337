import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diskFullWords } from '../../db/storage-failure';
import type { Words } from '../../../../shared/i18n/message-key';
import { PrintFailure, type PrintJob, type PrintedJob, type PrinterDriver } from './printer-driver';

const FS_WORDS: Record<string, Words> = {
  EACCES: { key: 'refusals:printer.fsPermission' },
  EPERM: { key: 'refusals:printer.fsPermission' },
  EROFS: { key: 'refusals:printer.fsReadOnly' },
  ENOTDIR: { key: 'refusals:printer.fsNotFolder' },
  EEXIST: { key: 'refusals:printer.fsNotFolder' }, // mkdir of a folder whose name a file has
  EISDIR: { key: 'refusals:printer.fsFolderHasName' },
};

/** "Printing" as saving each PDF into a folder: the default in browser mode and tests, and handy for e-mail. */
export class FolderPrinter implements PrinterDriver {
  readonly label: string;

  constructor(readonly folder: string) {
    this.label = `PDF folder ${folder}`;
  }

  async print(job: PrintJob): Promise<PrintedJob> {
    try {
      await mkdir(this.folder, { recursive: true });
      const base = job.fileName.replace(/\.pdf$/i, '');
      for (let n = 1; n < 1000; n++) {
        const path = join(this.folder, n === 1 ? `${base}.pdf` : `${base} (${n}).pdf`);
        try {
          await writeFile(path, job.pdf, { flag: 'wx' });
          return { where: { key: 'refusals:printer.savedTo', values: { path } } };
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
          // Created but not written whole (a full disk): a half PDF is no print.
          await rm(path, { force: true }).catch(() => undefined);
          throw e;
        }
      }
      throw new PrintFailure('FAILED', { key: 'refusals:printer.folderFull', values: { folder: this.folder, fileName: job.fileName } });
    } catch (e) {
      if (e instanceof PrintFailure) throw e;
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (code === 'ENOSPC' || code === 'EDQUOT') throw new PrintFailure('DISK_FULL', diskFullWords(this.folder));
      throw new PrintFailure('FAILED', { key: 'refusals:printer.couldNotSave', values: { folder: this.folder, what: FS_WORDS[code] ?? (e as Error).message } });
    }
  }
}
