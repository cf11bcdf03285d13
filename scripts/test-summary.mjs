// Adds up the JSON reports of Vitest and Playwright into one closing line, and exits non-zero
// when anything failed or a report is missing (a stage that crashed counts as failed).
import { existsSync, readFileSync } from "node:fs";

let passed = 0,
  failed = 0,
  skipped = 0;
const problems = [];
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    problems.push(`${file}: no report (the stage did not run to the end)`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  if (r.stats) {
    // Playwright
    passed += r.stats.expected + r.stats.flaky;
    failed += r.stats.unexpected;
    skipped += r.stats.skipped;
    if (r.errors?.length) {
      failed += r.errors.length;
      problems.push(`${file}: ${r.errors.length} error(s) outside tests`);
    }
    console.log(`${file}: ${r.stats.expected + r.stats.flaky} passed, ${r.stats.unexpected} failed, ${r.stats.skipped} skipped`);
  } else {
    // Vitest
    const suiteFailures = (r.testResults ?? []).filter(
      (t) => t.status === "failed" && (t.assertionResults ?? []).every((a) => a.status !== "failed"),
    ).length;
    passed += r.numPassedTests;
    failed += r.numFailedTests + suiteFailures;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    if (suiteFailures) problems.push(`${file}: ${suiteFailures} test file(s) failed to load or in hooks`);
    console.log(`${file}: ${r.numPassedTests} passed, ${r.numFailedTests + suiteFailures} failed, ${r.numPendingTests} skipped`);
  }
}
for (const p of problems) console.log(`problem: ${p}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
