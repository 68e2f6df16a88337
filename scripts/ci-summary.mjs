// Reads vitest's JSON report and prints the one closing line CI reads: "N passed, N failed".
// Failed checks (typecheck, lint) and a non-zero test exit count as failures; no test run fails.
import { existsSync, readFileSync } from 'node:fs';

const [reportPath, failedChecksArg = '0', testStatusArg = '0'] = process.argv.slice(2);
const failedChecks = Number(failedChecksArg);
const testStatus = Number(testStatusArg);

let passed = 0;
let failed = 0;
let skipped = 0;
if (reportPath && existsSync(reportPath)) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A test file that failed to load has no failed tests but is a failure.
  failed += (report.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).every((a) => a.status !== 'failed')).length;
} else {
  console.log(`no test report at ${reportPath}`);
}
if (failedChecks > 0) console.log(`${failedChecks} check(s) failed (typecheck/lint)`);
failed += failedChecks;
if (testStatus !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
