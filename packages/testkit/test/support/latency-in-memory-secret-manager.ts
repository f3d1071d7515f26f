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

/**
 * An in-memory manager behind a simulated network: every call waits `faults.latencyMs` first. With `honourDeadline`
 * the wait runs under `withDeadline`, as a real adapter's SDK call would; without it the manager is the broken
 * kind that makes a caller wait however long the backend takes.
 */
export class LatencyInMemorySecretManager extends CustomSecretManager {
  readonly #inner: InMemorySecretManager;
  readonly #faults: FakeBackendFaults;
  readonly #honourDeadline: boolean;

  constructor(faults: FakeBackendFaults, { honourDeadline = true } = {}) {
    super({ secretManagerName: "latency_in_memory" });
    this.#inner = new InMemorySecretManager({ secretManagerName: this.secretManagerName });
    this.#faults = faults;
    this.#honourDeadline = honourDeadline;
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
    const { signal: _signal, timeoutMs: _timeoutMs, ...rest } = options;
    const latencyMs = this.#faults.latencyMs;
    // The broken variant still sees an already-aborted signal but never `timeoutMs`: the bug under test.
    const deadline = this.#honourDeadline ? options : { signal: options.signal };
    return withDeadline({ ...deadline, backend: this.secretManagerName, secretName }, async (signal) => {
      if (latencyMs > 0) await sleep(latencyMs, undefined, this.#honourDeadline ? { signal } : {});
      return call(rest);
    });
  }
}
