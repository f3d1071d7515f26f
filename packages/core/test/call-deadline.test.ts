import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AbortedError,
  type CallContext,
  InvalidArgumentError,
  SecretManagerError,
  SecretManagerTimeoutError,
  withDeadline,
} from "../src/index.js";

const context: CallContext = { backend: "hashicorp_vault", secretName: "OPENAI_API_KEY" };

/** An SDK call that never settles and never looks at its signal. */
const ignoresSignal = (): Promise<string> => new Promise<string>(() => {});

/** An SDK call that settles only when aborted, rejecting with the signal's reason (as fetch does). */
const honoursSignal = (signal: AbortSignal): Promise<string> =>
  new Promise<string>((_resolve, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });

const rejectionOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => expect.fail("the call resolved"),
    (error: unknown) => error,
  );

afterEach(() => {
  vi.restoreAllMocks();
});

describe("withDeadline", () => {
  describe("with no timeout and no signal", () => {
    it("resolves with the work's value and hands it a live signal", async () => {
      let given: AbortSignal | undefined;
      const value = await withDeadline(context, async (signal) => {
        given = signal;
        return "value";
      });
      expect(value).toBe("value");
      expect(given).toBeInstanceOf(AbortSignal);
      expect(given?.aborted).toBe(false);
    });

    it("turns a synchronous throw of the work into a rejection", async () => {
      const boom = new Error("sdk threw");
      const call = withDeadline(context, () => {
        throw boom;
      });
      await expect(call).rejects.toBe(boom);
    });
  });

  describe("with a timeout", () => {
    it("resolves with the work's value when it finishes in time", async () => {
      await expect(withDeadline({ ...context, timeoutMs: 60_000 }, async () => 42)).resolves.toBe(42);
    });

    it("passes the work's own error through unchanged when nothing was aborted", async () => {
      const sdkError = new Error("403 permission denied");
      const error = await rejectionOf(
        withDeadline({ ...context, timeoutMs: 60_000 }, async () => {
          throw sdkError;
        }),
      );
      expect(error).toBe(sdkError);
    });

    it("rejects with a SecretManagerTimeoutError when an SDK ignores the signal", async () => {
      let given: AbortSignal | undefined;
      const error = await rejectionOf(
        withDeadline({ ...context, timeoutMs: 5 }, (signal) => {
          given = signal;
          return ignoresSignal();
        }),
      );
      expect(SecretManagerTimeoutError.isInstance(error)).toBe(true);
      const timeout = error as SecretManagerTimeoutError;
      expect(timeout.code).toBe("TIMEOUT");
      expect(timeout.timeoutMs).toBe(5);
      expect(timeout.isRetryable).toBe(true);
      expect(timeout.backend).toBe("hashicorp_vault");
      expect(timeout.secretName).toBe("OPENAI_API_KEY");
      expect(timeout.message).toContain("timed out after 5 ms");
      expect(given?.aborted).toBe(true);
    });

    it("reports the timeout, not the SDK's abort error, when the SDK honours the signal", async () => {
      const error = await rejectionOf(withDeadline({ ...context, timeoutMs: 5 }, honoursSignal));
      expect(error).toBeInstanceOf(SecretManagerTimeoutError);
      expect((error as SecretManagerTimeoutError).timeoutMs).toBe(5);
    });

    it("accepts a timeout of 0", async () => {
      const error = await rejectionOf(withDeadline({ ...context, timeoutMs: 0 }, ignoresSignal));
      expect(error).toBeInstanceOf(SecretManagerTimeoutError);
      expect((error as SecretManagerTimeoutError).timeoutMs).toBe(0);
    });

    it.each([
      ["negative", -1],
      ["NaN", Number.NaN],
      ["infinite", Number.POSITIVE_INFINITY],
    ])(
      "rejects a %s timeout with an InvalidArgumentError before doing any work",
      async (_label, timeoutMs) => {
        const work = vi.fn(async () => "value");
        const call = withDeadline({ ...context, timeoutMs }, work);
        expect(call).toBeInstanceOf(Promise);
        const error = await rejectionOf(call);
        expect(InvalidArgumentError.isInstance(error)).toBe(true);
        const invalid = error as InvalidArgumentError;
        expect(invalid.code).toBe("INVALID_ARGUMENT");
        expect(invalid.backend).toBe("hashicorp_vault");
        expect(invalid.secretName).toBe("OPENAI_API_KEY");
        expect(invalid.message).toContain("timeoutMs");
        expect(work).not.toHaveBeenCalled();
      },
    );
  });

  describe("with the caller's abort signal", () => {
    it("rejects with an AbortedError whose cause is the reason, even when the SDK ignores the signal", async () => {
      const controller = new AbortController();
      const reason = new Error("request cancelled by client");
      let given: AbortSignal | undefined;
      const call = withDeadline({ ...context, signal: controller.signal }, (signal) => {
        given = signal;
        return ignoresSignal();
      });
      controller.abort(reason);
      const error = await rejectionOf(call);
      expect(AbortedError.isInstance(error)).toBe(true);
      const aborted = error as AbortedError;
      expect(aborted.code).toBe("ABORTED");
      expect(aborted.cause).toBe(reason);
      expect(aborted.isRetryable).toBe(false);
      expect(aborted.backend).toBe("hashicorp_vault");
      expect(aborted.secretName).toBe("OPENAI_API_KEY");
      expect(given?.aborted).toBe(true);
    });

    it("reports the abort, not the SDK's abort error, when the SDK honours the signal", async () => {
      const controller = new AbortController();
      const call = withDeadline({ ...context, signal: controller.signal, timeoutMs: 60_000 }, honoursSignal);
      controller.abort("shutting down");
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(AbortedError);
      expect((error as AbortedError).cause).toBe("shutting down");
    });

    it("rejects at once without calling the work when the signal is already aborted", async () => {
      const work = vi.fn(async () => "value");
      const reason = new Error("gone");
      const error = await rejectionOf(withDeadline({ ...context, signal: AbortSignal.abort(reason) }, work));
      expect(error).toBeInstanceOf(AbortedError);
      expect((error as AbortedError).cause).toBe(reason);
      expect(work).not.toHaveBeenCalled();
    });

    it("reports the caller's abort when it comes before the timeout", async () => {
      const controller = new AbortController();
      const call = withDeadline({ ...context, signal: controller.signal, timeoutMs: 60_000 }, ignoresSignal);
      controller.abort();
      expect(await rejectionOf(call)).toBeInstanceOf(AbortedError);
    });

    it("reports the timeout when it comes before the caller's abort", async () => {
      const controller = new AbortController();
      const error = await rejectionOf(
        withDeadline({ ...context, signal: controller.signal, timeoutMs: 5 }, ignoresSignal),
      );
      expect(error).toBeInstanceOf(SecretManagerTimeoutError);
      expect(SecretManagerError.isInstance(error)).toBe(true);
    });
  });

  describe("listeners", () => {
    it("removes its abort listener from the caller's signal however the work ends", async () => {
      const controller = new AbortController();
      const { signal } = controller;
      for (let i = 0; i < 20; i++) {
        await withDeadline({ ...context, signal }, async () => "ok");
        await withDeadline({ ...context, signal }, async () => {
          throw new Error("sdk failed");
        }).catch(() => undefined);
        await withDeadline({ ...context, signal }, () => {
          throw new Error("sdk threw synchronously");
        }).catch(() => undefined);
      }
      expect(getEventListeners(signal, "abort")).toHaveLength(0);
    });

    it("holds its listener only while the work runs", async () => {
      const controller = new AbortController();
      let finish: (value: string) => void = () => {};
      let listenersDuringWork = -1;
      const call = withDeadline(
        { ...context, signal: controller.signal },
        (signal) =>
          new Promise<string>((resolve) => {
            listenersDuringWork = getEventListeners(signal, "abort").length;
            finish = resolve;
          }),
      );
      expect(listenersDuringWork).toBe(1);
      finish("done");
      await expect(call).resolves.toBe("done");
      expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    });

    it("removes its listener from the combined signal of a timeout and the caller's signal", async () => {
      const combined: AbortSignal[] = [];
      const any = AbortSignal.any.bind(AbortSignal);
      vi.spyOn(AbortSignal, "any").mockImplementation((signals) => {
        const signal = any(signals);
        combined.push(signal);
        return signal;
      });
      const controller = new AbortController();
      await withDeadline({ ...context, signal: controller.signal, timeoutMs: 60_000 }, async () => "ok");
      await withDeadline({ ...context, signal: controller.signal, timeoutMs: 60_000 }, async () => {
        throw new Error("sdk failed");
      }).catch(() => undefined);
      expect(combined).toHaveLength(2);
      for (const signal of combined) expect(getEventListeners(signal, "abort")).toHaveLength(0);
    });
  });
});
