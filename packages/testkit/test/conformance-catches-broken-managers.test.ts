import { beforeAll, describe, expect, it } from "vitest";
import { brokenManagerCases } from "./support/broken-manager-cases.js";
import { referenceManagerCases } from "./support/reference-manager-cases.js";
import { type FixtureRun, type FixtureTestResult, runConformanceFixtures } from "./support/run-fixtures.js";

let run: FixtureRun;
const resultsOf = (manager: string): FixtureTestResult[] => run.results.filter((r) => r.manager === manager);
const named = (results: readonly FixtureTestResult[], state: FixtureTestResult["state"]) =>
  results.filter((r) => r.state === state).map((r) => r.test);

// One nested vitest for every fixture; its tests run in-process against in-memory managers.
beforeAll(async () => {
  run = await runConformanceFixtures();
}, 120_000);

describe("describeSecretManagerConformance run on fixtures", () => {
  it("loads every fixture and runs without errors outside tests", () => {
    expect(run.runErrors).toEqual([]);
    const managers = new Set(run.results.map((r) => r.manager));
    for (const { options } of brokenManagerCases) expect(managers).toContain(options.name);
    for (const options of Object.values(referenceManagerCases)) expect(managers).toContain(options.name);
  });

  describe("on managers that keep the contract", () => {
    it("passes every test on the in-memory manager and skips only those that need latency, saying why", () => {
      const results = resultsOf(referenceManagerCases.inMemory.name);
      expect(named(results, "failed")).toEqual([]);
      const skipped = results.filter((r) => r.state === "skipped");
      const needLatency = (test: string) =>
        test.startsWith("timeouts > ") || test.endsWith("when the signal aborts while the backend is slow");
      expect(skipped.map((r) => r.test).filter((test) => !needLatency(test))).toEqual([]);
      expect(skipped).toHaveLength(12);
      for (const { note } of skipped) expect(note).toContain("no injectLatency option");
      expect(named(results, "passed").length).toBeGreaterThan(40);
    });

    it("runs and passes the timeout and in-flight abort tests when injectLatency is given", () => {
      const results = resultsOf(referenceManagerCases.withLatency.name);
      expect(named(results, "failed")).toEqual([]);
      expect(named(results, "skipped")).toEqual([]);
      const passed = named(results, "passed");
      expect(passed.filter((test) => test.startsWith("timeouts > "))).toHaveLength(6);
      expect(passed.filter((test) => test.endsWith("while the backend is slow"))).toHaveLength(6);
    });

    it("skips what a read-only manager lacks, naming the capability, and passes the rest", () => {
      const results = resultsOf(referenceManagerCases.readOnlySeeded.name);
      expect(named(results, "failed")).toEqual([]);
      const noteOf = (test: string) => results.find((r) => r.test === test)?.note;
      expect(noteOf("writes > reports created: true for a new secret and reads it back")).toContain(
        "capabilities.write is false",
      );
      expect(noteOf("deletes > reads undefined after a delete")).toContain("capabilities.delete is false");
      expect(noteOf("metadata > resolves undefined when describing a missing secret")).toContain(
        "capabilities.describe is false",
      );
      // Seeded, so the reads of an existing secret and the batch read run instead of being skipped.
      expect(named(results, "passed")).toEqual(
        expect.arrayContaining([
          "reads > reads back the value of an existing secret",
          "batch reads > returns each found name's value and undefined for each missing name",
          "capabilities > rejects asyncWriteSecret with NotSupportedError exactly when capabilities.write is false",
          "secret hygiene > keeps secret values out of every error, its stack and its cause chain",
        ]),
      );
    });

    it("passes on a manager whose reads lag its changes when eventualConsistency is given", () => {
      const results = resultsOf(referenceManagerCases.eventuallyConsistent.name);
      expect(named(results, "failed")).toEqual([]);
      expect(named(results, "passed")).toContain(
        "deletes > restores a secret deleted with the default recovery window (7 days)",
      );
    });

    it("skips reads of an existing secret on a read-only manager without seed, saying why", () => {
      const results = resultsOf(referenceManagerCases.readOnly.name);
      expect(named(results, "failed")).toEqual([]);
      const existing = results.find((r) => r.test === "reads > reads back the value of an existing secret");
      expect(existing?.state).toBe("skipped");
      expect(existing?.note).toContain("no seed option was given");
      expect(named(results, "passed")).toContain("reads > resolves undefined for a missing secret");
    });
  });

  describe("on broken managers", () => {
    for (const { bug, options, mustFail, because } of brokenManagerCases) {
      it(`fails on a manager that ${bug}`, () => {
        const results = resultsOf(options.name);
        const failed = named(results, "failed");
        expect(failed).toEqual(expect.arrayContaining([...mustFail]));
        const messages = results.filter((r) => mustFail.includes(r.test)).flatMap((r) => r.errors);
        expect(messages.some((message) => message.includes(because))).toBe(true);
        // The bug is caught by the tests about it, not by a suite that falls over as a whole.
        expect(named(results, "passed").length).toBeGreaterThan(0);
        expect(failed.length).toBeLessThan(results.length);
      });
    }
  });
});
