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
        expect(result.deleted, "asyncDeleteSecret of an existing secret must report deleted: true").toBe(
          true,
        );
        expect(
          result.name,
          "DeleteSecretResult.name is the name deleted (pass reportedName when the adapter reports a mapped one)",
        ).toBe(ctx.options.reportedName(name));
        expect(await ctx.readSettled(name, undefined), "asyncReadSecret after a delete").toBeUndefined();
        expect(ctx.manager.syncReadSecret(name), "syncReadSecret after a delete").toBeUndefined();
      },
      timeout,
    );

    it(
      "reports deleted: false for a missing secret instead of throwing",
      async (t) => {
        t.skip(!ctx.capabilities.delete, ctx.missing("delete"));
        const name = ctx.secretName("delete-missing");
        const result = await ctx.manager.asyncDeleteSecret(name);
        expect(result.deleted, "asyncDeleteSecret of a missing secret must report deleted: false").toBe(
          false,
        );
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
        expect(deleted.deleted, "asyncDeleteSecret of an existing secret must report deleted: true").toBe(
          true,
        );
        if (deleted.recoverableUntil !== undefined) {
          expect(
            deleted.recoverableUntil,
            "DeleteSecretResult.recoverableUntil, when set, is a Date",
          ).toBeInstanceOf(Date);
          expect(
            deleted.recoverableUntil.getTime(),
            "DeleteSecretResult.recoverableUntil of a recoverable delete lies in the future",
          ).toBeGreaterThan(Date.now());
        }
        expect(await ctx.readSettled(name, undefined), "asyncReadSecret after a delete").toBeUndefined();
        const restored = await ctx.manager.asyncRestoreSecret(name);
        expect(
          restored.restored,
          "asyncRestoreSecret within the recovery window must report restored: true",
        ).toBe(true);
        expect(
          await ctx.readSettled(name, value),
          "asyncReadSecret after the restore returns the value",
        ).toBe(value);
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
        expect(result.deleted, "asyncDeleteSecret of an existing secret must report deleted: true").toBe(
          true,
        );
        expect(
          result.recoverableUntil,
          "a delete with recoveryWindowInDays: 0 is final, so it has no recoverableUntil",
        ).toBeUndefined();
        expect(
          await ctx.readSettled(name, undefined),
          "asyncReadSecret after a final delete",
        ).toBeUndefined();
        if (ctx.capabilities.restore) {
          expect(
            (await ctx.manager.asyncRestoreSecret(name)).restored,
            "asyncRestoreSecret after recoveryWindowInDays: 0 must report restored: false",
          ).toBe(false);
          expect(
            await ctx.manager.asyncReadSecret(name),
            "asyncReadSecret after restoring a purged secret",
          ).toBeUndefined();
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
        expect(
          result.restored,
          "asyncRestoreSecret of a name never deleted must report restored: false",
        ).toBe(false);
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
        if (ctx.canPut) {
          expect(await ctx.readSettled(name, value), "a refused delete must keep the secret").toBe(value);
        }
      },
      timeout,
    );
  });
}
