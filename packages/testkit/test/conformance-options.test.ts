import { describe, expect, it } from "vitest";
import { resolveConformanceOptions } from "../src/conformance-options.js";
import { defaultAwkwardNames, defaultDistinctNamePairs } from "../src/index.js";
import { ReadOnlyInMemorySecretManager } from "./support/read-only-in-memory-secret-manager.js";

const create = () => new ReadOnlyInMemorySecretManager();

describe("resolveConformanceOptions", () => {
  it("fills in the documented defaults", () => {
    const resolved = resolveConformanceOptions({ name: "X", create });
    expect(resolved).toMatchObject({
      secretNamePrefix: "conformance-",
      injectedLatencyMs: 1000,
      shortTimeoutMs: 100,
      concurrentWrites: 50,
      awkwardNames: defaultAwkwardNames,
      distinctNamePairs: defaultDistinctNamePairs,
      eventualConsistency: undefined,
      testTimeoutMs: undefined,
    });
    expect(resolved.reportedName("a/b")).toBe("a/b");
  });

  it("defaults the eventual-consistency poll interval to 100 ms", () => {
    const resolved = resolveConformanceOptions({
      name: "X",
      create,
      eventualConsistency: { withinMs: 2000 },
    });
    expect(resolved.eventualConsistency).toEqual({ withinMs: 2000, pollEveryMs: 100 });
  });

  it("rejects a latency that does not exceed the timeout, naming both options", () => {
    expect(() =>
      resolveConformanceOptions({ name: "X", create, injectedLatencyMs: 50, shortTimeoutMs: 50 }),
    ).toThrow(/injectedLatencyMs \(50\) must exceed shortTimeoutMs \(50\)/);
  });

  it("rejects a concurrency below two", () => {
    expect(() => resolveConformanceOptions({ name: "X", create, concurrentWrites: 1 })).toThrow(
      /concurrentWrites/,
    );
  });

  it("rejects a missing create function", () => {
    expect(() => resolveConformanceOptions({ name: "X" } as never)).toThrow(/`create` must be a function/);
  });
});

describe("defaultAwkwardNames", () => {
  it("includes the 128- and 300-character lengths and a unicode suffix", () => {
    const lengths = defaultAwkwardNames.flatMap((name) => ("length" in name ? [name.length] : []));
    expect(lengths).toEqual([128, 300]);
    expect(defaultAwkwardNames.some((name) => "suffix" in name && /[^\x20-\x7e]/.test(name.suffix))).toBe(
      true,
    );
  });
});
