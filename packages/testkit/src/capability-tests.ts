import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./conformance-context.js";
import { describeThrown, expectSecretManagerError, rejectionOf } from "./expect-secret-manager-error.js";
import { optionalOperationCalls } from "./operation-calls.js";

/** `capabilities` tells the truth: callers branch on it instead of catching `NotSupportedError`. */
export function describeCapabilityTests(ctx: ConformanceContext): void {
  const timeout = ctx.options.testTimeoutMs;

  describe("capabilities", () => {
    it(
      "reports read and syncRead, and agrees with supports() for every optional operation",
      () => {
        const { manager, capabilities } = ctx;
        expect(capabilities.read, "capabilities.read must be true: every manager reads").toBe(true);
        expect(
          capabilities.syncRead,
          "capabilities.syncRead must be true: every manager reads synchronously",
        ).toBe(true);
        for (const op of optionalOperationCalls) {
          expect(
            capabilities[op.capability],
            `capabilities.${op.capability} vs supports("${op.operation}")`,
          ).toBe(manager.supports(op.operation));
        }
      },
      timeout,
    );

    for (const op of optionalOperationCalls) {
      it(
        `rejects ${op.operation} with NotSupportedError exactly when capabilities.${op.capability} is false`,
        async () => {
          const { manager } = ctx;
          const name = ctx.secretName(`capability-${op.operation}`);
          const call = () => op.call(manager, name, ctx.secretValue(), {});
          if (!ctx.capabilities[op.capability]) {
            const error = await expectSecretManagerError(call, {
              code: "NOT_SUPPORTED",
              backend: manager.secretManagerName,
              secretName: op.aboutOneSecret ? [name, ctx.options.reportedName(name)] : undefined,
            });
            expect(error).toMatchObject({ operation: op.operation });
            return;
          }
          // On a fresh name every supported operation has a plain answer (undefined, deleted: false, …), not an error.
          const error = await rejectionOf(call);
          expect(
            error === undefined,
            `${op.operation} is reported supported but rejected with ${describeThrown(error)}`,
          ).toBe(true);
        },
        timeout,
      );
    }
  });
}
