import { setTimeout as sleep } from "node:timers/promises";
import { CustomSecretManager, type ReadSecretOptions } from "../../src/index.js";

/**
 * A manager over a map that counts its backend calls and the most it ever had in flight, optionally slow.
 * It stands for a remote backend in resolver and cache tests.
 */
export class CountingManager extends CustomSecretManager {
  readonly secrets: Map<string, string>;
  reads = 0;
  inFlight = 0;
  maxInFlight = 0;
  failWith: Error | undefined;
  readonly #delayMs: number;

  constructor(secrets: Record<string, string> = {}, options: { delayMs?: number; name?: string } = {}) {
    super({ secretManagerName: options.name ?? "counting" });
    this.secrets = new Map(Object.entries(secrets));
    this.#delayMs = options.delayMs ?? 0;
  }

  override async asyncReadSecret(name: string, _options?: ReadSecretOptions): Promise<string | undefined> {
    this.reads++;
    return this.track(async () => {
      if (this.failWith) throw this.failWith;
      return this.secrets.get(name);
    });
  }

  override syncReadSecret(name: string): string | undefined {
    this.reads++;
    if (this.failWith) throw this.failWith;
    return this.secrets.get(name);
  }

  protected async track<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.#delayMs > 0) await sleep(this.#delayMs);
      return await work();
    } finally {
      this.inFlight--;
    }
  }
}

/** The same, able to read many names in one call. */
export class BatchCountingManager extends CountingManager {
  batchCalls = 0;
  batchSizes: number[] = [];

  override async asyncBatchReadSecrets(names: readonly string[]) {
    this.batchCalls++;
    this.batchSizes.push(names.length);
    return this.track(async () => new Map(names.map((name) => [name, this.secrets.get(name)])));
  }
}
