// PGlite has no postmaster guarding its folder: two processes (the bot and `npm run db:seed`)
// can open the same data folder at once and corrupt it. A lock file beside the folder refuses
// the second opener; a lock left by a dead process is taken over.
//
// A pid alone cannot tell a dead owner from a live one: after a crash in a container the new
// process is pid 1 again, and on a busy host a pid is reused. So the lock records the owner's
// pid, the kernel's boot id and the owner's start time (field 22 of /proc/<pid>/stat, in clock
// ticks since boot). The owner is alive only if a process with that pid exists now and started
// at that same tick of the same boot. Node has no flock(); this needs no native code and works
// wherever /proc does (Linux, containers). Without /proc (macOS development) it falls back to
// the pid, and a lock naming this very process is stale unless this process holds it.
// Not covered (as with any pid lock): two pid namespaces (two containers) opening one shared
// volume at the same time; run one bot per data folder.
import { randomUUID } from 'node:crypto';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

interface Owner {
  pid: number;
  bootId?: string;
  startTime?: string;
}

// Folders this process holds: opening one twice in one process is refused like any other owner.
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

// The start time of a process in clock ticks since boot, or undefined without /proc.
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or ')'; count from the last.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19]; // field 22 (starttime); fields[0] is field 3
  } catch {
    return undefined;
  }
}

function currentOwner(): Owner {
  return { pid: process.pid, bootId: bootId(), startTime: processStartTime(process.pid) };
}

function parseOwner(text: string): Owner | undefined {
  const trimmed = text.trim();
  // Locks written before the start time was recorded hold the bare pid.
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) };
  try {
    const o = JSON.parse(trimmed) as Partial<Owner>;
    if (typeof o.pid !== 'number' || !Number.isInteger(o.pid) || o.pid <= 0) return undefined;
    return {
      pid: o.pid,
      ...(typeof o.bootId === 'string' ? { bootId: o.bootId } : {}),
      ...(typeof o.startTime === 'string' ? { startTime: o.startTime } : {}),
    };
  } catch {
    return undefined;
  }
}

// Whether the process that wrote the lock is still running.
function ownerAlive(owner: Owner): boolean {
  // This process holds no lock on the folder (checked before), so a lock naming its pid was
  // written by an earlier process that had the same pid: pid 1 in a restarted container.
  if (owner.pid === process.pid) return false;
  if (!isAlive(owner.pid)) return false;
  const boot = bootId();
  if (owner.bootId && boot && owner.bootId !== boot) return false;
  const started = processStartTime(owner.pid);
  if (owner.startTime && started && owner.startTime !== started) return false;
  return true;
}

// Moves a stale lock aside, making sure what was moved is the lock judged stale: if another
// process took it over in between, its fresh lock is put back.
async function takeOver(file: string, staleText: string): Promise<void> {
  const aside = `${file}.stale-${randomUUID()}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readFile(aside, 'utf8').catch(() => staleText);
  if (moved !== staleText) await link(aside, file).catch(() => {});
  await rm(aside, { force: true });
}

// Returns the release function.
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = `${dataDir}.lock`;
  if (held.has(file)) {
    throw new DataDirInUseError(
      `The PGlite data folder ${dataDir} is in use by process ${process.pid} (this one). Stop it, or set PGLITE_DATA_DIR or DATABASE_URL to use another database.`,
    );
  }
  const record = JSON.stringify(currentOwner());
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, record, { flag: 'wx', mode: 0o600 });
      held.add(file);
      return async () => {
        held.delete(file);
        // Remove only our own lock, never one another process wrote after a takeover.
        const now = await readFile(file, 'utf8').catch(() => undefined);
        if (now === record) await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const text = await readFile(file, 'utf8').catch(() => '');
      const owner = parseOwner(text);
      if (owner && ownerAlive(owner)) {
        throw new DataDirInUseError(
          `The PGlite data folder ${dataDir} is in use by process ${owner.pid}. Stop it, or set PGLITE_DATA_DIR or DATABASE_URL to use another database.`,
        );
      }
      await takeOver(file, text);
    }
  }
  throw new DataDirInUseError(`Could not lock the PGlite data folder ${dataDir}: another process keeps taking the lock.`);
}
