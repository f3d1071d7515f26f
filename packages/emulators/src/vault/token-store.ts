/**
 * Service tokens of the token auth method (Vault HTTP API v1, `auth/token/*`): creation with policies and TTL,
 * expiry against the emulator clock, renewal capped by the explicit max TTL, use counts, and revocation of a
 * token together with its children.
 */

import { newServiceToken, randomBase62 } from "./random-id.js";
import { type VaultClock, vaultTime } from "./vault-clock.js";

/** Vault's system default and maximum TTL: 768h (32 days). */
export const DEFAULT_TOKEN_TTL_SECONDS = 768 * 3600;

export interface TokenEntry {
  readonly id: string;
  readonly accessor: string;
  /** Namespace path the token belongs to: `""` for root, `"ns1/"` for a child. */
  readonly namespace: string;
  readonly policies: readonly string[];
  readonly displayName: string;
  readonly path: string;
  readonly meta: Record<string, string> | null;
  readonly creationTime: number;
  /** The TTL asked for at creation (seconds), used again when renewing without an increment. */
  readonly creationTtl: number;
  readonly explicitMaxTtl: number;
  readonly renewable: boolean;
  readonly orphan: boolean;
  readonly parent: string | undefined;
  /** Milliseconds since the epoch, or `undefined` for a token that never expires (root). */
  expiresAt: number | undefined;
  issueTime: number;
  /** Uses left; 0 means unlimited. */
  numUses: number;
}

export interface CreateTokenInput {
  namespace: string;
  policies: readonly string[];
  ttlSeconds?: number | undefined;
  explicitMaxTtlSeconds?: number | undefined;
  renewable?: boolean | undefined;
  displayName?: string | undefined;
  path?: string | undefined;
  meta?: Record<string, string> | null | undefined;
  numUses?: number | undefined;
  parent?: TokenEntry | undefined;
  id?: string | undefined;
}

export class TokenStore {
  readonly #clock: VaultClock;
  readonly #tokens = new Map<string, TokenEntry>();

  constructor(clock: VaultClock) {
    this.#clock = clock;
  }

  /** A root token: `root` policy, no TTL. */
  createRoot(id: string, namespace = ""): TokenEntry {
    const now = this.#clock.now();
    const entry: TokenEntry = {
      id,
      accessor: randomBase62(24),
      namespace,
      policies: ["root"],
      displayName: "root",
      path: "auth/token/root",
      meta: null,
      creationTime: now,
      creationTtl: 0,
      explicitMaxTtl: 0,
      renewable: false,
      orphan: true,
      parent: undefined,
      expiresAt: undefined,
      issueTime: now,
      numUses: 0,
    };
    this.#tokens.set(id, entry);
    return entry;
  }

  create(input: CreateTokenInput): TokenEntry {
    const now = this.#clock.now();
    let ttl = input.ttlSeconds || DEFAULT_TOKEN_TTL_SECONDS;
    const explicitMaxTtl = input.explicitMaxTtlSeconds ?? 0;
    if (explicitMaxTtl > 0) ttl = Math.min(ttl, explicitMaxTtl);
    let expiresAt = now + ttl * 1000;
    // A child never outlives its parent (Vault caps the TTL to the parent's remaining lifetime).
    const parentExpiry = input.parent?.expiresAt;
    if (parentExpiry !== undefined && parentExpiry < expiresAt) expiresAt = parentExpiry;
    const id = input.id ?? newServiceToken();
    if (this.#tokens.has(id)) throw new Error("cannot create a token with a duplicate ID");
    const entry: TokenEntry = {
      id,
      accessor: randomBase62(24),
      namespace: input.namespace,
      policies: [...input.policies],
      displayName: input.displayName ?? "token",
      path: input.path ?? "auth/token/create",
      meta: input.meta ?? null,
      creationTime: now,
      creationTtl: ttl,
      explicitMaxTtl,
      renewable: input.renewable ?? true,
      orphan: input.parent === undefined,
      parent: input.parent?.id,
      expiresAt,
      issueTime: now,
      numUses: input.numUses ?? 0,
    };
    this.#tokens.set(id, entry);
    return entry;
  }

  /** The live token with this ID; expired ones are dropped on sight. */
  get(id: string): TokenEntry | undefined {
    const entry = this.#tokens.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && this.#clock.now() >= entry.expiresAt) {
      this.revoke(id);
      return undefined;
    }
    return entry;
  }

  /** Counts one use of a token that has a use limit, revoking it after its last use. */
  use(entry: TokenEntry): void {
    if (entry.numUses === 0) return;
    entry.numUses -= 1;
    if (entry.numUses === 0) this.revoke(entry.id);
  }

  /** Extends a token's lease; returns the new TTL in seconds. */
  renew(entry: TokenEntry, incrementSeconds: number | undefined): number {
    const now = this.#clock.now();
    let ttl = incrementSeconds || entry.creationTtl || DEFAULT_TOKEN_TTL_SECONDS;
    if (entry.explicitMaxTtl > 0) {
      const maxExpiry = entry.creationTime + entry.explicitMaxTtl * 1000;
      ttl = Math.max(0, Math.min(ttl, Math.floor((maxExpiry - now) / 1000)));
    }
    entry.expiresAt = now + ttl * 1000;
    return ttl;
  }

  /** Revokes a token and, as Vault does for non-orphan children, every token created from it. */
  revoke(id: string): void {
    if (!this.#tokens.delete(id)) return;
    for (const child of [...this.#tokens.values()]) if (child.parent === id) this.revoke(child.id);
  }

  /** Revokes every token of a namespace and of the namespaces below it. */
  revokeNamespace(namespace: string): void {
    for (const entry of [...this.#tokens.values()])
      if (entry.namespace.startsWith(namespace)) this.revoke(entry.id);
  }

  ttlSeconds(entry: TokenEntry): number {
    if (entry.expiresAt === undefined) return 0;
    return Math.max(0, Math.floor((entry.expiresAt - this.#clock.now()) / 1000));
  }

  /** The `data` of a token lookup, as Vault shapes it. */
  describe(entry: TokenEntry): Record<string, unknown> {
    return {
      accessor: entry.accessor,
      creation_time: Math.floor(entry.creationTime / 1000),
      creation_ttl: entry.creationTtl,
      display_name: entry.displayName,
      entity_id: "",
      expire_time: entry.expiresAt === undefined ? null : vaultTime(entry.expiresAt),
      explicit_max_ttl: entry.explicitMaxTtl,
      id: entry.id,
      issue_time: vaultTime(entry.issueTime),
      meta: entry.meta,
      num_uses: entry.numUses,
      orphan: entry.orphan,
      path: entry.path,
      policies: [...entry.policies],
      renewable: entry.renewable,
      ttl: this.ttlSeconds(entry),
      type: "service",
      ...(entry.namespace === "" ? {} : { namespace_path: entry.namespace }),
    };
  }

  /** The `auth` block Vault returns on login, token creation and renewal. */
  authBlock(entry: TokenEntry, leaseDuration = this.ttlSeconds(entry)): Record<string, unknown> {
    return {
      client_token: entry.id,
      accessor: entry.accessor,
      policies: [...entry.policies],
      token_policies: [...entry.policies],
      metadata: entry.meta,
      lease_duration: leaseDuration,
      renewable: entry.renewable,
      entity_id: "",
      token_type: "service",
      orphan: entry.orphan,
      mfa_requirement: null,
      num_uses: entry.numUses,
    };
  }
}
