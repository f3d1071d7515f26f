/**
 * The in-memory state of one AWS Secrets Manager emulator (API 2017-10-17): secrets, their versions and staging
 * labels, tags and scheduled deletion. Behaviour follows the API reference of each operation; where the reference
 * is silent, the comment says what was chosen and why.
 */
import { createHash } from "node:crypto";
import { AwsServiceError, awsMessages, secretExists, versionNotFound } from "./aws-errors.js";

export const AWSCURRENT = "AWSCURRENT";
export const AWSPREVIOUS = "AWSPREVIOUS";
/** AWS keeps at most about 100 versions; older versions without staging labels are removed beyond that. */
const MAX_VERSIONS = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A secret value: text or bytes, never both. */
export type SecretPayload = { readonly text: string } | { readonly bytes: Buffer };

export interface SecretTag {
  readonly Key: string;
  readonly Value: string;
}

export interface SecretVersion {
  readonly versionId: string;
  readonly payload: SecretPayload;
  readonly stages: Set<string>;
  readonly createdDate: Date;
}

export interface SecretRecord {
  readonly arn: string;
  readonly name: string;
  description: string | undefined;
  kmsKeyId: string | undefined;
  tags: SecretTag[];
  readonly createdDate: Date;
  /** Creation rank in this store: orders secrets created within the same millisecond. */
  readonly order: number;
  lastChangedDate: Date;
  lastAccessedDate: Date | undefined;
  /** When DeleteSecret was called; set while the secret is scheduled for deletion. */
  deletedDate: Date | undefined;
  /** When the secret disappears for good. */
  deletionDate: Date | undefined;
  /** Versions in creation order. */
  readonly versions: Map<string, SecretVersion>;
}

export interface CreateSecretInput {
  readonly name: string;
  readonly versionId?: string | undefined;
  readonly payload?: SecretPayload | undefined;
  readonly description?: string | undefined;
  readonly kmsKeyId?: string | undefined;
  readonly tags?: readonly SecretTag[] | undefined;
}

export interface SecretStoreOptions {
  readonly region: string;
  readonly accountId: string;
  /** The emulator's clock: deletion dates, created and changed dates all read it. */
  readonly now: () => Date;
}

export class SecretStore {
  readonly #secrets = new Map<string, SecretRecord>();
  readonly #options: SecretStoreOptions;
  #sequence = 0;
  #created = 0;

  constructor(options: SecretStoreOptions) {
    this.#options = options;
  }

  now(): Date {
    return this.#options.now();
  }

  /** A version id for requests that carry no `ClientRequestToken` (the SDK always sends one). */
  nextVersionId(): string {
    const n = (++this.#sequence).toString(16).padStart(12, "0");
    return `00000000-0000-4000-8000-${n}`;
  }

  /** Every secret still held, including those scheduled for deletion, in creation order. */
  all(): SecretRecord[] {
    this.#purgeExpired();
    return [...this.#secrets.values()];
  }

  /** Finds a secret by name, full ARN, or partial ARN (the ARN without its six-character suffix). */
  find(secretId: string): SecretRecord | undefined {
    this.#purgeExpired();
    const byName = this.#secrets.get(secretId);
    if (byName) return byName;
    for (const record of this.#secrets.values()) {
      if (record.arn === secretId || this.#partialArn(record.name) === secretId) return record;
    }
    return undefined;
  }

  /** Like `find`, but answers AWS's `ResourceNotFoundException` for a missing secret. */
  require(secretId: string): SecretRecord {
    const record = this.find(secretId);
    if (!record) throw new AwsServiceError("ResourceNotFoundException", awsMessages.secretNotFound);
    return record;
  }

  /** Like `require`, and refuses a secret scheduled for deletion, as every write and read of a value does. */
  requireActive(secretId: string): SecretRecord {
    const record = this.require(secretId);
    if (record.deletedDate)
      throw new AwsServiceError("InvalidRequestException", awsMessages.markedForDeletion);
    return record;
  }

  create(input: CreateSecretInput): { record: SecretRecord; version: SecretVersion | undefined } {
    const existing = this.find(input.name);
    if (existing) {
      if (existing.deletedDate) {
        throw new AwsServiceError("InvalidRequestException", awsMessages.createWhileScheduled);
      }
      // A retried CreateSecret (same token, same value) is answered as if it had just succeeded.
      const retried = input.versionId === undefined ? undefined : existing.versions.get(input.versionId);
      if (retried && input.payload && samePayload(retried.payload, input.payload)) {
        return { record: existing, version: retried };
      }
      throw new AwsServiceError("ResourceExistsException", secretExists(input.name));
    }
    const now = this.now();
    const record: SecretRecord = {
      arn: `${this.#partialArn(input.name)}-${this.#arnSuffix(input.name)}`,
      name: input.name,
      description: input.description,
      kmsKeyId: input.kmsKeyId,
      tags: mergeTags([], input.tags ?? []),
      createdDate: now,
      order: ++this.#created,
      lastChangedDate: now,
      lastAccessedDate: undefined,
      deletedDate: undefined,
      deletionDate: undefined,
      versions: new Map(),
    };
    this.#secrets.set(record.name, record);
    const version = input.payload
      ? this.putValue(record, {
          versionId: input.versionId ?? this.nextVersionId(),
          payload: input.payload,
          stages: [AWSCURRENT],
        })
      : undefined;
    return { record, version };
  }

  /**
   * Adds a version and moves its staging labels onto it. Moving `AWSCURRENT` hands `AWSPREVIOUS` to the version
   * that held `AWSCURRENT` (PutSecretValue reference). Re-sending an existing version id with the same value is a
   * no-op; with another value it is refused, because versions are immutable.
   */
  putValue(
    record: SecretRecord,
    input: { versionId: string; payload: SecretPayload; stages: readonly string[] },
  ): SecretVersion {
    const existing = record.versions.get(input.versionId);
    if (existing) {
      if (samePayload(existing.payload, input.payload)) return existing;
      throw new AwsServiceError("ResourceExistsException", awsMessages.versionImmutable);
    }
    const now = this.now();
    const version: SecretVersion = {
      versionId: input.versionId,
      payload: input.payload,
      stages: new Set(),
      createdDate: now,
    };
    for (const stage of input.stages) {
      const holder = this.#holderOf(record, stage);
      holder?.stages.delete(stage);
      if (stage === AWSCURRENT && holder) {
        this.#holderOf(record, AWSPREVIOUS)?.stages.delete(AWSPREVIOUS);
        holder.stages.add(AWSPREVIOUS);
      }
      version.stages.add(stage);
    }
    record.versions.set(version.versionId, version);
    record.lastChangedDate = now;
    this.#pruneVersions(record);
    return version;
  }

  /** The version a read selects: by id, by label (default `AWSCURRENT`), or both, which must agree. */
  selectVersion(
    record: SecretRecord,
    selector: { versionId?: string; versionStage?: string },
  ): SecretVersion {
    const { versionId, versionStage } = selector;
    let version: SecretVersion | undefined;
    if (versionId !== undefined) {
      version = record.versions.get(versionId);
      if (version && versionStage !== undefined && !version.stages.has(versionStage)) version = undefined;
    } else {
      version = this.#holderOf(record, versionStage ?? AWSCURRENT);
    }
    if (!version) {
      const shown =
        versionId === undefined
          ? { versionStage: versionStage ?? AWSCURRENT }
          : { versionId, ...pick(versionStage) };
      throw new AwsServiceError("ResourceNotFoundException", versionNotFound(shown));
    }
    return version;
  }

  /** Records a read: AWS keeps the last accessed date to the day. */
  markAccessed(record: SecretRecord): void {
    const now = this.now().getTime();
    record.lastAccessedDate = new Date(now - (now % DAY_MS));
  }

  scheduleDeletion(record: SecretRecord, recoveryWindowDays: number): Date {
    const now = this.now();
    record.deletedDate = now;
    record.deletionDate = new Date(now.getTime() + recoveryWindowDays * DAY_MS);
    return record.deletionDate;
  }

  deleteNow(record: SecretRecord): Date {
    this.#secrets.delete(record.name);
    return this.now();
  }

  restore(record: SecretRecord): void {
    record.deletedDate = undefined;
    record.deletionDate = undefined;
  }

  tag(record: SecretRecord, tags: readonly SecretTag[]): void {
    record.tags = mergeTags(record.tags, tags);
  }

  untag(record: SecretRecord, keys: readonly string[]): void {
    const drop = new Set(keys);
    record.tags = record.tags.filter((t) => !drop.has(t.Key));
  }

  /** Labelled versions only: AWS calls versions without labels deprecated and leaves them out of these maps. */
  versionsToStages(record: SecretRecord): Record<string, string[]> {
    const map: Record<string, string[]> = {};
    for (const version of record.versions.values()) {
      if (version.stages.size > 0) map[version.versionId] = [...version.stages];
    }
    return map;
  }

  clear(): void {
    this.#secrets.clear();
  }

  #holderOf(record: SecretRecord, stage: string): SecretVersion | undefined {
    for (const version of record.versions.values()) if (version.stages.has(stage)) return version;
    return undefined;
  }

  #pruneVersions(record: SecretRecord): void {
    for (const version of record.versions.values()) {
      if (record.versions.size <= MAX_VERSIONS) return;
      if (version.stages.size === 0) record.versions.delete(version.versionId);
    }
  }

  /** A secret past its deletion date is gone, its name free again. */
  #purgeExpired(): void {
    const now = this.now().getTime();
    for (const [name, record] of this.#secrets) {
      if (record.deletionDate && record.deletionDate.getTime() <= now) this.#secrets.delete(name);
    }
  }

  #partialArn(name: string): string {
    return `arn:aws:secretsmanager:${this.#options.region}:${this.#options.accountId}:secret:${name}`;
  }

  /** Six characters as AWS appends, derived from the name and a counter so runs are reproducible. */
  #arnSuffix(name: string): string {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const digest = createHash("sha256")
      .update(`${name}\u0000${++this.#sequence}`)
      .digest();
    let suffix = "";
    for (let i = 0; i < 6; i++) suffix += alphabet[(digest[i] ?? 0) % alphabet.length];
    return suffix;
  }
}

export function samePayload(a: SecretPayload, b: SecretPayload): boolean {
  if ("text" in a) return "text" in b && a.text === b.text;
  return "bytes" in b && a.bytes.equals(b.bytes);
}

/** Tags keep their first position; a repeated key takes the newer value (TagResource reference). */
function mergeTags(current: readonly SecretTag[], added: readonly SecretTag[]): SecretTag[] {
  const merged = new Map(current.map((t) => [t.Key, t.Value]));
  for (const tag of added) merged.set(tag.Key, tag.Value);
  return [...merged].map(([Key, Value]) => ({ Key, Value }));
}

function pick(versionStage: string | undefined): { versionStage?: string } {
  return versionStage === undefined ? {} : { versionStage };
}
