import { SecretManagerError } from "@dheera-ai/secret-manager";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./conformance-context.js";
import { rejectionOf } from "./expect-secret-manager-error.js";
import { findSecretLeaks, findSecretLeaksInObject } from "./find-secret-leaks.js";

/** A value must never reach an error, a log line or a `console.log` of the manager. */
export function describeSecretHygieneTests(ctx: ConformanceContext): void {
  const timeout = ctx.options.testTimeoutMs;

  describe("secret hygiene", () => {
    it(
      "keeps secret values out of every error, its stack and its cause chain",
      async (t) => {
        t.skip(!ctx.canPut, ctx.cannotPut);
        const { manager, capabilities } = ctx;
        const name = ctx.secretName("hygiene-errors");
        const stored = ctx.secretValue();
        const offered = ctx.secretValue();
        await ctx.putSecret(name, stored);
        await ctx.readSettled(name, stored);

        const aborted = () => {
          const controller = new AbortController();
          controller.abort(new Error("the caller gave up"));
          return controller.signal;
        };
        const attempts: Array<() => Promise<unknown>> = [
          () => manager.asyncReadSecret(name, { signal: aborted() }),
          () => manager.asyncReadSecret(""),
        ];
        if (capabilities.write) {
          attempts.push(
            () => manager.asyncWriteSecret("", offered),
            () => manager.asyncWriteSecret(name, offered, { signal: aborted() }),
            () => manager.asyncWriteSecret(name, offered, { timeoutMs: -1 }),
          );
        }
        if (capabilities.delete) {
          attempts.push(() => manager.asyncDeleteSecret(name, { recoveryWindowInDays: -1 }));
        }
        if (capabilities.describe)
          attempts.push(() => manager.asyncDescribeSecret(name, { signal: aborted() }));
        if (capabilities.batchRead) {
          attempts.push(async () => {
            // A batch may report a bad name as an error in its result rather than reject.
            const result = await manager.asyncBatchReadSecrets([name, ""]);
            const inResult = [...result.values()].find((entry) => SecretManagerError.isInstance(entry));
            if (inResult) throw inResult;
          });
        }
        const errors: unknown[] = [];
        for (const attempt of attempts) errors.push(await rejectionOf(attempt));
        if (ctx.options.injectLatency) {
          await ctx.injectLatency(ctx.options.injectedLatencyMs);
          const timeoutMs = ctx.options.shortTimeoutMs;
          errors.push(await rejectionOf(() => manager.asyncReadSecret(name, { timeoutMs })));
          if (capabilities.write) {
            errors.push(await rejectionOf(() => manager.asyncWriteSecret(name, offered, { timeoutMs })));
          }
        }

        const thrown = errors.filter((error) => error !== undefined);
        expect(thrown.length, "the suite provoked errors to inspect").toBeGreaterThan(0);
        const secrets = [...fragments(stored), ...fragments(offered)];
        const leaks = thrown.flatMap((error, index) =>
          findSecretLeaks(error, secrets).map((at) => `#${index} ${at}`),
        );
        expect(leaks, `a secret value showed up in: ${leaks.join(", ")}`).toEqual([]);
      },
      timeout,
    );

    it(
      "keeps written values out of util.inspect, String and JSON of the manager",
      async (t) => {
        t.skip(!ctx.canPut, ctx.cannotPut);
        const { manager } = ctx;
        const name = ctx.secretName("hygiene-inspect");
        const value = ctx.secretValue();
        await ctx.putSecret(name, value);
        // Read it too, so a value held in a cache is in memory when the manager is inspected.
        expect(await ctx.readSettled(name, value)).toBe(value);
        const leaks = findSecretLeaksInObject(manager, fragments(value));
        expect(leaks, `a written value showed up in the manager's ${leaks.join(", ")}`).toEqual([]);
      },
      timeout,
    );
  });
}

/**
 * The parts of a suite-made value worth searching for: the whole random part and its halves, so a value cut
 * short or split by a line break is still found.
 */
function fragments(value: string): string[] {
  const random = value.slice(value.lastIndexOf("-") + 1);
  const half = Math.floor(random.length / 2);
  return [random, random.slice(0, half), random.slice(half)];
}
