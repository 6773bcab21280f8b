// Runs jest (arguments are passed on) and ends with one plain line: `N passed, N failed,
// N skipped`. Native ES modules in jest need --experimental-vm-modules. TEST_RESULTS_FILE
// keeps jest's JSON results there, so .ci/run can add up several runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { summarize } from './test-summary.mjs';

const jestBin = join(dirname(createRequire(import.meta.url).resolve('jest/package.json')), 'bin', 'jest.js');
const scratch = process.env.TEST_RESULTS_FILE ? undefined : mkdtempSync(join(tmpdir(), 'tillaggsbot-jest-'));
const resultsFile = process.env.TEST_RESULTS_FILE ?? join(scratch, 'results.json');
const nodeOptions = [process.env.NODE_OPTIONS, '--experimental-vm-modules', '--disable-warning=ExperimentalWarning'].filter(Boolean).join(' ');

const run = spawnSync(process.execPath, [jestBin, '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: nodeOptions },
});
const { line, complete } = summarize([resultsFile]);
if (scratch) rmSync(scratch, { recursive: true, force: true });
console.log(line);
process.exit(run.status === 0 && !complete ? 1 : (run.status ?? 1));
