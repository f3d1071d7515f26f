import { DEFAULT_RECOVERY_WINDOW_IN_DAYS } from "@dheera-ai/secret-manager";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./conformance-context.js";
import { expectSecretManagerError } from "./expect-secret-manager-error.js";

/** `asyncDeleteSecret` and its recovery window, with `asyncRestoreSecret` where the manager has it. */
export function describeDeleteTests(ctx: ConformanceContext): void {
  const timeout = ctx.options.testTimeoutMs;

  describe("deletes", () => {
    it(
      "reads undefined after a delete",
      async (t) => {
        t.skip(!ctx.capabilities.delete, ctx.missing("delete"));
        t.skip(!ctx.canPut, ctx.cannotPut);
        const name = ctx.secretName("delete-existing");
        const value = ctx.secretValue();
        await ctx.putSecret(name, value);
        await ctx.readSettled(name, value);
        const result = await ctx.manager.asyncDeleteSecret(name);
        expect(result.deleted).toBe(true);
        expect(result.name).toBe(ctx.options.reportedName(name));
        expect(await ctx.readSettled(name, undefined)).toBeUndefined();
        expect(ctx.manager.syncReadSecret(name)).toBeUndefined();
      },
      timeout,
    );

    it(
      "reports deleted: false for a missing secret instead of throwing",
      async (t) => {
        t.skip(!ctx.capabilities.delete, ctx.missing("delete"));
        const name = ctx.secretName("delete-missing");
        const result = await ctx.manager.asyncDeleteSecret(name);
        expect(result.deleted).toBe(false);
      },
      timeout,
    );

    it(
      `restores a secret deleted with the default recovery window (${DEFAULT_RECOVERY_WINDOW_IN_DAYS} days)`,
      async (t) => {
        t.skip(!ctx.capabilities.delete, ctx.missing("delete"));
        t.skip(!ctx.capabilities.restore, ctx.missing("restore"));
        t.skip(!ctx.canPut, ctx.cannotPut);
        const name = ctx.secretName("delete-restore");
        const value = ctx.secretValue();
        await ctx.putSecret(name, value);
        await ctx.readSettled(name, value);
        const deleted = await ctx.manager.asyncDeleteSecret(name);
        expect(deleted.deleted).toBe(true);
        if (deleted.recoverableUntil !== undefined) {
          expect(deleted.recoverableUntil).toBeInstanceOf(Date);
          expect(deleted.recoverableUntil.getTime()).toBeGreaterThan(Date.now());
        }
        expect(await ctx.readSettled(name, undefined)).toBeUndefined();
        const restored = await ctx.manager.asyncRestoreSecret(name);
        expect(restored.restored).toBe(true);
        expect(await ctx.readSettled(name, value)).toBe(value);
      },
      timeout,
    );

    it(
      "deletes for good with recoveryWindowInDays: 0",
      async (t) => {
        t.skip(!ctx.capabilities.delete, ctx.missing("delete"));
        t.skip(!ctx.canPut, ctx.cannotPut);
        const name = ctx.secretName("delete-purge");
        const value = ctx.secretValue();
        await ctx.putSecret(name, value);
        await ctx.readSettled(name, value);
        const result = await ctx.manager.asyncDeleteSecret(name, { recoveryWindowInDays: 0 });
        expect(result.deleted).toBe(true);
        expect(result.recoverableUntil).toBeUndefined();
        expect(await ctx.readSettled(name, undefined)).toBeUndefined();
        if (ctx.capabilities.restore) {
          expect((await ctx.manager.asyncRestoreSecret(name)).restored).toBe(false);
          expect(await ctx.manager.asyncReadSecret(name)).toBeUndefined();
        }
      },
      timeout,
    );

    it(
      "reports restored: false for a name that was never deleted",
      async (t) => {
        t.skip(!ctx.capabilities.restore, ctx.missing("restore"));
        const name = ctx.secretName("restore-missing");
        const result = await ctx.manager.asyncRestoreSecret(name);
        expect(result.restored).toBe(false);
      },
      timeout,
    );

    it(
      "rejects recoveryWindowInDays: -1 with InvalidArgumentError and keeps the secret",
      async (t) => {
        t.skip(!ctx.capabilities.delete, ctx.missing("delete"));
        const name = ctx.secretName("delete-invalid-window");
        const value = ctx.secretValue();
        if (ctx.canPut) await ctx.putSecret(name, value);
        await expectSecretManagerError(
          () => ctx.manager.asyncDeleteSecret(name, { recoveryWindowInDays: -1 }),
          {
            code: "INVALID_ARGUMENT",
            backend: ctx.manager.secretManagerName,
            secretName: [name, ctx.options.reportedName(name)],
          },
        );
        if (ctx.canPut) expect(await ctx.readSettled(name, value)).toBe(value);
      },
      timeout,
    );
  });
}
