import { errorText, SecretCache, type SecretCacheOptions } from "../caching/secret-cache.js";
import type { AccessMode } from "../config/config-schema.js";
import type { CustomSecretManager } from "../custom-secret-manager.js";
import { ConfigurationError, SecretManagerError } from "../errors.js";
import { consoleLogger, type SecretManagerLogger } from "../logger.js";
import type {
  DeleteSecretOptions,
  DeleteSecretResult,
  Milliseconds,
  WriteSecretOptions,
  WriteSecretResult,
} from "../secret-operations.js";
import { mapWithConcurrency } from "./map-with-concurrency.js";

export interface SecretResolverOptions {
  /** The configured manager; without one every name reads the environment. */
  manager?: CustomSecretManager | undefined;
  /** Reads go to the manager unless `write_only`. @default "read_only" */
  accessMode?: AccessMode | undefined;
  /** Only these names are read from the manager; the rest read the environment. @default every name */
  hostedKeys?: readonly string[] | undefined;
  /** The environment fallback. @default process.env */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** The cache in front of the manager, or its options. */
  cache?: SecretCache | SecretCacheOptions | undefined;
  logger?: SecretManagerLogger | undefined;
  /** Timeout of each manager read. @default 10_000 */
  readTimeoutMs?: Milliseconds | undefined;
  /** The most manager calls `resolveMany` keeps in flight. @default 16 */
  concurrency?: number | undefined;
  /** Names per call when the manager reads in batches. @default 100 */
  batchSize?: number | undefined;
}

/** Where a value came from. */
export type SecretSource = "manager" | "environment";

export type ResolveOutcome =
  | { status: "resolved"; value: string; source: SecretSource }
  | { status: "missing" }
  | { status: "failed"; error: unknown };

/**
 * Answers "what is the value of NAME?" the way the proxy does: the manager when it is configured, reads are allowed
 * and NAME passes `hostedKeys`; then the environment. "Not found" in the manager falls back to the environment; a
 * manager failure does too when the environment holds NAME (with a warning naming the failure, never the value),
 * and is an error otherwise.
 */
export class SecretResolver {
  readonly manager: CustomSecretManager | undefined;
  readonly cache: SecretCache;
  readonly #accessMode: AccessMode;
  readonly #hostedKeys: ReadonlySet<string> | undefined;
  readonly #env: Readonly<Record<string, string | undefined>>;
  readonly #logger: SecretManagerLogger;
  readonly #readTimeoutMs: number;
  readonly #concurrency: number;
  readonly #batchSize: number;

  constructor(options: SecretResolverOptions = {}) {
    this.manager = options.manager;
    this.#accessMode = options.accessMode ?? "read_only";
    this.#hostedKeys = options.hostedKeys && new Set(options.hostedKeys);
    this.#env = options.env ?? process.env;
    this.#logger = options.logger ?? consoleLogger;
    this.cache =
      options.cache instanceof SecretCache
        ? options.cache
        : new SecretCache({ logger: this.#logger, ...options.cache });
    this.#readTimeoutMs = options.readTimeoutMs ?? 10_000;
    this.#concurrency = options.concurrency ?? 16;
    this.#batchSize = options.batchSize ?? 100;
  }

  /** Whether `name` is looked up in the manager before the environment. */
  readsFromManager(name: string): boolean {
    if (!this.manager || this.#accessMode === "write_only") return false;
    return this.#hostedKeys === undefined || this.#hostedKeys.has(name);
  }

  /** The value of `name`, or `undefined` when neither the manager nor the environment has it. */
  async get(name: string): Promise<string | undefined> {
    const outcome = await this.resolve(name);
    if (outcome.status === "failed") throw outcome.error;
    return outcome.status === "resolved" ? outcome.value : undefined;
  }

  /** Like `get`, with where the value came from; never rejects. */
  async resolve(name: string): Promise<ResolveOutcome> {
    if (!this.readsFromManager(name)) return this.#fromEnvironment(name);
    try {
      const value = await this.cache.get(name, () => this.#readManager(name));
      return value === undefined
        ? this.#fromEnvironment(name)
        : { status: "resolved", value, source: "manager" };
    } catch (error) {
      return this.#afterManagerFailure(name, error);
    }
  }

  /**
   * Resolves many names at once: from the cache where fresh, else in batch calls when the manager reads in
   * batches, else one call per name — at most `concurrency` calls in flight either way.
   */
  async resolveMany(names: Iterable<string>): Promise<Map<string, ResolveOutcome>> {
    const unique = [...new Set(names)];
    const results = new Map<string, ResolveOutcome>();
    const remote = unique.filter(
      (name) => this.readsFromManager(name) && this.cache.peek(name) === undefined,
    );
    const manager = this.manager;
    if (manager?.capabilities.batchRead && remote.length > 1) {
      const batches: string[][] = [];
      for (let i = 0; i < remote.length; i += this.#batchSize)
        batches.push(remote.slice(i, i + this.#batchSize));
      await mapWithConcurrency(batches, this.#concurrency, async (batch) => {
        for (const [name, outcome] of await this.#readBatch(manager, batch)) results.set(name, outcome);
      });
    }
    const rest = unique.filter((name) => !results.has(name));
    await mapWithConcurrency(rest, this.#concurrency, async (name) => {
      results.set(name, await this.resolve(name));
    });
    return results;
  }

  /**
   * Reads `name` synchronously: a fresh cached value returns at once; otherwise the manager's `syncReadSecret`
   * blocks until the value arrives or its timeout passes.
   */
  getSync(name: string): string | undefined {
    if (!this.readsFromManager(name) || !this.manager) return this.#env[name];
    const cached = this.cache.peek(name);
    if (cached !== undefined) return cached;
    let value: string | undefined;
    try {
      value = this.manager.syncReadSecret(name, { timeoutMs: this.#readTimeoutMs });
    } catch (error) {
      const outcome = this.#afterManagerFailure(name, error);
      if (outcome.status === "failed") throw outcome.error;
      return outcome.status === "resolved" ? outcome.value : undefined;
    }
    if (value === undefined) return this.#env[name];
    this.cache.set(name, value);
    return value;
  }

  /** Writes through the manager and updates the cache. */
  async write(name: string, value: string, options?: WriteSecretOptions): Promise<WriteSecretResult> {
    const manager = this.#requireManager();
    const result = await manager.asyncWriteSecret(name, value, options);
    this.cache.set(name, value);
    return result;
  }

  /** Deletes through the manager and drops the name from the cache. */
  async delete(name: string, options?: DeleteSecretOptions): Promise<DeleteSecretResult> {
    const manager = this.#requireManager();
    try {
      return await manager.asyncDeleteSecret(name, options);
    } finally {
      this.cache.invalidate(name);
    }
  }

  /** Reads the manager directly, past the cache (a read-back after a write). */
  readFromManager(name: string): Promise<string | undefined> {
    return this.#readManager(name);
  }

  /** Forgets the cached value of `name`; the next read asks the manager. */
  invalidate(name: string): void {
    this.cache.invalidate(name);
  }

  #readManager(name: string): Promise<string | undefined> {
    return this.#requireManager().asyncReadSecret(name, { timeoutMs: this.#readTimeoutMs });
  }

  async #readBatch(manager: CustomSecretManager, names: string[]): Promise<Map<string, ResolveOutcome>> {
    const outcomes = new Map<string, ResolveOutcome>();
    let values: ReadonlyMap<string, string | undefined | SecretManagerError>;
    try {
      values = await manager.asyncBatchReadSecrets(names, { timeoutMs: this.#readTimeoutMs });
    } catch (error) {
      for (const name of names) outcomes.set(name, this.#afterManagerFailure(name, error));
      return outcomes;
    }
    for (const name of names) {
      const value = values.get(name);
      if (SecretManagerError.isInstance(value)) outcomes.set(name, this.#afterManagerFailure(name, value));
      else if (value === undefined) outcomes.set(name, this.#fromEnvironment(name));
      else {
        this.cache.set(name, value);
        outcomes.set(name, { status: "resolved", value, source: "manager" });
      }
    }
    return outcomes;
  }

  #fromEnvironment(name: string): ResolveOutcome {
    const value = this.#env[name];
    return value === undefined ? { status: "missing" } : { status: "resolved", value, source: "environment" };
  }

  #afterManagerFailure(name: string, error: unknown): ResolveOutcome {
    const fallback = this.#fromEnvironment(name);
    if (fallback.status !== "resolved") return { status: "failed", error };
    this.#logger.warn(`secret manager failed to read "${name}"; using the environment variable instead`, {
      secretName: name,
      backend: this.manager?.secretManagerName,
      error: errorText(error),
    });
    return fallback;
  }

  #requireManager(): CustomSecretManager {
    if (!this.manager) throw new ConfigurationError("no secret manager is configured");
    return this.manager;
  }
}
