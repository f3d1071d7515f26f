/**
 * Faults an emulator injects, the same on every backend, so a test can show how an adapter behaves when the
 * backend is slow, failing, or gone. Shares are applied deterministically (a rate of 0.5 fails exactly every
 * second matching request), so a test's assertions do not depend on luck.
 */
export interface FaultPlan {
  /** Added before every matching request is answered, in milliseconds. */
  latencyMs?: number | undefined;
  /** Share (0–1) of matching requests that fail with `failWith`. */
  failureRate?: number | undefined;
  /**
   * How failing requests fail: an HTTP status answered with the backend's own error body, or `"throttle"` for
   * the backend's own throttling error (Vault 429, AWS `ThrottlingException`, Azure 429 `Throttled`).
   * @default 503
   */
  failWith?: 500 | 502 | 503 | 429 | "throttle" | undefined;
  /**
   * Sent as `Retry-After` (seconds). A 429 always carries the header (1 second unless given here), as do Vault's
   * and Azure's throttling answers; AWS's `ThrottlingException` (400) and 500, 502 and 503 answers carry it only
   * when it is given.
   */
  retryAfterSeconds?: number | undefined;
  /** Share (0–1) of matching requests whose connection is reset without an answer. */
  resetRate?: number | undefined;
  /** Share (0–1) of matching requests that are never answered (the connection stays open). */
  hangRate?: number | undefined;
  /** Only requests of these operations are affected; all when absent. */
  operations?: readonly string[] | undefined;
}

/** What happens to one request. */
export type FaultDecision =
  | { kind: "pass"; latencyMs: number }
  | {
      kind: "fail";
      latencyMs: number;
      status: 500 | 502 | 503 | 429 | "throttle";
      retryAfterSeconds?: number;
    }
  | { kind: "reset"; latencyMs: number }
  | { kind: "hang" };

type CountedFault = "hang" | "reset" | "fail";

/** Decides, request by request, which fault (if any) applies. */
export class FaultController {
  #plan: FaultPlan = {};
  #seen: Record<CountedFault, number> = { hang: 0, reset: 0, fail: 0 };

  /** Replaces the current plan and restarts its counting. */
  set(plan: FaultPlan): void {
    for (const key of ["failureRate", "resetRate", "hangRate"] as const) {
      const rate = plan[key];
      if (rate !== undefined && !(rate >= 0 && rate <= 1))
        throw new RangeError(`${key} must be in [0, 1], got ${rate}`);
    }
    this.#plan = { ...plan };
    this.#seen = { hang: 0, reset: 0, fail: 0 };
  }

  /** Removes every fault. */
  clear(): void {
    this.set({});
  }

  get plan(): Readonly<FaultPlan> {
    return this.#plan;
  }

  decide(operation: string): FaultDecision {
    const plan = this.#plan;
    if (plan.operations && !plan.operations.includes(operation)) return { kind: "pass", latencyMs: 0 };
    const latencyMs = plan.latencyMs ?? 0;
    if (this.#hits("hang", plan.hangRate)) return { kind: "hang" };
    if (this.#hits("reset", plan.resetRate)) return { kind: "reset", latencyMs };
    if (this.#hits("fail", plan.failureRate)) {
      const status = plan.failWith ?? 503;
      // A 429 without Retry-After leaves a client guessing; every backend's 429 says when to come back.
      const retryAfterSeconds = plan.retryAfterSeconds ?? (status === 429 ? 1 : undefined);
      return retryAfterSeconds === undefined
        ? { kind: "fail", latencyMs, status }
        : { kind: "fail", latencyMs, status, retryAfterSeconds };
    }
    return { kind: "pass", latencyMs };
  }

  /** True for exactly `rate` of the calls: the n-th call hits when floor(n·rate) grows. */
  #hits(kind: CountedFault, rate: number | undefined): boolean {
    if (!rate) return false;
    const n = this.#seen[kind]++;
    return Math.floor((n + 1) * rate) > Math.floor(n * rate);
  }
}
