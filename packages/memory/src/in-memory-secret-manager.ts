import {
  assertSecretName,
  assertSecretValue,
  type BatchReadResult,
  CustomSecretManager,
  DEFAULT_RECOVERY_WINDOW_IN_DAYS,
  type DeleteSecretOptions,
  type DeleteSecretResult,
  InvalidArgumentError,
  type ReadSecretOptions,
  type RestoreSecretResult,
  type SecretMetadata,
  type SecretTags,
  type WriteSecretOptions,
  type WriteSecretResult,
  withDeadline,
} from "@dheera-ai/secret-manager";
import type { InMemorySecretManagerOptions } from "./in-memory-secret-manager-options.js";

const DAY_MS = 24 * 60 * 60 * 1000;

interface StoredSecret {
  value: string;
  description: string | undefined;
  tags: SecretTags | undefined;
  createdAt: number;
  updatedAt: number;
  version: number;
  /** Set while the secret is deleted but restorable: the epoch ms at which it goes for good. */
  deletedUntil: number | undefined;
}

/**
 * A secret manager that keeps secrets in a `Map`: the seed's example made real. It supports every operation of the
 * contract, so it is also the reference the conformance suite tests itself against.
 *
 * Values live in a private field, so `console.log(manager)` and `util.inspect` never show them.
 */
export class InMemorySecretManager extends CustomSecretManager {
  readonly #secrets = new Map<string, StoredSecret>();
  readonly #now: () => number;

  constructor(options: InMemorySecretManagerOptions = {}) {
    super({ secretManagerName: options.secretManagerName ?? "in_memory" });
    this.#now = options.now ?? Date.now;
    const initial = options.secrets ?? {};
    const entries = Symbol.iterator in initial ? initial : Object.entries(initial);
    for (const [name, value] of entries as Iterable<readonly [string, string]>) {
      assertSecretName(name, this.secretManagerName);
      assertSecretValue(value, this.secretManagerName, name);
      this.#secrets.set(name, this.#newSecret(value, {}, 1));
    }
  }

  override async asyncReadSecret(
    secretName: string,
    options: ReadSecretOptions = {},
  ): Promise<string | undefined> {
    return this.#call(secretName, options, () => this.#live(secretName)?.value);
  }

  override syncReadSecret(secretName: string): string | undefined {
    assertSecretName(secretName, this.secretManagerName);
    return this.#live(secretName)?.value;
  }

  override async asyncBatchReadSecrets(
    secretNames: readonly string[],
    options: ReadSecretOptions = {},
  ): Promise<BatchReadResult> {
    return withDeadline({ ...options, backend: this.secretManagerName }, async () => {
      for (const name of secretNames) assertSecretName(name, this.secretManagerName);
      return new Map(secretNames.map((name) => [name, this.#live(name)?.value]));
    });
  }

  override async asyncWriteSecret(
    secretName: string,
    secretValue: string,
    options: WriteSecretOptions = {},
  ): Promise<WriteSecretResult> {
    return this.#call(secretName, options, () => {
      assertSecretValue(secretValue, this.secretManagerName, secretName);
      const existing = this.#live(secretName);
      const stored = existing
        ? {
            ...existing,
            value: secretValue,
            description: options.description ?? existing.description,
            tags: options.tags ? { ...options.tags } : existing.tags,
            updatedAt: this.#now(),
            version: existing.version + 1,
          }
        : this.#newSecret(secretValue, options, (this.#secrets.get(secretName)?.version ?? 0) + 1);
      this.#secrets.set(secretName, stored);
      return { name: secretName, created: existing === undefined, versionId: String(stored.version) };
    });
  }

  override async asyncDeleteSecret(
    secretName: string,
    options: DeleteSecretOptions = {},
  ): Promise<DeleteSecretResult> {
    return this.#call(secretName, options, () => {
      const days = options.recoveryWindowInDays ?? DEFAULT_RECOVERY_WINDOW_IN_DAYS;
      if (!Number.isInteger(days) || days < 0) {
        throw new InvalidArgumentError(
          `recoveryWindowInDays must be a whole number of days >= 0, got ${days}`,
          {
            backend: this.secretManagerName,
            secretName,
          },
        );
      }
      const stored = this.#stored(secretName);
      if (days === 0) {
        // A purge also ends a pending deletion: the caller asked for the secret to be gone now.
        return { name: secretName, deleted: this.#secrets.delete(secretName) };
      }
      if (!stored || stored.deletedUntil !== undefined) return { name: secretName, deleted: false };
      stored.deletedUntil = this.#now() + days * DAY_MS;
      return { name: secretName, deleted: true, recoverableUntil: new Date(stored.deletedUntil) };
    });
  }

  override async asyncRestoreSecret(
    secretName: string,
    options: ReadSecretOptions = {},
  ): Promise<RestoreSecretResult> {
    return this.#call(secretName, options, () => {
      const stored = this.#stored(secretName);
      if (!stored || stored.deletedUntil === undefined) return { name: secretName, restored: false };
      stored.deletedUntil = undefined;
      return { name: secretName, restored: true };
    });
  }

  override async asyncDescribeSecret(
    secretName: string,
    options: ReadSecretOptions = {},
  ): Promise<SecretMetadata | undefined> {
    return this.#call(secretName, options, () => {
      const stored = this.#live(secretName);
      if (!stored) return undefined;
      return {
        name: secretName,
        description: stored.description,
        tags: stored.tags && { ...stored.tags },
        createdAt: new Date(stored.createdAt),
        updatedAt: new Date(stored.updatedAt),
      };
    });
  }

  /** Validates the name, then runs `operation` under the call's timeout and abort signal. */
  #call<T>(secretName: string, options: ReadSecretOptions, operation: () => T): Promise<T> {
    return withDeadline({ ...options, backend: this.secretManagerName, secretName }, async () => {
      assertSecretName(secretName, this.secretManagerName);
      return operation();
    });
  }

  /** The stored secret, deleted or not, once any recovery window that ran out has been applied. */
  #stored(secretName: string): StoredSecret | undefined {
    const stored = this.#secrets.get(secretName);
    if (stored?.deletedUntil !== undefined && stored.deletedUntil <= this.#now()) {
      this.#secrets.delete(secretName);
      return undefined;
    }
    return stored;
  }

  /** The secret if it exists and is not deleted. */
  #live(secretName: string): StoredSecret | undefined {
    const stored = this.#stored(secretName);
    return stored?.deletedUntil === undefined ? stored : undefined;
  }

  #newSecret(value: string, options: Pick<WriteSecretOptions, "description" | "tags">, version: number) {
    const now = this.#now();
    return {
      value,
      description: options.description,
      tags: options.tags && { ...options.tags },
      createdAt: now,
      updatedAt: now,
      version,
      deletedUntil: undefined,
    } satisfies StoredSecret;
  }
}

/** Creates an `InMemorySecretManager`; the same as `new InMemorySecretManager(options)`. */
export function createInMemorySecretManager(options?: InMemorySecretManagerOptions): InMemorySecretManager {
  return new InMemorySecretManager(options);
}
