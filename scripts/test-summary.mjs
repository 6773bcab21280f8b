// Adds up jest JSON result files into one plain line, `N passed, N failed, N skipped`.
//   node scripts/test-summary.mjs results1.json results2.json ...
// A test file that could not run (an import that throws, say) has no tests in jest's count;
// it counts as one failed test here so the line never says 0 failed when something broke.
// Exits 1 when anything failed or a results file is missing.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export function summarize(files) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let complete = true;
  for (const file of files) {
    let r;
    try {
      r = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      console.log(`no test results in ${file}: that run did not finish`);
      complete = false;
      continue;
    }
    passed += r.numPassedTests;
    failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
    skipped += r.numPendingTests + r.numTodoTests;
  }
  const line = `${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
  return { line, passed, failed, skipped, complete };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { line, failed, complete } = summarize(process.argv.slice(2));
  console.log(line);
  process.exit(failed === 0 && complete ? 0 : 1);
}
