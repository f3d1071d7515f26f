import { fileURLToPath } from "node:url";
import type { TestCase } from "vitest/node";
import { startVitest } from "vitest/node";

/** One test of a nested run, named by its suite (`<name> conformance`) and its path inside it. */
export interface FixtureTestResult {
  /** The manager's `name` option, e.g. `ThrowsOnMissing`. */
  readonly manager: string;
  /** `group > test`, e.g. `reads > resolves undefined for a missing secret`. */
  readonly test: string;
  readonly state: "passed" | "failed" | "skipped" | "pending";
  /** The note of a `ctx.skip(note)`. */
  readonly note: string | undefined;
  /** The failure messages of a failed test. */
  readonly errors: readonly string[];
}

export interface FixtureRun {
  readonly results: readonly FixtureTestResult[];
  /** Errors outside any test (a fixture that failed to load, an unhandled rejection). */
  readonly runErrors: readonly string[];
}

const fixturesDir = fileURLToPath(new URL("../fixtures/", import.meta.url));

/**
 * Runs every `*.fixture.ts` in one nested vitest, so the suite can be seen failing without failing this run.
 * A silent reporter keeps the nested output out of the outer report.
 */
export async function runConformanceFixtures(): Promise<FixtureRun> {
  const exitCode = process.exitCode;
  const vitest = await startVitest([], {
    root: fixturesDir,
    config: false,
    watch: false,
    include: ["*.fixture.ts"],
    pool: "threads",
    reporters: [{}],
    // The outer run may be under coverage or a filter; the nested one must run everything, plainly.
    coverage: { enabled: false },
  });
  try {
    const results = vitest.state
      .getTestModules()
      .flatMap((module) => [...module.children.allTests()].map(toResult));
    const runErrors = [
      ...vitest.state.getUnhandledErrors().map(String),
      ...vitest.state.getTestModules().flatMap((module) => module.errors().map((error) => error.message)),
    ];
    return { results, runErrors };
  } finally {
    await vitest.close();
    // The nested run fails on purpose; its verdict must not become this process's exit code.
    process.exitCode = exitCode;
  }
}

function toResult(test: TestCase): FixtureTestResult {
  const path = [test.name];
  let parent = test.parent;
  while (parent.type === "suite") {
    path.unshift(parent.name);
    parent = parent.parent;
  }
  const [suite = "", ...rest] = path;
  const result = test.result();
  return {
    manager: suite.replace(/ conformance$/, ""),
    test: rest.join(" > "),
    state: result.state,
    note: result.state === "skipped" ? result.note : undefined,
    errors: result.state === "failed" ? result.errors.map((error) => error.message) : [],
  };
}
