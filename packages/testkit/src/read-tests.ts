import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./conformance-context.js";
import {
  describeThrown,
  expectSecretManagerError,
  expectTypedError,
  rejectionOf,
} from "./expect-secret-manager-error.js";

/** `asyncReadSecret` and `syncReadSecret`: the two operations every manager has. */
export function describeReadTests(ctx: ConformanceContext): void {
  const timeout = ctx.options.testTimeoutMs;

  describe("reads", () => {
    it(
      "reads back the value of an existing secret",
      async (t) => {
        t.skip(!ctx.canPut, ctx.cannotPut);
        const name = ctx.secretName("read-existing");
        const value = ctx.secretValue();
        await ctx.putSecret(name, value);
        expect(await ctx.readSettled(name, value)).toBe(value);
      },
      timeout,
    );

    it(
      "keeps a value with newlines, quotes, JSON and unicode byte for byte",
      async (t) => {
        t.skip(!ctx.canPut, ctx.cannotPut);
        const name = ctx.secretName("read-exact");
        const value = `${ctx.secretValue()}\n{"json": true, "quote": "'"}\tünïcødé 🔑 `;
        await ctx.putSecret(name, value);
        expect(await ctx.readSettled(name, value)).toBe(value);
      },
      timeout,
    );

    it(
      "resolves undefined for a missing secret",
      async () => {
        const name = ctx.secretName("read-missing");
        let value: string | undefined = "never resolved";
        const error = await rejectionOf(async () => {
          value = await ctx.manager.asyncReadSecret(name);
        });
        // A missing secret is not an error: an adapter that throws "not found" breaks every env-var fallback.
        expect(
          error === undefined,
          `asyncReadSecret threw ${describeThrown(error)} for a missing secret`,
        ).toBe(true);
        expect(value).toBeUndefined();
      },
      timeout,
    );

    it(
      "returns the same value from syncReadSecret as from asyncReadSecret",
      async (t) => {
        t.skip(!ctx.canPut, ctx.cannotPut);
        const name = ctx.secretName("sync-read");
        const value = ctx.secretValue();
        await ctx.putSecret(name, value);
        const asyncValue = await ctx.readSettled(name, value);
        expect(ctx.manager.syncReadSecret(name)).toBe(asyncValue);
        expect(asyncValue).toBe(value);
      },
      timeout,
    );

    it(
      "returns undefined from syncReadSecret for a missing secret",
      () => {
        const name = ctx.secretName("sync-read-missing");
        let value: string | undefined = "not read";
        expect(() => {
          value = ctx.manager.syncReadSecret(name);
        }, "syncReadSecret must return undefined for a missing secret, not throw").not.toThrow();
        expect(value).toBeUndefined();
      },
      timeout,
    );

    it(
      "rejects an empty name with InvalidSecretNameError",
      async () => {
        await expectSecretManagerError(() => ctx.manager.asyncReadSecret(""), {
          code: "INVALID_NAME",
          backend: ctx.manager.secretManagerName,
        });
      },
      timeout,
    );

    it(
      "throws InvalidSecretNameError from syncReadSecret for an empty name",
      () => {
        let thrown: unknown;
        try {
          ctx.manager.syncReadSecret("");
        } catch (error) {
          thrown = error;
        }
        expectTypedError(thrown, ctx.manager.secretManagerName);
        expect(thrown.code).toBe("INVALID_NAME");
      },
      timeout,
    );
  });
}
