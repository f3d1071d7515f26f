import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./conformance-context.js";
import { expectSecretManagerError } from "./expect-secret-manager-error.js";
import { operationCalls } from "./operation-calls.js";

/** Every call honours its `signal` and `timeoutMs`, so no call can hang the proxy. */
export function describeAbortAndTimeoutTests(ctx: ConformanceContext): void {
  const timeout = ctx.options.testTimeoutMs;

  const noLatency = `${ctx.options.name} conformance was given no injectLatency option, so a slow backend cannot be simulated`;

  describe("abort signals", () => {
    for (const op of operationCalls) {
      it(
        `rejects ${op.operation} with AbortedError when the signal is already aborted`,
        async (t) => {
          if (op.capability) t.skip(!ctx.capabilities[op.capability], ctx.missing(op.capability));
          const { manager } = ctx;
          const name = ctx.secretName(`abort-${op.operation}`);
          const value = ctx.secretValue();
          // A secret in place, except for the write, so an aborted delete has something it must leave alone.
          const existing = op.operation !== "asyncWriteSecret" && ctx.canPut;
          if (existing) {
            await ctx.putSecret(name, value);
            await ctx.readSettled(name, value);
          }
          const reason = new Error("the caller gave up");
          const controller = new AbortController();
          controller.abort(reason);
          const error = await expectSecretManagerError(
            () => op.call(manager, name, ctx.secretValue(), { signal: controller.signal }),
            {
              code: "ABORTED",
              backend: manager.secretManagerName,
              secretName: op.aboutOneSecret ? [name, ctx.options.reportedName(name)] : undefined,
            },
          );
          expect(error.cause, "the AbortedError's cause is the signal's reason").toBe(reason);
          // Aborted before it started, so nothing changed.
          expect(
            await manager.asyncReadSecret(name),
            `an aborted ${op.operation} must leave the secret as it was`,
          ).toBe(existing ? value : undefined);
        },
        timeout,
      );
    }

    for (const op of operationCalls) {
      // Checking `signal.aborted` once before the request is not enough: the proxy aborts calls already in flight.
      it(
        `rejects ${op.operation} with AbortedError when the signal aborts while the backend is slow`,
        async (t) => {
          t.skip(!ctx.options.injectLatency, noLatency);
          if (op.capability) t.skip(!ctx.capabilities[op.capability], ctx.missing(op.capability));
          const { manager } = ctx;
          const name = ctx.secretName(`abort-in-flight-${op.operation}`);
          if (op.operation !== "asyncWriteSecret" && ctx.canPut) await ctx.putSecret(name, ctx.secretValue());
          await ctx.injectLatency(ctx.options.injectedLatencyMs);
          const reason = new Error("the caller gave up mid-call");
          const controller = new AbortController();
          const abortLater = setTimeout(() => controller.abort(reason), ctx.options.shortTimeoutMs);
          try {
            const error = await expectSecretManagerError(
              () => op.call(manager, name, ctx.secretValue(), { signal: controller.signal }),
              {
                code: "ABORTED",
                backend: manager.secretManagerName,
                secretName: op.aboutOneSecret ? [name, ctx.options.reportedName(name)] : undefined,
              },
            );
            expect(error.cause, "the AbortedError's cause is the signal's reason").toBe(reason);
          } finally {
            clearTimeout(abortLater);
          }
        },
        timeout,
      );
    }
  });

  describe("timeouts", () => {
    for (const op of operationCalls) {
      it(
        `rejects ${op.operation} with SecretManagerTimeoutError when the backend is slower than timeoutMs`,
        async (t) => {
          t.skip(!ctx.options.injectLatency, noLatency);
          if (op.capability) t.skip(!ctx.capabilities[op.capability], ctx.missing(op.capability));
          const { manager } = ctx;
          const name = ctx.secretName(`timeout-${op.operation}`);
          if (op.operation !== "asyncWriteSecret" && ctx.canPut) await ctx.putSecret(name, ctx.secretValue());
          await ctx.injectLatency(ctx.options.injectedLatencyMs);
          await expectSecretManagerError(
            () => op.call(manager, name, ctx.secretValue(), { timeoutMs: ctx.options.shortTimeoutMs }),
            {
              code: "TIMEOUT",
              backend: manager.secretManagerName,
              secretName: op.aboutOneSecret ? [name, ctx.options.reportedName(name)] : undefined,
            },
          );
        },
        timeout,
      );
    }
  });
}
