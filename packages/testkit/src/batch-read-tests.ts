import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./conformance-context.js";

/** `asyncBatchReadSecrets`: many names in one call, each found or `undefined`. */
export function describeBatchReadTests(ctx: ConformanceContext): void {
  const timeout = ctx.options.testTimeoutMs;

  describe("batch reads", () => {
    it(
      "returns each found name's value and undefined for each missing name",
      async (t) => {
        t.skip(!ctx.capabilities.batchRead, ctx.missing("batchRead"));
        t.skip(!ctx.canPut, ctx.cannotPut);
        const found = [ctx.secretName("batch-a"), ctx.secretName("batch-b"), ctx.secretName("batch-c")];
        const missing = [ctx.secretName("batch-missing-a"), ctx.secretName("batch-missing-b")];
        const values = new Map(found.map((name) => [name, ctx.secretValue()]));
        for (const [name, value] of values) {
          await ctx.putSecret(name, value);
          await ctx.readSettled(name, value);
        }
        const names = [missing[0] as string, ...found, missing[1] as string];
        const result = await ctx.manager.asyncBatchReadSecrets(names);
        expect([...result.keys()].sort(), "the result has exactly the names asked for").toEqual(
          [...names].sort(),
        );
        for (const [name, value] of values) expect(result.get(name), `value of ${name}`).toBe(value);
        for (const name of missing) {
          expect(result.has(name), `${name} should be in the result`).toBe(true);
          expect(result.get(name), `${name} is missing, so its value is undefined`).toBeUndefined();
        }
      },
      timeout,
    );

    it(
      "resolves every name to undefined when none exist",
      async (t) => {
        t.skip(!ctx.capabilities.batchRead, ctx.missing("batchRead"));
        const names = [ctx.secretName("batch-none-a"), ctx.secretName("batch-none-b")];
        const result = await ctx.manager.asyncBatchReadSecrets(names);
        expect(result.size, "the result has one entry per name asked for").toBe(2);
        for (const name of names) {
          expect(result.has(name), `${name} should be in the result`).toBe(true);
          expect(result.get(name), `${name} is missing, so its value is undefined`).toBeUndefined();
        }
      },
      timeout,
    );
  });
}
