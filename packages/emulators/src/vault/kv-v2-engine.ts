/**
 * The KV secrets engine, version 2 (Vault HTTP API v1, https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2,
 * behaviour checked against hashicorp/vault-plugin-secrets-kv): versioned entries, check-and-set, soft delete,
 * undelete, destroy, per-key metadata (`max_versions`, `cas_required`, `delete_version_after`,
 * `custom_metadata`) and listing. One instance is one mount.
 */
import { formatDuration, parseDurationSeconds } from "./duration.js";
import { type VaultClock, vaultTime } from "./vault-clock.js";
import { badRequest, notFound, VaultHttpError } from "./vault-errors.js";

/** Vault keeps 10 versions per key when neither the mount nor the key says otherwise. */
const DEFAULT_MAX_VERSIONS = 10;

export type SecretData = Record<string, unknown>;

interface KvVersion {
  data: SecretData | undefined;
  readonly createdTime: number;
  deletionTime: number | undefined;
  destroyed: boolean;
}

interface KvKey {
  readonly versions: Map<number, KvVersion>;
  currentVersion: number;
  oldestVersion: number;
  maxVersions: number;
  casRequired: boolean;
  deleteVersionAfter: number;
  customMetadata: Record<string, string> | null;
  readonly createdTime: number;
  updatedTime: number;
}

export interface KvMountConfig {
  maxVersions: number;
  casRequired: boolean;
  deleteVersionAfter: number;
}

/** What a read of one version finds. */
export type KvReadResult =
  | { found: true; data: SecretData; metadata: Record<string, unknown> }
  | { found: false; metadata: Record<string, unknown> | undefined };

export class KvV2Engine {
  readonly #clock: VaultClock;
  readonly #keys = new Map<string, KvKey>();
  readonly config: KvMountConfig = { maxVersions: 0, casRequired: false, deleteVersionAfter: 0 };

  constructor(clock: VaultClock) {
    this.#clock = clock;
  }

  /** Whether the key has metadata: Vault's existence check, which decides between `create` and `update`. */
  exists(path: string): boolean {
    return this.#keys.has(path);
  }

  read(path: string, version?: number): KvReadResult {
    const key = this.#keys.get(path);
    if (!key) return { found: false, metadata: undefined };
    const number = version && version > 0 ? version : key.currentVersion;
    const entry = key.versions.get(number);
    if (!entry) return { found: false, metadata: undefined };
    const metadata = {
      ...this.#versionMetadata(entry),
      version: number,
      custom_metadata: key.customMetadata,
    };
    if (this.#isDeleted(entry) || entry.destroyed || entry.data === undefined)
      return { found: false, metadata };
    return { found: true, data: structuredClone(entry.data), metadata };
  }

  write(path: string, body: Record<string, unknown>): Record<string, unknown> {
    const data = body.data;
    if (data === undefined || data === null) throw badRequest("no data provided");
    if (typeof data !== "object" || Array.isArray(data)) throw badRequest("data must be a JSON object");
    const key = this.#keys.get(path) ?? this.#newKey();
    this.#checkAndSet(key, body.options);
    const number = this.#addVersion(key, structuredClone(data as SecretData));
    this.#keys.set(path, key);
    return {
      ...this.#versionMetadata(key.versions.get(number) as KvVersion),
      version: number,
      custom_metadata: key.customMetadata,
    };
  }

  /** JSON merge patch (RFC 7386) of the current version into a new one. */
  patch(path: string, body: Record<string, unknown>): Record<string, unknown> {
    const patch = body.data;
    if (patch === undefined || patch === null) throw badRequest("no data provided");
    const key = this.#keys.get(path);
    const current = key?.versions.get(key.currentVersion);
    if (!key || !current) throw notFound();
    this.#checkAndSet(key, body.options);
    if (this.#isDeleted(current) || current.destroyed || current.data === undefined) throw notFound();
    const merged = mergePatch(structuredClone(current.data), patch) as SecretData;
    const number = this.#addVersion(key, merged);
    return {
      ...this.#versionMetadata(key.versions.get(number) as KvVersion),
      version: number,
      custom_metadata: key.customMetadata,
    };
  }

  /** `DELETE data/<path>`: soft-deletes the latest version. */
  deleteLatest(path: string): void {
    const key = this.#keys.get(path);
    const current = key?.versions.get(key.currentVersion);
    if (!key || !current || current.destroyed || this.#isDeleted(current)) return;
    current.deletionTime = this.#clock.now();
    key.updatedTime = this.#clock.now();
  }

  deleteVersions(path: string, versions: readonly number[]): void {
    const key = this.#keys.get(path);
    if (!key) return;
    for (const number of versions) {
      const entry = key.versions.get(number);
      if (entry && !entry.destroyed && !this.#isDeleted(entry)) entry.deletionTime = this.#clock.now();
    }
    key.updatedTime = this.#clock.now();
  }

  undeleteVersions(path: string, versions: readonly number[]): void {
    const key = this.#keys.get(path);
    if (!key) return;
    for (const number of versions) {
      const entry = key.versions.get(number);
      if (entry && !entry.destroyed) entry.deletionTime = undefined;
    }
    key.updatedTime = this.#clock.now();
  }

  destroyVersions(path: string, versions: readonly number[]): void {
    const key = this.#keys.get(path);
    if (!key) return;
    for (const number of versions) {
      const entry = key.versions.get(number);
      if (entry) {
        entry.destroyed = true;
        entry.data = undefined;
      }
    }
    key.updatedTime = this.#clock.now();
  }

  readMetadata(path: string): Record<string, unknown> | undefined {
    const key = this.#keys.get(path);
    if (!key) return undefined;
    const versions: Record<string, unknown> = {};
    for (const [number, entry] of [...key.versions].sort(([a], [b]) => a - b))
      versions[String(number)] = this.#versionMetadata(entry);
    return {
      cas_required: key.casRequired,
      created_time: vaultTime(key.createdTime),
      current_version: key.currentVersion,
      custom_metadata: key.customMetadata,
      delete_version_after: formatDuration(key.deleteVersionAfter),
      max_versions: key.maxVersions,
      oldest_version: key.oldestVersion,
      updated_time: vaultTime(key.updatedTime),
      versions,
    };
  }

  /** `POST metadata/<path>` (replace given fields) and `PATCH metadata/<path>` (merge `custom_metadata`). */
  writeMetadata(path: string, body: Record<string, unknown>, mode: "replace" | "patch"): void {
    const existing = this.#keys.get(path);
    if (mode === "patch" && !existing) throw notFound();
    const key = existing ?? this.#newKey();
    if (body.max_versions !== undefined)
      key.maxVersions = nonNegativeInteger(body.max_versions, "max_versions");
    if (body.cas_required !== undefined) key.casRequired = toBoolean(body.cas_required, "cas_required");
    if (body.delete_version_after !== undefined) key.deleteVersionAfter = duration(body.delete_version_after);
    if (body.custom_metadata !== undefined) {
      const incoming = body.custom_metadata;
      if (incoming !== null && (typeof incoming !== "object" || Array.isArray(incoming)))
        throw badRequest("custom_metadata must be a map of strings");
      const next: Record<string, unknown> =
        mode === "patch" ? { ...(key.customMetadata ?? {}), ...(incoming ?? {}) } : { ...(incoming ?? {}) };
      for (const [name, value] of Object.entries(next)) if (value === null) delete next[name];
      key.customMetadata = validateCustomMetadata(next);
    }
    key.updatedTime = this.#clock.now();
    this.#keys.set(path, key);
  }

  deleteMetadata(path: string): void {
    this.#keys.delete(path);
  }

  /** Keys directly below `prefix` (`""` or ending in `/`), folders with a trailing slash, sorted. */
  list(prefix: string): string[] {
    const keys = new Set<string>();
    for (const path of this.#keys.keys()) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf("/");
      keys.add(slash < 0 ? rest : rest.slice(0, slash + 1));
    }
    return [...keys].sort();
  }

  readConfig(): Record<string, unknown> {
    return {
      cas_required: this.config.casRequired,
      delete_version_after: formatDuration(this.config.deleteVersionAfter),
      max_versions: this.config.maxVersions,
    };
  }

  writeConfig(body: Record<string, unknown>): void {
    if (body.max_versions !== undefined)
      this.config.maxVersions = nonNegativeInteger(body.max_versions, "max_versions");
    if (body.cas_required !== undefined)
      this.config.casRequired = toBoolean(body.cas_required, "cas_required");
    if (body.delete_version_after !== undefined)
      this.config.deleteVersionAfter = duration(body.delete_version_after);
  }

  #newKey(): KvKey {
    const now = this.#clock.now();
    return {
      versions: new Map(),
      currentVersion: 0,
      oldestVersion: 0,
      maxVersions: 0,
      casRequired: false,
      deleteVersionAfter: 0,
      customMetadata: null,
      createdTime: now,
      updatedTime: now,
    };
  }

  #checkAndSet(key: KvKey, options: unknown): void {
    const cas = options && typeof options === "object" ? (options as Record<string, unknown>).cas : undefined;
    if (cas !== undefined && cas !== null) {
      const number = typeof cas === "string" && /^\d+$/.test(cas) ? Number(cas) : cas;
      if (typeof number !== "number" || !Number.isInteger(number))
        throw badRequest("error parsing check-and-set parameter");
      if (number !== key.currentVersion)
        throw badRequest("check-and-set parameter did not match the current version");
    } else if (this.config.casRequired || key.casRequired) {
      throw badRequest("check-and-set parameter required for this call");
    }
  }

  #addVersion(key: KvKey, data: SecretData): number {
    const now = this.#clock.now();
    const number = key.currentVersion + 1;
    const after = key.deleteVersionAfter || this.config.deleteVersionAfter;
    key.versions.set(number, {
      data,
      createdTime: now,
      deletionTime: after > 0 ? now + after * 1000 : undefined,
      destroyed: false,
    });
    key.currentVersion = number;
    if (key.oldestVersion === 0) key.oldestVersion = number;
    key.updatedTime = now;
    const limit = key.maxVersions || this.config.maxVersions || DEFAULT_MAX_VERSIONS;
    while (key.versions.size > limit) {
      key.versions.delete(key.oldestVersion);
      key.oldestVersion += 1;
    }
    return number;
  }

  #isDeleted(entry: KvVersion): boolean {
    return entry.deletionTime !== undefined && entry.deletionTime <= this.#clock.now();
  }

  #versionMetadata(entry: KvVersion): Record<string, unknown> {
    return {
      created_time: vaultTime(entry.createdTime),
      deletion_time: entry.deletionTime === undefined ? "" : vaultTime(entry.deletionTime),
      destroyed: entry.destroyed,
    };
  }
}

/** The `versions` field of delete, undelete and destroy. */
export function parseVersions(body: Record<string, unknown>): number[] {
  const raw = body.versions;
  const list = Array.isArray(raw)
    ? raw
    : typeof raw === "string"
      ? raw.split(",")
      : raw === undefined
        ? []
        : [raw];
  const versions = list.map((item) => (typeof item === "string" ? Number(item.trim()) : item));
  if (versions.length === 0) throw badRequest("no version number provided");
  if (!versions.every((item) => typeof item === "number" && Number.isInteger(item) && item > 0))
    throw badRequest("versions must be positive integers");
  return versions as number[];
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> =
    target && typeof target === "object" && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete result[name];
    else result[name] = mergePatch(result[name], value);
  }
  return result;
}

/** Vault's limits on custom metadata: 64 keys, keys up to 128 bytes, values up to 512 bytes, strings only. */
function validateCustomMetadata(entries: Record<string, unknown>): Record<string, string> | null {
  const names = Object.keys(entries);
  if (names.length > 64) throw badRequest("custom_metadata can only contain up to 64 keys");
  for (const name of names) {
    const value = entries[name];
    if (typeof value !== "string")
      throw badRequest(`custom_metadata value for key "${name}" must be a string`);
    if (name.length === 0 || Buffer.byteLength(name) > 128)
      throw badRequest(`custom_metadata key "${name.slice(0, 128)}" must be 1 to 128 bytes`);
    // The value itself is never echoed: custom metadata may hold something sensitive.
    if (Buffer.byteLength(value) > 512)
      throw badRequest(`custom_metadata value for key "${name}" is longer than 512 bytes`);
  }
  return names.length === 0 ? null : (entries as Record<string, string>);
}

function nonNegativeInteger(value: unknown, field: string): number {
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number) || number < 0)
    throw badRequest(`${field} must be a non-negative integer`);
  return number;
}

function toBoolean(value: unknown, field: string): boolean {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  throw badRequest(`${field} must be a boolean`);
}

function duration(value: unknown): number {
  try {
    return parseDurationSeconds(value) ?? 0;
  } catch (error) {
    throw new VaultHttpError(400, [(error as Error).message]);
  }
}
