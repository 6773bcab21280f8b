// PGlite has no postmaster guarding its folder: two processes (the bot and `npm run db:seed`)
// can open the same data folder at once and corrupt it. A lock file beside the folder, holding
// the owner's pid, refuses the second opener; a lock left by a dead process is taken over.
import { readFile, rm, writeFile } from 'node:fs/promises';

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Returns the release function.
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (owner > 0 && isAlive(owner)) {
        throw new DataDirInUseError(
          `The PGlite data folder ${dataDir} is in use by process ${owner}${owner === process.pid ? ' (this one)' : ''}. Stop it, or set PGLITE_DATA_DIR or DATABASE_URL to use another database.`,
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock the PGlite data folder ${dataDir}: another process keeps taking the lock.`);
}
