import { describe, expect, it } from "vitest";
import { SecretCache } from "../src/index.js";
import { recordingLogger } from "./helpers/config-folder.js";

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** A loader that counts its calls and returns what `next` says. */
function loader(values: (string | undefined | Error)[]) {
  let calls = 0;
  const load = async () => {
    const value = values[Math.min(calls, values.length - 1)];
    calls++;
    if (value instanceof Error) throw value;
    return value;
  };
  return { load, calls: () => calls };
}

describe("SecretCache", () => {
  it("serves a value for its TTL, then asks the backend again", async () => {
    const clock = fakeClock();
    const cache = new SecretCache({ ttlMs: 1000, refreshAheadMs: 0, now: clock.now });
    const source = loader(["v1", "v2"]);
    expect(await cache.get("A", source.load)).toBe("v1");
    clock.advance(999);
    expect(await cache.get("A", source.load)).toBe("v1");
    expect(source.calls()).toBe(1);
    clock.advance(1);
    expect(await cache.get("A", source.load)).toBe("v2");
    expect(source.calls()).toBe(2);
  });

  it("keeps a value 300 seconds by default", async () => {
    const clock = fakeClock();
    const cache = new SecretCache({ refreshAheadMs: 0, now: clock.now });
    const source = loader(["v1", "v2"]);
    await cache.get("A", source.load);
    clock.advance(299_999);
    expect(await cache.get("A", source.load)).toBe("v1");
    clock.advance(1);
    expect(await cache.get("A", source.load)).toBe("v2");
    expect(source.calls()).toBe(2);
  });

  it("does not cache misses", async () => {
    const cache = new SecretCache();
    const source = loader([undefined, "created later"]);
    expect(await cache.get("A", source.load)).toBeUndefined();
    expect(await cache.get("A", source.load)).toBe("created later");
    expect(source.calls()).toBe(2);
  });

  it("shares one backend call among concurrent reads of one name", async () => {
    const cache = new SecretCache();
    const source = loader(["v"]);
    const values = await Promise.all(Array.from({ length: 1000 }, () => cache.get("A", source.load)));
    expect(new Set(values)).toEqual(new Set(["v"]));
    expect(source.calls()).toBe(1);
  });

  it("refreshes in the background near expiry while serving the cached value", async () => {
    const clock = fakeClock();
    const cache = new SecretCache({ ttlMs: 1000, refreshAheadMs: 100, now: clock.now });
    const source = loader(["old", "new"]);
    await cache.get("A", source.load);
    clock.advance(950);
    expect(await cache.get("A", source.load)).toBe("old");
    expect(source.calls()).toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(cache.peek("A")).toBe("new");
  });

  it("serves the last good value for a bounded time when the backend fails, and says so", async () => {
    const clock = fakeClock();
    const log = recordingLogger();
    const cache = new SecretCache({
      ttlMs: 1000,
      refreshAheadMs: 0,
      staleIfErrorMs: 5000,
      now: clock.now,
      logger: log.logger,
    });
    const down = new Error("backend down");
    const source = loader(["last-good-value", down]);
    await cache.get("A", source.load);
    clock.advance(1000 + 4999);
    expect(await cache.get("A", source.load)).toBe("last-good-value");
    expect(log.warnings[0]?.message).toContain('secret "A"');
    expect(log.warnings[0]?.message).toContain("last good value");
    expect(log.text()).not.toContain("last-good-value");
    clock.advance(1);
    await expect(cache.get("A", source.load)).rejects.toBe(down);
  });

  it("keeps at most maxEntries names, dropping the least recently used", async () => {
    const cache = new SecretCache({ maxEntries: 2 });
    await cache.get("A", async () => "a");
    await cache.get("B", async () => "b");
    await cache.get("A", async () => "unused");
    await cache.get("C", async () => "c");
    expect(cache.size).toBe(2);
    expect(cache.peek("A")).toBe("a");
    expect(cache.peek("B")).toBeUndefined();
    expect(cache.peek("C")).toBe("c");
  });

  it("invalidate makes the next read ask the backend", async () => {
    const cache = new SecretCache();
    const source = loader(["v1", "v2"]);
    await cache.get("A", source.load);
    cache.invalidate("A");
    expect(await cache.get("A", source.load)).toBe("v2");
  });

  it("a read that started before a write does not overwrite the written value", async () => {
    const cache = new SecretCache();
    let release: (value: string) => void = () => {};
    const slow = cache.get("A", () => new Promise<string>((resolve) => (release = resolve)));
    cache.set("A", "written");
    release("stale read");
    expect(await slow).toBe("stale read");
    expect(cache.peek("A")).toBe("written");
  });
});
