/**
 * Secret managers with one deliberate bug each, the kind real adapters ship with. The suite must fail on every
 * one of them; `conformance-catches-broken-managers.test.ts` checks which tests fail.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import {
  type BatchReadResult,
  type CallOptions,
  CustomSecretManager,
  type DeleteSecretOptions,
  type DeleteSecretResult,
  InvalidArgumentError,
  InvalidSecretNameError,
  type OptionalOperation,
  type ReadSecretOptions,
  type SecretMetadata,
  UnavailableError,
  type WriteSecretOptions,
  type WriteSecretResult,
  withDeadline,
} from "@dheera-ai/secret-manager";
import { InMemorySecretManager } from "@dheera-ai/secret-manager-memory";

/** Throws "not found" for a missing secret instead of resolving `undefined`. */
export class ThrowsOnMissingSecretManager extends InMemorySecretManager {
  override async asyncReadSecret(name: string, options?: ReadSecretOptions): Promise<string | undefined> {
    const value = await super.asyncReadSecret(name, options);
    if (value === undefined) throw new Error(`secret ${name} not found`);
    return value;
  }
}

/** Trims values on the way out, as a careless `.trim()` of an HTTP body does. */
export class TrimsValuesSecretManager extends InMemorySecretManager {
  override async asyncReadSecret(name: string, options?: ReadSecretOptions): Promise<string | undefined> {
    return (await super.asyncReadSecret(name, options))?.trim();
  }
  override syncReadSecret(name: string): string | undefined {
    return super.syncReadSecret(name)?.trim();
  }
}

/** Keeps the first value of a secret: an overwrite reports success and changes nothing. */
export class IgnoresOverwriteSecretManager extends InMemorySecretManager {
  override async asyncWriteSecret(
    name: string,
    value: string,
    options?: WriteSecretOptions,
  ): Promise<WriteSecretResult> {
    if (this.syncReadSecret(name) !== undefined) return { name, created: false };
    return super.asyncWriteSecret(name, value, options);
  }
}

/** Returns undefined from the synchronous read, as an adapter with no real sync path might. */
export class SyncReadDisagreesSecretManager extends InMemorySecretManager {
  override syncReadSecret(name: string): string | undefined {
    super.syncReadSecret(name);
    return undefined;
  }
}

/** Puts the value it was asked to store into the error message of a refused write. */
export class LeaksValueInMessageSecretManager extends InMemorySecretManager {
  override async asyncWriteSecret(
    name: string,
    value: string,
    options?: WriteSecretOptions,
  ): Promise<WriteSecretResult> {
    if (name === "") {
      throw new InvalidSecretNameError(`cannot store "${value}" under an empty name`, {
        backend: this.secretManagerName,
      });
    }
    return super.asyncWriteSecret(name, value, options);
  }
}

/** Wraps an SDK-like error whose message echoes the request body, value included, as the `cause`. */
export class LeaksValueInCauseSecretManager extends InMemorySecretManager {
  override async asyncWriteSecret(
    name: string,
    value: string,
    options: WriteSecretOptions = {},
  ): Promise<WriteSecretResult> {
    if (options.signal?.aborted) {
      const sdkError = new Error(`request aborted: ${JSON.stringify({ Name: name, SecretString: value })}`);
      throw new InvalidArgumentError("the write was aborted", {
        backend: this.secretManagerName,
        secretName: name,
        cause: sdkError,
      });
    }
    return super.asyncWriteSecret(name, value, options);
  }
}

/** Keeps the last value written in a public field, so `console.log(manager)` prints it. */
export class ExposesValuesSecretManager extends InMemorySecretManager {
  lastWritten: Record<string, string> = {};
  override async asyncWriteSecret(
    name: string,
    value: string,
    options?: WriteSecretOptions,
  ): Promise<WriteSecretResult> {
    this.lastWritten[name] = value;
    return super.asyncWriteSecret(name, value, options);
  }
}

/** Never passes the caller's signal on. */
export class IgnoresAbortSignalSecretManager extends InMemorySecretManager {
  override asyncReadSecret(name: string, options: ReadSecretOptions = {}) {
    return super.asyncReadSecret(name, { ...options, signal: undefined });
  }
  override asyncWriteSecret(name: string, value: string, options: WriteSecretOptions = {}) {
    return super.asyncWriteSecret(name, value, { ...options, signal: undefined });
  }
  override asyncDeleteSecret(name: string, options: DeleteSecretOptions = {}) {
    return super.asyncDeleteSecret(name, { ...options, signal: undefined });
  }
  override asyncDescribeSecret(name: string, options: ReadSecretOptions = {}) {
    return super.asyncDescribeSecret(name, { ...options, signal: undefined });
  }
  override asyncRestoreSecret(name: string, options: ReadSecretOptions = {}) {
    return super.asyncRestoreSecret(name, { ...options, signal: undefined });
  }
  override asyncBatchReadSecrets(names: readonly string[], options: ReadSecretOptions = {}) {
    return super.asyncBatchReadSecrets(names, { ...options, signal: undefined });
  }
}

/** Reports a delete and keeps the secret. */
export class DeleteDoesNothingSecretManager extends InMemorySecretManager {
  override async asyncDeleteSecret(name: string, options?: DeleteSecretOptions): Promise<DeleteSecretResult> {
    // Still validates, so only the "nothing happened" bug shows.
    if (options?.recoveryWindowInDays !== undefined && options.recoveryWindowInDays < 0) {
      return super.asyncDeleteSecret(name, options);
    }
    return { name, deleted: this.syncReadSecret(name) !== undefined };
  }
}

/** Treats `recoveryWindowInDays: 0` like the default window, so a purged secret can come back. */
export class PurgeKeepsSecretRestorableSecretManager extends InMemorySecretManager {
  override asyncDeleteSecret(name: string, options: DeleteSecretOptions = {}): Promise<DeleteSecretResult> {
    const days = options.recoveryWindowInDays === 0 ? undefined : options.recoveryWindowInDays;
    return super.asyncDeleteSecret(name, { ...options, recoveryWindowInDays: days });
  }
}

/** Rejects a bad recovery window with an error that does not say which backend or secret. */
export class AnonymousErrorsSecretManager extends InMemorySecretManager {
  override asyncDeleteSecret(name: string, options: DeleteSecretOptions = {}): Promise<DeleteSecretResult> {
    if (options.recoveryWindowInDays !== undefined && options.recoveryWindowInDays < 0) {
      return Promise.reject(new InvalidArgumentError("recoveryWindowInDays must be >= 0"));
    }
    return super.asyncDeleteSecret(name, options);
  }
}

/** Claims it can write (it overrides the method) but fails every write with a plain `Error`. */
export class PlainErrorOnWriteSecretManager extends InMemorySecretManager {
  override asyncWriteSecret(): Promise<WriteSecretResult> {
    return Promise.reject(new Error("write failed"));
  }
}

/** Implements delete but reports it unsupported, so callers never use it. */
export class UnderreportsDeleteSecretManager extends InMemorySecretManager {
  override supports(operation: OptionalOperation): boolean {
    return operation === "asyncDeleteSecret" ? false : super.supports(operation);
  }
}

/** Maps every character outside `[0-9A-Za-z-]` to `-` and never notices two names meeting. */
export class CollidingNamesSecretManager extends InMemorySecretManager {
  override asyncReadSecret(name: string, options?: ReadSecretOptions) {
    return super.asyncReadSecret(fold(name), options);
  }
  override syncReadSecret(name: string) {
    return super.syncReadSecret(fold(name));
  }
  override asyncWriteSecret(name: string, value: string, options?: WriteSecretOptions) {
    return super.asyncWriteSecret(fold(name), value, options).then((result) => ({ ...result, name }));
  }
  override asyncDeleteSecret(name: string, options?: DeleteSecretOptions) {
    return super.asyncDeleteSecret(fold(name), options).then((result) => ({ ...result, name }));
  }
}

function fold(name: string): string {
  return name.replace(/[^0-9A-Za-z-]/g, "-");
}

/** Drops non-ASCII characters from names on write only: a unicode name writes "fine" and reads nothing. */
export class LosesUnicodeNamesSecretManager extends InMemorySecretManager {
  override asyncWriteSecret(name: string, value: string, options?: WriteSecretOptions) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point.
    return super.asyncWriteSecret(name.replace(/[^\x00-\x7f]/g, ""), value, options);
  }
}

/** Fails long names with a retryable "unavailable" error instead of `InvalidSecretNameError`. */
export class LongNamesUnavailableSecretManager extends InMemorySecretManager {
  override asyncWriteSecret(name: string, value: string, options?: WriteSecretOptions) {
    if (name.length > 200) {
      return Promise.reject(
        new UnavailableError("the backend answered 400", {
          backend: this.secretManagerName,
          secretName: name,
        }),
      );
    }
    return super.asyncWriteSecret(name, value, options);
  }
}

/** Lists only the names it found, leaving missing ones out of the batch result. */
export class BatchDropsMissingSecretManager extends InMemorySecretManager {
  override async asyncBatchReadSecrets(
    names: readonly string[],
    options?: ReadSecretOptions,
  ): Promise<BatchReadResult> {
    const result = await super.asyncBatchReadSecrets(names, options);
    return new Map([...result].filter(([, value]) => value !== undefined));
  }
}

/** Keeps the description but forgets the tags. */
export class DropsTagsSecretManager extends InMemorySecretManager {
  override async asyncDescribeSecret(
    name: string,
    options?: ReadSecretOptions,
  ): Promise<SecretMetadata | undefined> {
    const metadata = await super.asyncDescribeSecret(name, options);
    return metadata && { ...metadata, tags: undefined };
  }
}

/**
 * Keeps every secret in one JSON document it reads, changes and writes back with a network hop in between:
 * concurrent writes overwrite each other's changes.
 */
export class LosesConcurrentWritesSecretManager extends CustomSecretManager {
  #document = "{}";

  constructor() {
    super({ secretManagerName: "lost_update" });
  }

  override asyncReadSecret(name: string, options: CallOptions = {}): Promise<string | undefined> {
    return this.#call(name, options, async () => this.syncReadSecret(name));
  }

  override syncReadSecret(name: string): string | undefined {
    if (name === "") throw new InvalidSecretNameError("empty name", { backend: this.secretManagerName });
    return (JSON.parse(this.#document) as Record<string, string>)[name];
  }

  override asyncWriteSecret(
    name: string,
    value: string,
    options: CallOptions = {},
  ): Promise<WriteSecretResult> {
    return this.#call(name, options, async () => {
      if (name === "") throw new InvalidSecretNameError("empty name", { backend: this.secretManagerName });
      const secrets = JSON.parse(this.#document) as Record<string, string>;
      await nextTurn();
      const created = !(name in secrets);
      this.#document = JSON.stringify({ ...secrets, [name]: value });
      return { name, created };
    });
  }

  #call<T>(secretName: string, options: CallOptions, work: () => Promise<T>): Promise<T> {
    return withDeadline({ ...options, backend: this.secretManagerName, secretName }, work);
  }
}
