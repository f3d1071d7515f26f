import { setTimeout as sleep } from "node:timers/promises";
import {
  type BatchReadResult,
  type CallOptions,
  CustomSecretManager,
  type DeleteSecretOptions,
  type DeleteSecretResult,
  type RestoreSecretResult,
  type SecretMetadata,
  type WriteSecretOptions,
  type WriteSecretResult,
  withDeadline,
} from "@dheera-ai/secret-manager";
import { InMemorySecretManager } from "@dheera-ai/secret-manager-memory";

/** Stands in for an emulator's fault controller: one object the suite's hooks and the managers share. */
export class FakeBackendFaults {
  latencyMs = 0;
  readonly injectLatency = (ms: number) => {
    this.latencyMs = ms;
  };
  readonly clearFaults = () => {
    this.latencyMs = 0;
  };
}

/** The two ways the simulated adapter can be broken; both default to the correct behaviour. */
export interface LatencyBugs {
  /** `false`: `timeoutMs` is ignored, so a caller waits however long the backend takes. */
  honourDeadline?: boolean;
  /** `false`: the signal is checked once before the call and then dropped, so an abort in flight is ignored. */
  honourAbortInFlight?: boolean;
}

/**
 * An in-memory manager behind a simulated network: every call waits `faults.latencyMs` first, under `withDeadline`
 * as a real adapter's SDK call would. The `bugs` turn it into the broken kinds real adapters ship as.
 */
export class LatencyInMemorySecretManager extends CustomSecretManager {
  readonly #inner: InMemorySecretManager;
  readonly #faults: FakeBackendFaults;
  readonly #honourDeadline: boolean;
  readonly #honourAbortInFlight: boolean;

  constructor(
    faults: FakeBackendFaults,
    { honourDeadline = true, honourAbortInFlight = true }: LatencyBugs = {},
  ) {
    super({ secretManagerName: "latency_in_memory" });
    this.#inner = new InMemorySecretManager({ secretManagerName: this.secretManagerName });
    this.#faults = faults;
    this.#honourDeadline = honourDeadline;
    this.#honourAbortInFlight = honourAbortInFlight;
  }

  override asyncReadSecret(name: string, options: CallOptions = {}): Promise<string | undefined> {
    return this.#remote(name, options, (rest) => this.#inner.asyncReadSecret(name, rest));
  }

  override syncReadSecret(name: string): string | undefined {
    return this.#inner.syncReadSecret(name);
  }

  override asyncWriteSecret(
    name: string,
    value: string,
    options: WriteSecretOptions = {},
  ): Promise<WriteSecretResult> {
    return this.#remote(name, options, (rest) => this.#inner.asyncWriteSecret(name, value, rest));
  }

  override asyncDeleteSecret(name: string, options: DeleteSecretOptions = {}): Promise<DeleteSecretResult> {
    return this.#remote(name, options, (rest) => this.#inner.asyncDeleteSecret(name, rest));
  }

  override asyncDescribeSecret(name: string, options: CallOptions = {}): Promise<SecretMetadata | undefined> {
    return this.#remote(name, options, (rest) => this.#inner.asyncDescribeSecret(name, rest));
  }

  override asyncRestoreSecret(name: string, options: CallOptions = {}): Promise<RestoreSecretResult> {
    return this.#remote(name, options, (rest) => this.#inner.asyncRestoreSecret(name, rest));
  }

  override asyncBatchReadSecrets(
    names: readonly string[],
    options: CallOptions = {},
  ): Promise<BatchReadResult> {
    return this.#remote(undefined, options, (rest) => this.#inner.asyncBatchReadSecrets(names, rest));
  }

  /** Waits the injected latency, then runs `call` with the options minus the deadline this wrapper owns. */
  #remote<T, O extends CallOptions>(
    secretName: string | undefined,
    options: O,
    call: (rest: Omit<O, "signal" | "timeoutMs">) => Promise<T>,
  ): Promise<T> {
    const { signal: callerSignal, timeoutMs, ...rest } = options;
    const latencyMs = this.#faults.latencyMs;
    // Both broken variants still see an already-aborted signal; each loses one thing after that: the bug under test.
    const signal = this.#honourAbortInFlight || callerSignal?.aborted ? callerSignal : undefined;
    const deadline = this.#honourDeadline ? { signal, timeoutMs } : { signal };
    const honoursSomething = this.#honourDeadline || this.#honourAbortInFlight;
    return withDeadline(
      { ...deadline, backend: this.secretManagerName, secretName },
      async (deadlineSignal) => {
        if (latencyMs > 0)
          await sleep(latencyMs, undefined, honoursSomething ? { signal: deadlineSignal } : {});
        return call(rest);
      },
    );
  }
}
