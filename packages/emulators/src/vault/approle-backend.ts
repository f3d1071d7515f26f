/**
 * The AppRole auth method (Vault HTTP API v1, https://developer.hashicorp.com/vault/api-docs/auth/approle):
 * roles with token settings, role IDs, secret IDs with TTL and use limits, and login. One instance is one mount.
 */
import { parseDurationSeconds } from "./duration.js";
import { newUuid } from "./random-id.js";
import type { VaultClock } from "./vault-clock.js";
import { vaultTime } from "./vault-clock.js";
import { badRequest, notFound, VaultHttpError } from "./vault-errors.js";

export interface AppRole {
  readonly name: string;
  roleId: string;
  tokenPolicies: string[];
  tokenTtl: number;
  tokenMaxTtl: number;
  tokenNumUses: number;
  secretIdTtl: number;
  secretIdNumUses: number;
  bindSecretId: boolean;
  readonly secretIds: Map<string, SecretIdEntry>;
}

interface SecretIdEntry {
  readonly accessor: string;
  readonly createdAt: number;
  readonly expiresAt: number | undefined;
  usesLeft: number;
  readonly ttl: number;
  readonly numUses: number;
  readonly metadata: Record<string, string>;
}

/** What a successful login grants; the caller turns it into a token. */
export interface AppRoleGrant {
  readonly role: AppRole;
  readonly policies: string[];
  readonly ttl: number;
  readonly maxTtl: number;
  readonly numUses: number;
}

const INVALID_CREDENTIALS = "invalid role or secret ID";

export class AppRoleBackend {
  readonly #clock: VaultClock;
  readonly #roles = new Map<string, AppRole>();

  constructor(clock: VaultClock) {
    this.#clock = clock;
  }

  listRoles(): string[] {
    return [...this.#roles.keys()].sort();
  }

  /** Creates or updates a role; fields left out keep their value (or Vault's default on creation). */
  writeRole(rawName: string, body: Record<string, unknown>): AppRole {
    const name = rawName.toLowerCase();
    const role: AppRole = this.#roles.get(name) ?? {
      name,
      roleId: newUuid(),
      tokenPolicies: [],
      tokenTtl: 0,
      tokenMaxTtl: 0,
      tokenNumUses: 0,
      secretIdTtl: 0,
      secretIdNumUses: 0,
      bindSecretId: true,
      secretIds: new Map(),
    };
    const policies = body.token_policies ?? body.policies;
    if (policies !== undefined) role.tokenPolicies = stringList(policies);
    role.tokenTtl = seconds(body.token_ttl, role.tokenTtl);
    role.tokenMaxTtl = seconds(body.token_max_ttl, role.tokenMaxTtl);
    role.secretIdTtl = seconds(body.secret_id_ttl, role.secretIdTtl);
    if (body.token_num_uses !== undefined) role.tokenNumUses = integer(body.token_num_uses, "token_num_uses");
    if (body.secret_id_num_uses !== undefined)
      role.secretIdNumUses = integer(body.secret_id_num_uses, "secret_id_num_uses");
    if (body.bind_secret_id !== undefined)
      role.bindSecretId = body.bind_secret_id === true || body.bind_secret_id === "true";
    if (typeof body.role_id === "string" && body.role_id !== "") role.roleId = body.role_id;
    this.#roles.set(name, role);
    return role;
  }

  readRole(name: string): Record<string, unknown> {
    const role = this.#role(name);
    return {
      bind_secret_id: role.bindSecretId,
      local_secret_ids: false,
      policies: [...role.tokenPolicies],
      secret_id_bound_cidrs: null,
      secret_id_num_uses: role.secretIdNumUses,
      secret_id_ttl: role.secretIdTtl,
      token_bound_cidrs: [],
      token_explicit_max_ttl: 0,
      token_max_ttl: role.tokenMaxTtl,
      token_no_default_policy: false,
      token_num_uses: role.tokenNumUses,
      token_period: 0,
      token_policies: [...role.tokenPolicies],
      token_ttl: role.tokenTtl,
      token_type: "default",
    };
  }

  deleteRole(name: string): void {
    this.#roles.delete(name.toLowerCase());
  }

  roleId(name: string): string {
    return this.#role(name).roleId;
  }

  setRoleId(name: string, roleId: unknown): void {
    if (typeof roleId !== "string" || roleId === "") throw badRequest("missing role_id");
    this.#role(name).roleId = roleId;
  }

  /** Issues a secret ID (`POST role/<name>/secret-id`, or `custom-secret-id` when `secretId` is given). */
  createSecretId(
    name: string,
    body: Record<string, unknown>,
    secretId: string = newUuid(),
  ): Record<string, unknown> {
    const role = this.#role(name);
    if (role.secretIds.has(secretId)) throw badRequest("secret_id is already registered");
    const ttl = seconds(body.ttl, role.secretIdTtl);
    const numUses = body.num_uses === undefined ? role.secretIdNumUses : integer(body.num_uses, "num_uses");
    const now = this.#clock.now();
    const entry: SecretIdEntry = {
      accessor: newUuid(),
      createdAt: now,
      expiresAt: ttl > 0 ? now + ttl * 1000 : undefined,
      usesLeft: numUses,
      ttl,
      numUses,
      metadata: parseMetadata(body.metadata),
    };
    role.secretIds.set(secretId, entry);
    return {
      secret_id: secretId,
      secret_id_accessor: entry.accessor,
      secret_id_ttl: ttl,
      secret_id_num_uses: numUses,
    };
  }

  listSecretIdAccessors(name: string): string[] {
    const role = this.#role(name);
    this.#dropExpired(role);
    return [...role.secretIds.values()].map((entry) => entry.accessor).sort();
  }

  lookupSecretId(name: string, secretId: unknown): Record<string, unknown> | undefined {
    const role = this.#role(name);
    this.#dropExpired(role);
    const entry = typeof secretId === "string" ? role.secretIds.get(secretId) : undefined;
    if (!entry) return undefined;
    return {
      cidr_list: [],
      creation_time: vaultTime(entry.createdAt),
      expiration_time: entry.expiresAt === undefined ? "0001-01-01T00:00:00Z" : vaultTime(entry.expiresAt),
      last_updated_time: vaultTime(entry.createdAt),
      metadata: entry.metadata,
      secret_id_accessor: entry.accessor,
      secret_id_num_uses: entry.usesLeft,
      secret_id_ttl: entry.ttl,
      token_bound_cidrs: [],
    };
  }

  destroySecretId(name: string, secretId: unknown): void {
    if (typeof secretId !== "string") throw badRequest("missing secret_id");
    this.#role(name).secretIds.delete(secretId);
  }

  login(body: Record<string, unknown>): AppRoleGrant {
    const roleId = body.role_id;
    if (typeof roleId !== "string" || roleId === "") throw badRequest("missing role_id");
    const role = [...this.#roles.values()].find((candidate) => candidate.roleId === roleId);
    if (!role) throw badRequest(INVALID_CREDENTIALS);
    if (role.bindSecretId) {
      const secretId = body.secret_id;
      if (typeof secretId !== "string" || secretId === "") throw badRequest("missing secret_id");
      this.#dropExpired(role);
      const entry = role.secretIds.get(secretId);
      if (!entry) throw badRequest(INVALID_CREDENTIALS);
      if (entry.numUses > 0) {
        entry.usesLeft -= 1;
        if (entry.usesLeft <= 0) role.secretIds.delete(secretId);
      }
    }
    return {
      role,
      policies: [...new Set(["default", ...role.tokenPolicies])].sort(),
      ttl: role.tokenTtl,
      maxTtl: role.tokenMaxTtl,
      numUses: role.tokenNumUses,
    };
  }

  #role(name: string): AppRole {
    const role = this.#roles.get(name.toLowerCase());
    if (!role) throw notFound();
    return role;
  }

  #dropExpired(role: AppRole): void {
    const now = this.#clock.now();
    for (const [secretId, entry] of role.secretIds)
      if (entry.expiresAt !== undefined && now >= entry.expiresAt) role.secretIds.delete(secretId);
  }
}

/** Policy lists arrive as JSON arrays or as comma-separated strings. */
export function stringList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [];
  return [...new Set(items.map((item) => String(item).trim()).filter((item) => item !== ""))];
}

function seconds(value: unknown, fallback: number): number {
  try {
    return parseDurationSeconds(value) ?? fallback;
  } catch (error) {
    throw new VaultHttpError(400, [(error as Error).message]);
  }
}

function integer(value: unknown, field: string): number {
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number) || number < 0)
    throw badRequest(`${field} must be a non-negative integer`);
  return number;
}

function parseMetadata(value: unknown): Record<string, string> {
  if (value === undefined || value === "") return {};
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw badRequest("failed to parse metadata: metadata must be a JSON object of strings");
    }
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw badRequest("failed to parse metadata: metadata must be a JSON object of strings");
  return Object.fromEntries(Object.entries(parsed).map(([key, item]) => [key, String(item)]));
}
