/**
 * The state of one emulated Key Vault: secrets with their versions, and soft-deleted secrets until they are purged,
 * recovered, or their retention ends. It follows the semantics of the Key Vault secrets data plane (REST API 7.5 and
 * later): names are case-insensitive, every set makes a new version, "latest" is the newest version, and a
 * soft-deleted name cannot be reused until it is recovered or purged. Everything here is in memory and per instance.
 */
import { createHash } from "node:crypto";
import { keyVaultErrors } from "./key-vault-errors.js";

/** One stored version of a secret. Times are Unix seconds, as the REST API carries them. */
export interface StoredSecretVersion {
  readonly version: string;
  readonly value: string;
  contentType: string | undefined;
  tags: Record<string, string> | undefined;
  enabled: boolean;
  notBefore: number | undefined;
  expires: number | undefined;
  readonly created: number;
  updated: number;
}

export interface StoredSecret {
  /** The name as first written (names compare case-insensitively). */
  readonly name: string;
  readonly versions: StoredSecretVersion[];
  /** Reads that still answer "not found" after a recovery, as Key Vault's asynchronous recovery does. */
  pendingPolls: number;
}

export interface DeletedStoredSecret {
  readonly secret: StoredSecret;
  readonly deletedDate: number;
  readonly scheduledPurgeDate: number;
  /** Reads that still answer "not found" after a delete, as Key Vault's asynchronous deletion does. */
  pendingPolls: number;
}

/** What a write may carry besides the value; times in Unix seconds. */
export interface SecretFields {
  contentType?: string | undefined;
  tags?: Record<string, string> | undefined;
  enabled?: boolean | undefined;
  notBefore?: number | undefined;
  expires?: number | undefined;
}

export interface KeyVaultStoreOptions {
  /** The clock, in milliseconds since the epoch. */
  now: () => number;
  softDelete: boolean;
  retentionDays: number;
  purgeProtection: boolean;
  pollsUntilDone: number;
  /** Names the vault in error messages (`name;location=…`). */
  vaultLabel: string;
}

const DAY_SECONDS = 24 * 60 * 60;

export class KeyVaultStore {
  readonly #options: KeyVaultStoreOptions;
  readonly #secrets = new Map<string, StoredSecret>();
  readonly #deleted = new Map<string, DeletedStoredSecret>();
  #sequence = 0;

  constructor(options: KeyVaultStoreOptions) {
    this.#options = options;
  }

  get options(): Readonly<KeyVaultStoreOptions> {
    return this.#options;
  }

  /** Key Vault's `recoveryLevel` for this vault's configuration. */
  get recoveryLevel(): string {
    const { softDelete, purgeProtection, retentionDays } = this.#options;
    if (!softDelete) return "Purgeable";
    const prefix = retentionDays < 90 ? "CustomizedRecoverable" : "Recoverable";
    return purgeProtection ? prefix : `${prefix}+Purgeable`;
  }

  get recoverableDays(): number | undefined {
    return this.#options.softDelete ? this.#options.retentionDays : undefined;
  }

  /** Adds a version (creating the secret when new) and returns it. */
  set(
    name: string,
    value: string,
    fields: SecretFields = {},
  ): { secret: StoredSecret; version: StoredSecretVersion } {
    const key = this.#key(name);
    const deleted = this.#deleted.get(key);
    if (deleted)
      throw deleted.pendingPolls > 0
        ? keyVaultErrors.beingDeleted()
        : keyVaultErrors.deletedButRecoverable(name);
    let secret = this.#secrets.get(key);
    if (!secret) {
      secret = { name, versions: [], pendingPolls: 0 };
      this.#secrets.set(key, secret);
    }
    const now = this.#nowSeconds();
    const version: StoredSecretVersion = {
      version: this.#nextVersionId(key),
      value,
      contentType: fields.contentType,
      tags: fields.tags === undefined ? undefined : { ...fields.tags },
      enabled: fields.enabled ?? true,
      notBefore: fields.notBefore,
      expires: fields.expires,
      created: now,
      updated: now,
    };
    secret.versions.push(version);
    return { secret, version };
  }

  /**
   * A version of an active secret (the newest when `version` is empty). `poll` marks a protocol read, which may be
   * one of the reads that still miss a secret being recovered.
   */
  get(name: string, version?: string, poll = false): { secret: StoredSecret; version: StoredSecretVersion } {
    const secret = this.#secrets.get(this.#key(name));
    if (!secret) throw keyVaultErrors.secretNotFound(name, version);
    if (poll && secret.pendingPolls > 0) {
      secret.pendingPolls--;
      throw keyVaultErrors.secretNotFound(name, version);
    }
    const found = version ? secret.versions.find((v) => v.version === version) : secret.versions.at(-1);
    if (!found) throw keyVaultErrors.secretNotFound(name, version);
    return { secret, version: found };
  }

  /** Changes the given fields of one version (the newest when `version` is empty); others stay as they were. */
  update(
    name: string,
    version: string | undefined,
    fields: SecretFields,
  ): { secret: StoredSecret; version: StoredSecretVersion } {
    this.#refuseDeleted(name);
    const found = this.get(name, version);
    const target = found.version;
    if (fields.contentType !== undefined) target.contentType = fields.contentType;
    if (fields.tags !== undefined) target.tags = { ...fields.tags };
    if (fields.enabled !== undefined) target.enabled = fields.enabled;
    if (fields.notBefore !== undefined) target.notBefore = fields.notBefore;
    if (fields.expires !== undefined) target.expires = fields.expires;
    target.updated = this.#nowSeconds();
    return found;
  }

  /** Active secrets, ordered by name as Key Vault lists them. */
  list(): StoredSecret[] {
    this.#sweep();
    return sortByName([...this.#secrets.values()], (secret) => secret.name);
  }

  /** The versions of a secret, oldest first; none when the name is unknown. */
  versions(name: string): StoredSecretVersion[] {
    return [...(this.#secrets.get(this.#key(name))?.versions ?? [])];
  }

  /**
   * Deletes a secret: soft (kept until purged, recovered or its retention ends) when soft delete is on, otherwise
   * for good. Returns the deleted record, whose `scheduledPurgeDate` is 0 when the delete was final.
   */
  delete(name: string, poll = false): DeletedStoredSecret {
    this.#refuseDeleted(name);
    const key = this.#key(name);
    const secret = this.#secrets.get(key);
    if (!secret) throw keyVaultErrors.secretNotFound(name);
    this.#secrets.delete(key);
    const now = this.#nowSeconds();
    if (!this.#options.softDelete)
      return { secret, deletedDate: now, scheduledPurgeDate: 0, pendingPolls: 0 };
    const deleted: DeletedStoredSecret = {
      secret,
      deletedDate: now,
      scheduledPurgeDate: now + this.#options.retentionDays * DAY_SECONDS,
      pendingPolls: poll ? this.#options.pollsUntilDone : 0,
    };
    this.#deleted.set(key, deleted);
    return deleted;
  }

  getDeleted(name: string, poll = false): DeletedStoredSecret {
    const deleted = this.#deleted.get(this.#key(name));
    if (!deleted) throw keyVaultErrors.deletedSecretNotFound(name);
    if (poll && deleted.pendingPolls > 0) {
      deleted.pendingPolls--;
      throw keyVaultErrors.deletedSecretNotFound(name);
    }
    return deleted;
  }

  listDeleted(): DeletedStoredSecret[] {
    this.#sweep();
    return sortByName([...this.#deleted.values()], (deleted) => deleted.secret.name);
  }

  /** Removes a soft-deleted secret for good. `force` (the test helpers) ignores purge protection. */
  purge(name: string, force = false): void {
    const deleted = this.getDeleted(name);
    if (deleted.pendingPolls > 0 && !force) throw keyVaultErrors.beingDeleted();
    if (this.#options.purgeProtection && !force)
      throw keyVaultErrors.purgeProtected(this.#options.vaultLabel);
    this.#deleted.delete(this.#key(name));
  }

  /** Brings a soft-deleted secret back with all its versions. */
  recover(name: string, poll = false): StoredSecret {
    const key = this.#key(name);
    const deleted = this.#deleted.get(key);
    if (!deleted) {
      if (this.#secrets.has(key)) throw keyVaultErrors.alreadyExists(name);
      throw keyVaultErrors.deletedSecretNotFound(name);
    }
    if (deleted.pendingPolls > 0) throw keyVaultErrors.beingDeleted();
    this.#deleted.delete(key);
    deleted.secret.pendingPolls = poll ? this.#options.pollsUntilDone : 0;
    this.#secrets.set(key, deleted.secret);
    return deleted.secret;
  }

  clear(): void {
    this.#secrets.clear();
    this.#deleted.clear();
  }

  #refuseDeleted(name: string): void {
    const deleted = this.#deleted.get(this.#key(name));
    if (deleted)
      throw deleted.pendingPolls > 0
        ? keyVaultErrors.beingDeleted()
        : keyVaultErrors.deletedButRecoverable(name);
  }

  /** Ends the retention of deleted secrets whose purge date has come, as the service does on its own. */
  #sweep(): void {
    const now = this.#nowSeconds();
    for (const [key, deleted] of this.#deleted) {
      if (deleted.scheduledPurgeDate <= now) this.#deleted.delete(key);
    }
  }

  #key(name: string): string {
    // Sweeping here keeps every read and write consistent with the clock without a timer.
    this.#sweep();
    return name.toLowerCase();
  }

  #nowSeconds(): number {
    return Math.floor(this.#options.now() / 1000);
  }

  /** 32 hex digits like Key Vault's version ids, derived from a counter so that runs are repeatable. */
  #nextVersionId(key: string): string {
    this.#sequence++;
    return createHash("sha256").update(`${key}\u0000${this.#sequence}`).digest("hex").slice(0, 32);
  }
}

function sortByName<T>(items: T[], nameOf: (item: T) => string): T[] {
  return items.sort((a, b) => {
    const left = nameOf(a).toLowerCase();
    const right = nameOf(b).toLowerCase();
    return left < right ? -1 : left > right ? 1 : 0;
  });
}
