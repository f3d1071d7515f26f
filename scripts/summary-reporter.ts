import type { Reporter, SerializedError, TestModule, TestRunEndReason } from "vitest/node";

// Prints one plain "N passed, N failed, N skipped" line at the very end, so a CI reading only the last line
// of the log sees what ran without knowing vitest's own summary format. A file or hook that failed outside any
// test, and an unhandled error, count as failures too: its tests never ran, and the run did fail.
export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    _reason: TestRunEndReason,
  ): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failedTests++;
        else skipped++;
      }
      failed += failedTests;
      if (failedTests === 0 && module.state() === "failed") failed++;
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
