import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./conformance-context.js";
import { describeThrown, expectTypedError, rejectionOf } from "./expect-secret-manager-error.js";

/**
 * Names backends disagree on. Each must round-trip or be refused with `InvalidSecretNameError`: the failure that
 * matters is the silent one, a write that "succeeds" into a mangled name another secret shares.
 */
export function describeAwkwardNameTests(ctx: ConformanceContext): void {
  const timeout = ctx.options.testTimeoutMs;

  describe("awkward names", () => {
    for (const awkward of ctx.options.awkwardNames) {
      it(
        `round-trips or rejects with InvalidSecretNameError a name with ${awkward.label}`,
        async (t) => {
          t.skip(!ctx.capabilities.write, ctx.missing("write"));
          const { manager } = ctx;
          const name = ctx.awkwardName(awkward);
          const value = ctx.secretValue();
          const writeError = await rejectionOf(() => manager.asyncWriteSecret(name, value));
          if (writeError !== undefined) {
            expectTypedError(writeError, manager.secretManagerName);
            expect(writeError.code, `a refused name is INVALID_NAME, got ${describeThrown(writeError)}`).toBe(
              "INVALID_NAME",
            );
            // Refused on write, so a read may refuse too, but must not find anything.
            let read: string | undefined;
            const readError = await rejectionOf(async () => {
              read = await manager.asyncReadSecret(name);
            });
            if (readError === undefined)
              expect(read, "a name refused on write reads nothing").toBeUndefined();
            else
              expect(readError, "a read of a refused name may only refuse it too").toMatchObject({
                code: "INVALID_NAME",
              });
            return;
          }
          expect(
            await ctx.readSettled(name, value),
            "the write succeeded, so the read returns its value",
          ).toBe(value);
          if (ctx.capabilities.delete) {
            const deleted = await manager.asyncDeleteSecret(name, { recoveryWindowInDays: 0 });
            expect(deleted.deleted, "the awkward name deletes like any other").toBe(true);
            expect(
              await ctx.readSettled(name, undefined),
              "asyncReadSecret after the delete",
            ).toBeUndefined();
          }
        },
        timeout,
      );
    }

    for (const [suffix, otherSuffix] of ctx.options.distinctNamePairs) {
      it(
        `keeps names ending in "${suffix}" and "${otherSuffix}" apart`,
        async (t) => {
          t.skip(!ctx.capabilities.write, ctx.missing("write"));
          const { manager } = ctx;
          const [name, otherName] = ctx.namesSharingBase("pair", [suffix, otherSuffix]) as [string, string];
          const value = ctx.secretValue();
          const otherValue = ctx.secretValue();
          const backend = manager.secretManagerName;

          const writeError = await rejectionOf(() => manager.asyncWriteSecret(name, value));
          if (writeError !== undefined) {
            expectTypedError(writeError, backend);
            expect(writeError.code, `a refused name is INVALID_NAME, got ${describeThrown(writeError)}`).toBe(
              "INVALID_NAME",
            );
          }
          const otherError = await rejectionOf(() => manager.asyncWriteSecret(otherName, otherValue));
          if (otherError !== undefined) {
            expectTypedError(otherError, backend);
            // An adapter that maps both names to one may refuse the second instead of overwriting the first.
            expect(
              ["INVALID_NAME", "CONFLICT"],
              `the second name may only be refused as INVALID_NAME or CONFLICT, got ${describeThrown(otherError)}`,
            ).toContain(otherError.code);
          }
          if (writeError === undefined) {
            expect(await ctx.readSettled(name, value), `${name} reads its own value`).toBe(value);
          }
          if (otherError === undefined) {
            expect(await ctx.readSettled(otherName, otherValue), `${otherName} reads its own value`).toBe(
              otherValue,
            );
          }
          if (writeError === undefined && otherError === undefined && ctx.capabilities.delete) {
            await manager.asyncDeleteSecret(name, { recoveryWindowInDays: 0 });
            expect(await ctx.readSettled(otherName, otherValue), `deleting ${name} keeps ${otherName}`).toBe(
              otherValue,
            );
          }
        },
        timeout,
      );
    }
  });
}
