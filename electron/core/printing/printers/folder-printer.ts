import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diskFullMessage } from '../../db/storage-failure';
import { PrintFailure, type PrintJob, type PrintedJob, type PrinterDriver } from './printer-driver';

const FS_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'a folder has the file’s name',
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
          return { where: `saved to ${path}` };
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
          // Created but not written whole (a full disk): a half PDF is no print.
          await rm(path, { force: true }).catch(() => undefined);
          throw e;
        }
      }
      throw new PrintFailure('FAILED', `The folder ${this.folder} already holds 999 copies of ${job.fileName}.`);
    } catch (e) {
      if (e instanceof PrintFailure) throw e;
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (code === 'ENOSPC' || code === 'EDQUOT') throw new PrintFailure('DISK_FULL', diskFullMessage(this.folder));
      throw new PrintFailure('FAILED', `Could not save the PDF in ${this.folder}: ${FS_WORDS[code] ?? (e as Error).message}.`);
    }
  }
}
