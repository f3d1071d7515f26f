import { AbortedError, InvalidArgumentError, SecretManagerTimeoutError } from "./errors.js";
import type { CallOptions, Milliseconds } from "./secret-operations.js";

/** Who is calling, for the errors a deadline produces. */
export interface CallContext extends Pick<CallOptions, "timeoutMs" | "signal"> {
  backend: string;
  secretName?: string | undefined;
}

/**
 * Runs `work` under the call's timeout and abort signal. `work` receives one signal that fires on either, to hand
 * to the SDK; and the returned promise settles when the deadline passes even if the SDK ignores that signal, so no
 * call can hang its caller.
 */
export function withDeadline<T>(context: CallContext, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const { timeoutMs, signal: callerSignal } = context;
  // A promise-returning function rejects rather than throws, so callers need only one error path.
  try {
    assertTimeout(timeoutMs, context);
  } catch (error) {
    return Promise.reject(error);
  }
  const timeoutSignal = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
  const signals = [callerSignal, timeoutSignal].filter((s): s is AbortSignal => s !== undefined);
  if (signals.length === 0) return invoke(work, new AbortController().signal);
  const signal = signals.length === 1 ? (signals[0] as AbortSignal) : AbortSignal.any(signals);

  const deadlineError = () =>
    timeoutSignal?.aborted && !callerSignal?.aborted
      ? new SecretManagerTimeoutError(`call timed out after ${timeoutMs} ms`, { ...context, timeoutMs })
      : new AbortedError("call aborted", { ...context, cause: callerSignal?.reason });

  if (signal.aborted) return Promise.reject(deadlineError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(deadlineError());
    signal.addEventListener("abort", onAbort, { once: true });
    invoke(work, signal)
      .then(resolve, (error: unknown) => reject(signal.aborted ? deadlineError() : error))
      .finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Turns a synchronous throw of `work` into a rejection, so the abort listener is still removed. */
function invoke<T>(work: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
  try {
    return Promise.resolve(work(signal));
  } catch (error) {
    return Promise.reject(error);
  }
}

function assertTimeout(timeoutMs: Milliseconds | undefined, context: CallContext): void {
  if (timeoutMs === undefined) return;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0) {
    throw new InvalidArgumentError(
      `timeoutMs must be a non-negative number of milliseconds, got ${timeoutMs}`,
      {
        backend: context.backend,
        secretName: context.secretName,
      },
    );
  }
}
