import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./conformance-context.js";
import { expectSecretManagerError } from "./expect-secret-manager-error.js";

/** `asyncWriteSecret`: create, overwrite, and what the result says. */
export function describeWriteTests(ctx: ConformanceContext): void {
  const timeout = ctx.options.testTimeoutMs;

  describe("writes", () => {
    it(
      "reports created: true for a new secret and reads it back",
      async (t) => {
        t.skip(!ctx.capabilities.write, ctx.missing("write"));
        const name = ctx.secretName("write-new");
        const value = ctx.secretValue();
        const result = await ctx.manager.asyncWriteSecret(name, value);
        expect(result.created, "asyncWriteSecret of a new name must report created: true").toBe(true);
        expect(await ctx.readSettled(name, value), "asyncReadSecret after the write returns its value").toBe(
          value,
        );
      },
      timeout,
    );

    it(
      "reports created: false for an overwrite and reads the new value back",
      async (t) => {
        t.skip(!ctx.capabilities.write, ctx.missing("write"));
        const name = ctx.secretName("write-overwrite");
        const first = ctx.secretValue();
        const second = ctx.secretValue();
        await ctx.manager.asyncWriteSecret(name, first);
        await ctx.readSettled(name, first);
        const result = await ctx.manager.asyncWriteSecret(name, second);
        expect(result.created, "asyncWriteSecret over an existing secret must report created: false").toBe(
          false,
        );
        expect(
          await ctx.readSettled(name, second),
          "asyncReadSecret after the overwrite returns the new value",
        ).toBe(second);
      },
      timeout,
    );

    it(
      "returns a result with the name, a boolean created and an optional string versionId",
      async (t) => {
        t.skip(!ctx.capabilities.write, ctx.missing("write"));
        const name = ctx.secretName("write-shape");
        const result = await ctx.manager.asyncWriteSecret(name, ctx.secretValue());
        expect(
          result.name,
          "WriteSecretResult.name is the name written (pass reportedName when the adapter reports a mapped one)",
        ).toBe(ctx.options.reportedName(name));
        expect(typeof result.created, "WriteSecretResult.created must be a boolean").toBe("boolean");
        if (result.versionId !== undefined) {
          expect(typeof result.versionId, "WriteSecretResult.versionId, when set, is a string").toBe(
            "string",
          );
          expect(
            result.versionId.length,
            "WriteSecretResult.versionId, when set, is not empty",
          ).toBeGreaterThan(0);
        }
      },
      timeout,
    );

    it(
      "rejects an empty name with InvalidSecretNameError",
      async (t) => {
        t.skip(!ctx.capabilities.write, ctx.missing("write"));
        await expectSecretManagerError(() => ctx.manager.asyncWriteSecret("", ctx.secretValue()), {
          code: "INVALID_NAME",
          backend: ctx.manager.secretManagerName,
        });
      },
      timeout,
    );
  });
}
