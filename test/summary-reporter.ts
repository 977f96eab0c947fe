// Ends the run with one plain "N passed, N failed" line that CI logs can be read by. It must never
// say "0 failed" when anything failed: tests a failed hook kept from running count as failed, and
// so does a module that failed to load or whose afterAll threw; the line before it names them.
import type { Reporter, SerializedError, TestModule, TestSuite } from 'vitest/node';

/** The first line of the first error a module or suite itself reported (not its tests'). */
function ownError(entity: TestModule | TestSuite): string | undefined {
  const [error] = entity.errors();
  return error === undefined ? undefined : (error.message ?? String(error)).split('\n')[0];
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const counts = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    const broken: string[] = [];
    for (const module of modules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        let state = test.result().state;
        if (state === 'skipped' || state === 'pending') {
          // Kept from running by a suite (or the module) whose own hooks failed: a failure.
          for (let parent = test.parent; ; parent = (parent as TestSuite).parent) {
            const error = ownError(parent);
            if (error !== undefined) {
              state = 'failed';
              broken.push(`${test.fullName} (not run: ${error})`);
              break;
            }
            if (parent.type === 'module') break;
          }
        }
        counts[state] += 1;
        if (state === 'failed') failedHere += 1;
      }
      // A module that failed with no failed test of its own: failed to load, or an afterAll threw.
      if (failedHere === 0 && module.state() === 'failed') {
        counts.failed += 1;
        broken.push(`${module.relativeModuleId} (${ownError(module) ?? 'failed outside its tests'})`);
      }
    }
    if (unhandledErrors.length > 0) {
      counts.failed += unhandledErrors.length;
      broken.push(`${unhandledErrors.length} unhandled error(s) outside any test`);
    }
    if (broken.length > 0) console.log(`failed outside a test body:\n  ${broken.join('\n  ')}`);
    const skipped = counts.skipped + counts.pending;
    console.log(`${counts.passed} passed, ${counts.failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  }
}
