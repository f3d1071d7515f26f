import { NotSupportedError, type SecretManagerError } from "./errors.js";
import type {
  DeleteSecretOptions,
  DeleteSecretResult,
  ReadSecretOptions,
  RestoreSecretResult,
  SecretMetadata,
  SyncReadSecretOptions,
  WriteSecretOptions,
  WriteSecretResult,
} from "./secret-operations.js";

const managerMarker = Symbol.for("@dheera-ai/secret-manager/manager");

/** The outcome of one name in a batch read: its value, `undefined` when missing, or the error for that name. */
export type BatchReadResult = ReadonlyMap<string, string | undefined | SecretManagerError>;

/** The operations a manager may or may not offer, beyond the two reads every manager has. */
export type OptionalOperation =
  | "asyncWriteSecret"
  | "asyncDeleteSecret"
  | "asyncDescribeSecret"
  | "asyncRestoreSecret"
  | "asyncBatchReadSecrets";

/** What a manager can do. Reads are always there; the rest is `true` only where the subclass implements it. */
export interface SecretManagerCapabilities {
  readonly read: true;
  readonly syncRead: true;
  readonly write: boolean;
  readonly delete: boolean;
  /** Reads description and tags back (`asyncDescribeSecret`). */
  readonly describe: boolean;
  /** Brings back a secret deleted with a recovery window (`asyncRestoreSecret`). */
  readonly restore: boolean;
  /** Reads many names in one backend call (`asyncBatchReadSecrets`). */
  readonly batchRead: boolean;
}

const capabilityOf = {
  write: "asyncWriteSecret",
  delete: "asyncDeleteSecret",
  describe: "asyncDescribeSecret",
  restore: "asyncRestoreSecret",
  batchRead: "asyncBatchReadSecrets",
} as const satisfies Record<string, OptionalOperation>;

export interface CustomSecretManagerOptions {
  /**
   * The name this manager goes by in errors and logs.
   * @default "custom_secret_manager"
   */
  secretManagerName?: string | undefined;
}

/**
 * The contract every secret manager implements: the seed's `CustomSecretManager`, in TypeScript.
 *
 * Subclasses must implement the two reads. `undefined` means "no such secret" — a missing secret is never an
 * error. The other operations are optional: a subclass that does not override one keeps the default here, which
 * rejects with a `NotSupportedError` naming the manager, and `capabilities` reports it as unsupported.
 *
 * @example
 * class InMemorySecretManager extends CustomSecretManager {
 *   #secrets = new Map([["OPENAI_API_KEY", "sk-..."]]);
 *   constructor() { super({ secretManagerName: "in_memory_secrets" }); }
 *   async asyncReadSecret(name: string) { return this.#secrets.get(name); }
 *   syncReadSecret(name: string) { return this.#secrets.get(name); }
 * }
 */
export abstract class CustomSecretManager {
  readonly secretManagerName: string;

  constructor(options: CustomSecretManagerOptions = {}) {
    this.secretManagerName = options.secretManagerName ?? "custom_secret_manager";
  }

  /** Reads a secret; resolves to `undefined` when it does not exist. */
  abstract asyncReadSecret(secretName: string, options?: ReadSecretOptions): Promise<string | undefined>;

  /** Reads a secret, blocking the caller; returns `undefined` when it does not exist. */
  abstract syncReadSecret(secretName: string, options?: SyncReadSecretOptions): string | undefined;

  /** Creates the secret, or gives an existing one a new value. */
  asyncWriteSecret(
    _secretName: string,
    _secretValue: string,
    _options?: WriteSecretOptions,
  ): Promise<WriteSecretResult> {
    return this.#unsupported("asyncWriteSecret", _secretName);
  }

  /** Deletes the secret, recoverable for `recoveryWindowInDays` (default 7) where the backend allows it. */
  asyncDeleteSecret(_secretName: string, _options?: DeleteSecretOptions): Promise<DeleteSecretResult> {
    return this.#unsupported("asyncDeleteSecret", _secretName);
  }

  /** Reads what the backend keeps about a secret besides its value; `undefined` when it does not exist. */
  asyncDescribeSecret(
    _secretName: string,
    _options?: ReadSecretOptions,
  ): Promise<SecretMetadata | undefined> {
    return this.#unsupported("asyncDescribeSecret", _secretName);
  }

  /** Brings back a secret deleted within its recovery window. */
  asyncRestoreSecret(_secretName: string, _options?: ReadSecretOptions): Promise<RestoreSecretResult> {
    return this.#unsupported("asyncRestoreSecret", _secretName);
  }

  /** Reads many secrets in as few backend calls as the backend allows. */
  asyncBatchReadSecrets(
    _secretNames: readonly string[],
    _options?: ReadSecretOptions,
  ): Promise<BatchReadResult> {
    return this.#unsupported("asyncBatchReadSecrets");
  }

  /** What this manager can do; an operation it lacks rejects with `NotSupportedError`. */
  get capabilities(): SecretManagerCapabilities {
    const implemented = (operation: OptionalOperation) => this.supports(operation);
    return {
      read: true,
      syncRead: true,
      write: implemented(capabilityOf.write),
      delete: implemented(capabilityOf.delete),
      describe: implemented(capabilityOf.describe),
      restore: implemented(capabilityOf.restore),
      batchRead: implemented(capabilityOf.batchRead),
    };
  }

  /**
   * Whether the subclass implements `operation`. A subclass that implements a method but cannot offer it in
   * some configuration (say, a read-only credential) overrides this to say so.
   */
  supports(operation: OptionalOperation): boolean {
    return this[operation] !== CustomSecretManager.prototype[operation];
  }

  /** True for an instance of any subclass, from any copy of this package. */
  static isInstance(value: unknown): value is CustomSecretManager {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[managerMarker] === true
    );
  }

  /** True for a class that extends `CustomSecretManager`, from any copy of this package. */
  static isManagerClass(value: unknown): value is abstract new (...args: never[]) => CustomSecretManager {
    return typeof value === "function" && CustomSecretManager.isInstance(value.prototype);
  }

  #unsupported(operation: OptionalOperation, secretName?: string): Promise<never> {
    return Promise.reject(new NotSupportedError(operation, { backend: this.secretManagerName, secretName }));
  }
}

// On the prototype rather than each instance: `isManagerClass` checks a class before any instance exists.
Object.defineProperty(CustomSecretManager.prototype, managerMarker, { value: true });
