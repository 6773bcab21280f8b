// The PGlite folder lock: a lock left by a crashed process is taken over even when the new
// process got the same pid (pid 1 after a container restart); a live owner is refused.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUseError, lockDataDir } from '../../prisma/pglite-lock';

let dir: string;
let counter = 0;
const nextDir = () => join(dir, `data-${++counter}`);
// Field 22 of /proc/<pid>/stat, counted after the parenthesised command name.
const processStartTime = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
};
const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

function startSleeper(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child));
    child.once('error', reject);
  });
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

describe('lockDataDir', () => {
  let sleeper: ChildProcess;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pglite-lock-'));
    sleeper = await startSleeper();
  });
  afterAll(async () => {
    sleeper.kill();
    await rm(dir, { recursive: true, force: true });
  });

  test('locks, refuses a second open in this process, and releases', async () => {
    const data = nextDir();
    const release = await lockDataDir(data);
    const record = JSON.parse(await readFile(`${data}.lock`, 'utf8'));
    assert.equal(record.pid, process.pid);
    await assert.rejects(lockDataDir(data), (e: unknown) => e instanceof DataDirInUseError && /\(this one\)/.test((e as Error).message));
    await release();
    assert.equal(existsSync(`${data}.lock`), false);
    await (await lockDataDir(data))();
  });

  const stale: Array<[string, () => Promise<string>]> = [
    ['a bare pid equal to this process (pid reused after a restart)', async () => String(process.pid)],
    ['this pid with another start time', async () => JSON.stringify({ pid: process.pid, bootId: bootId(), startTime: '1' })],
    ['a dead pid', async () => String(await deadPid())],
    ['a live pid that started at another time (reused)', async () => JSON.stringify({ pid: sleeper.pid, bootId: bootId(), startTime: '1' })],
    ['a live pid from another boot', async () => JSON.stringify({ pid: sleeper.pid, bootId: 'another-boot', startTime: processStartTime(sleeper.pid!) })],
    ['garbage', async () => 'not a lock'],
  ];
  for (const [label, content] of stale) {
    test(`a stale lock is taken over: ${label}`, async () => {
      const data = nextDir();
      await writeFile(`${data}.lock`, await content());
      const release = await lockDataDir(data);
      assert.equal(JSON.parse(await readFile(`${data}.lock`, 'utf8')).pid, process.pid);
      await release();
    });
  }

  const live: Array<[string, () => string]> = [
    ['its full record', () => JSON.stringify({ pid: sleeper.pid, bootId: bootId(), startTime: processStartTime(sleeper.pid!) })],
    ['a bare pid (older lock format)', () => String(sleeper.pid)],
  ];
  for (const [label, content] of live) {
    test(`a lock of a live other process is refused: ${label}`, async () => {
      const data = nextDir();
      await writeFile(`${data}.lock`, content());
      await assert.rejects(lockDataDir(data), (e: unknown) => e instanceof DataDirInUseError && new RegExp(`process ${sleeper.pid}\\b`).test((e as Error).message));
      assert.equal(await readFile(`${data}.lock`, 'utf8'), content(), 'the live lock is left alone');
    });
  }
});
