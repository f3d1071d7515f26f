import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./conformance-context.js";

/** Parallel calls, as the proxy makes them at startup, must not lose or mix up secrets. */
export function describeConcurrencyTests(ctx: ConformanceContext): void {
  const timeout = ctx.options.testTimeoutMs;
  const count = ctx.options.concurrentWrites;

  describe("concurrency", () => {
    it(
      `loses nothing when writing ${count} distinct secrets at once`,
      async (t) => {
        t.skip(!ctx.capabilities.write, ctx.missing("write"));
        const { manager } = ctx;
        const secrets = Array.from({ length: count }, (_, index) => ({
          name: ctx.secretName(`concurrent-${index}`),
          value: ctx.secretValue(),
        }));
        const results = await Promise.all(
          secrets.map(({ name, value }) => manager.asyncWriteSecret(name, value)),
        );
        expect(
          results.map((result) => result.created),
          "each write of a new name reports created: true",
        ).toEqual(secrets.map(() => true));
        const read = await Promise.all(secrets.map(({ name, value }) => ctx.readSettled(name, value)));
        const lost = secrets.filter(({ value }, index) => read[index] !== value).map(({ name }) => name);
        expect(lost, "secrets that did not read back their own value").toEqual([]);
      },
      timeout,
    );

    it(
      "ends with one of the written values after concurrent overwrites of one secret",
      async (t) => {
        t.skip(!ctx.capabilities.write, ctx.missing("write"));
        const { manager } = ctx;
        const name = ctx.secretName("concurrent-overwrite");
        const values = Array.from({ length: 10 }, () => ctx.secretValue());
        const outcomes = await Promise.allSettled(
          values.map((value) => manager.asyncWriteSecret(name, value)),
        );
        // A backend may refuse some racing writes (a conflict), but at least one lands and nothing is mixed.
        const landed = values.filter((_, index) => outcomes[index]?.status === "fulfilled");
        expect(landed.length, "at least one of the racing writes must succeed").toBeGreaterThan(0);
        const final = await ctx.readSettled(name, (value) => value !== undefined && landed.includes(value));
        expect(landed, "the secret ends with one of the values written").toContain(final);
      },
      timeout,
    );
  });
}
