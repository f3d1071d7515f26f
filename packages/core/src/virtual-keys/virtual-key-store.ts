import { errorText } from "../caching/secret-cache.js";
import { type AccessMode, WRITING_ACCESS_MODES } from "../config/config-schema.js";
import { consoleLogger, type SecretManagerLogger } from "../logger.js";
import type { SecretResolver } from "../resolution/secret-resolver.js";
import { DEFAULT_RECOVERY_WINDOW_IN_DAYS, type SecretTags } from "../secret-operations.js";
import { storedVirtualKeyName, type VirtualKey } from "./virtual-key-naming.js";

/** A virtual key together with its plaintext value, as the proxy has it right after creating it. */
export interface VirtualKeyWithValue extends VirtualKey {
  /** The plaintext key. Written to the manager; never logged. */
  key: string;
}

/** Why a virtual key was not stored, or its secret not deleted. */
export type VirtualKeySkipReason =
  /** `store_virtual_keys` is off. */
  | "disabled"
  /** `access_mode` does not allow writes. */
  | "access_mode"
  /** The manager has no write (or delete). */
  | "unsupported"
  /** The manager call failed; see `error`. */
  | "failed"
  /** The value read back after a write did not match. */
  | "verification_failed";

/** What happened to a virtual key's secret. The proxy returns this with the key: nothing is swallowed. */
export type VirtualKeyStoreOutcome =
  | {
      stored: true;
      secretName: string;
      action: "written" | "deleted" | "moved" | "replaced";
      previousName?: string;
    }
  | { stored: false; secretName: string; reason: VirtualKeySkipReason; message: string; error?: unknown };

export interface VirtualKeyStoreSettings {
  /** `store_virtual_keys`. @default false */
  storeVirtualKeys?: boolean | undefined;
  /** `access_mode`. @default "read_only" */
  accessMode?: AccessMode | undefined;
  /** `prefix_for_stored_virtual_keys`. @default "dheera_ai/" */
  prefix?: string | undefined;
  description?: string | undefined;
  tags?: SecretTags | undefined;
  /** Recovery window of the deletes. @default 7 */
  recoveryWindowInDays?: number | undefined;
}

/**
 * Keeps the proxy's virtual keys in the secret manager: written when created, moved when their alias changes,
 * replaced when regenerated, deleted (recoverably) when deleted. Writes go through the resolver, so its cache stays
 * right. A failure never loses the key: every method returns what happened, and logs name the secret, not the value.
 */
export class VirtualKeyStore {
  readonly #resolver: SecretResolver;
  readonly #logger: SecretManagerLogger;
  readonly #settings: Required<Omit<VirtualKeyStoreSettings, "description" | "tags">> &
    Pick<VirtualKeyStoreSettings, "description" | "tags">;

  constructor(
    resolver: SecretResolver,
    settings: VirtualKeyStoreSettings = {},
    logger?: SecretManagerLogger,
  ) {
    this.#resolver = resolver;
    this.#logger = logger ?? consoleLogger;
    this.#settings = {
      storeVirtualKeys: settings.storeVirtualKeys ?? false,
      accessMode: settings.accessMode ?? "read_only",
      prefix: settings.prefix ?? "dheera_ai/",
      description: settings.description,
      tags: settings.tags,
      recoveryWindowInDays: settings.recoveryWindowInDays ?? DEFAULT_RECOVERY_WINDOW_IN_DAYS,
    };
  }

  /** The name `key` is stored under. */
  secretNameFor(key: VirtualKey): string {
    return storedVirtualKeyName(key, this.#settings.prefix);
  }

  /** Stores a newly created key. */
  async store(key: VirtualKeyWithValue): Promise<VirtualKeyStoreOutcome> {
    const secretName = this.secretNameFor(key);
    const blocked = this.#blocked(secretName, "write");
    if (blocked) return blocked;
    const failure = await this.#write(secretName, key.key);
    return failure ?? { stored: true, secretName, action: "written" };
  }

  /** Deletes the secret of a deleted key (with or without an alias), recoverable for the configured window. */
  async delete(key: VirtualKey): Promise<VirtualKeyStoreOutcome> {
    const secretName = this.secretNameFor(key);
    const blocked = this.#blocked(secretName, "delete");
    if (blocked) return blocked;
    const failure = await this.#delete(secretName);
    return failure ?? { stored: true, secretName, action: "deleted" };
  }

  /** The key's alias changed: its secret moves to the new name (written first, then the old one deleted). */
  async rename(key: VirtualKeyWithValue, previousAlias: string | undefined): Promise<VirtualKeyStoreOutcome> {
    const previousName = this.secretNameFor({ tokenId: key.tokenId, alias: previousAlias });
    const secretName = this.secretNameFor(key);
    if (previousName === secretName) return this.store(key);
    const blocked = this.#blocked(secretName, "write") ?? this.#blocked(previousName, "delete");
    if (blocked) return blocked;
    const failure = (await this.#write(secretName, key.key)) ?? (await this.#delete(previousName));
    return failure ?? { stored: true, secretName, action: "moved", previousName };
  }

  /**
   * The key was regenerated. Same name: the value is replaced in place. New name (the token id changed and there
   * is no alias): written, read back, and only then the old secret deleted, so a failed write loses nothing.
   */
  async rotate(previous: VirtualKey, next: VirtualKeyWithValue): Promise<VirtualKeyStoreOutcome> {
    const previousName = this.secretNameFor(previous);
    const secretName = this.secretNameFor(next);
    const blocked = this.#blocked(secretName, "write");
    if (blocked) return blocked;
    const writeFailure = await this.#write(secretName, next.key);
    if (writeFailure) return writeFailure;
    if (previousName === secretName) return { stored: true, secretName, action: "replaced" };

    let readBack: string | undefined;
    try {
      readBack = await this.#resolver.readFromManager(secretName);
    } catch (error) {
      return this.#failure(
        secretName,
        "failed",
        "reading the new secret back failed; the old one was kept",
        error,
      );
    }
    if (readBack !== next.key) {
      return this.#failure(
        secretName,
        "verification_failed",
        "the new secret did not read back; the old one was kept",
      );
    }
    const blockedDelete = this.#blocked(previousName, "delete");
    if (blockedDelete) return { ...blockedDelete, secretName };
    const deleteFailure = await this.#delete(previousName);
    return deleteFailure ?? { stored: true, secretName, action: "moved", previousName };
  }

  #blocked(secretName: string, operation: "write" | "delete"): VirtualKeyStoreOutcome | undefined {
    const { storeVirtualKeys, accessMode } = this.#settings;
    if (!storeVirtualKeys) {
      return { stored: false, secretName, reason: "disabled", message: "store_virtual_keys is off" };
    }
    if (!WRITING_ACCESS_MODES.includes(accessMode)) {
      return {
        stored: false,
        secretName,
        reason: "access_mode",
        message: `access_mode "${accessMode}" does not allow writes (use ${WRITING_ACCESS_MODES.join(" or ")})`,
      };
    }
    const manager = this.#resolver.manager;
    const capability = operation === "write" ? "asyncWriteSecret" : "asyncDeleteSecret";
    if (!manager?.supports(capability)) {
      const name = manager?.secretManagerName ?? "(none)";
      return {
        stored: false,
        secretName,
        reason: "unsupported",
        message: `secret manager "${name}" does not support ${capability}`,
      };
    }
    return undefined;
  }

  async #write(secretName: string, value: string): Promise<VirtualKeyStoreOutcome | undefined> {
    try {
      await this.#resolver.write(secretName, value, {
        description: this.#settings.description,
        tags: this.#settings.tags,
      });
      return undefined;
    } catch (error) {
      return this.#failure(
        secretName,
        "failed",
        "writing the virtual key to the secret manager failed",
        error,
      );
    }
  }

  async #delete(secretName: string): Promise<VirtualKeyStoreOutcome | undefined> {
    try {
      await this.#resolver.delete(secretName, { recoveryWindowInDays: this.#settings.recoveryWindowInDays });
      return undefined;
    } catch (error) {
      return this.#failure(secretName, "failed", "deleting the virtual key's secret failed", error);
    }
  }

  #failure(
    secretName: string,
    reason: VirtualKeySkipReason,
    message: string,
    error?: unknown,
  ): VirtualKeyStoreOutcome {
    this.#logger.warn(`${message}: "${secretName}"`, {
      secretName,
      ...(error === undefined ? {} : { error: errorText(error) }),
    });
    return error === undefined
      ? { stored: false, secretName, reason, message }
      : { stored: false, secretName, reason, message, error };
  }
}
