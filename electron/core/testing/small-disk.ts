import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real, small file system for disk-full tests: a tmpfs of `sizeMb` mounted on a fresh folder
 * (needs root, or CAP_SYS_ADMIN; null where mounting is not permitted). `fill()` writes filler
 * files until the kernel answers ENOSPC, `release()` deletes them.
 */
export interface SmallDisk {
  /** The mount point; put the data folder inside it. */
  dir: string;
  /** Fills every free block (1 MiB files, then 4 KiB ones) until ENOSPC. */
  fill(): void;
  /** Deletes the filler: the disk has room again. */
  release(): void;
  unmount(): void;
}

export function mountSmallDisk(sizeMb: number): SmallDisk | null {
  const dir = mkdtempSync(join(tmpdir(), 'box-office-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0755`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  const filler = join(dir, 'filler');
  mkdirSync(filler);
  let n = 0;
  const writeUntilFull = (bytes: number) => {
    const chunk = Buffer.alloc(bytes, 0x5a);
    for (;;) {
      try {
        writeFileSync(join(filler, `f${n++}`), chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOSPC') return;
        throw e;
      }
    }
  };
  return {
    dir,
    fill() {
      writeUntilFull(1024 * 1024);
      writeUntilFull(4096);
    },
    release() {
      for (const name of readdirSync(filler)) rmSync(join(filler, name), { force: true });
    },
    unmount() {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
