/**
 * Everything one emulator instance holds, in memory: namespaces (Vault Enterprise namespaces, HTTP API v1), each
 * with its own secrets-engine mounts, auth mounts, ACL policies; and the tokens, which belong to a namespace.
 * Two emulators never share a `VaultState`.
 */
import { Acl, DEFAULT_POLICY_TEXT, type PolicyRule, parsePolicy } from "./acl-policy.js";
import { AppRoleBackend } from "./approle-backend.js";
import { KvV2Engine } from "./kv-v2-engine.js";
import { newUuid, randomBase62 } from "./random-id.js";
import { type TokenEntry, TokenStore } from "./token-store.js";
import type { VaultClock } from "./vault-clock.js";
import { badRequest } from "./vault-errors.js";

export interface KvMount {
  readonly path: string;
  readonly type: "kv";
  readonly description: string;
  readonly accessor: string;
  readonly uuid: string;
  readonly engine: KvV2Engine;
}

export interface AuthMount {
  readonly path: string;
  readonly type: "token" | "approle";
  readonly description: string;
  readonly accessor: string;
  readonly uuid: string;
  readonly approle: AppRoleBackend | undefined;
}

export interface StoredPolicy {
  readonly name: string;
  readonly text: string;
  readonly rules: readonly PolicyRule[];
}

export class NamespaceState {
  /** `""` for the root namespace, otherwise the full path with a trailing slash (`"ns1/"`, `"ns1/team/"`). */
  readonly path: string;
  readonly id: string;
  readonly customMetadata: Record<string, string>;
  readonly mounts = new Map<string, KvMount>();
  readonly authMounts = new Map<string, AuthMount>();
  readonly policies = new Map<string, StoredPolicy>();
  readonly #clock: VaultClock;

  constructor(path: string, clock: VaultClock, customMetadata: Record<string, string> = {}) {
    this.path = path;
    this.id = path === "" ? "root" : randomBase62(5);
    this.customMetadata = customMetadata;
    this.#clock = clock;
    this.authMounts.set("token/", {
      path: "token/",
      type: "token",
      description: "token based credentials",
      accessor: `auth_token_${randomBase62(8).toLowerCase()}`,
      uuid: newUuid(),
      approle: undefined,
    });
    this.writePolicy("default", DEFAULT_POLICY_TEXT);
  }

  /** Mounts a KV version 2 engine; `path` may be given with or without its trailing slash. */
  enableKv(rawPath: string, description = ""): KvMount {
    const path = mountPath(rawPath);
    this.#assertFree(path);
    const mount: KvMount = {
      path,
      type: "kv",
      description,
      accessor: `kv_${randomBase62(8).toLowerCase()}`,
      uuid: newUuid(),
      engine: new KvV2Engine(this.#clock),
    };
    this.mounts.set(path, mount);
    return mount;
  }

  enableAuth(rawPath: string, type: string, description = ""): AuthMount {
    const path = mountPath(rawPath);
    if (type !== "approle")
      throw badRequest(`unsupported auth method type: ${type} (this emulator serves approle)`);
    if (this.authMounts.has(path)) throw badRequest(`path is already in use at auth/${path}`);
    const mount: AuthMount = {
      path,
      type: "approle",
      description,
      accessor: `auth_approle_${randomBase62(8).toLowerCase()}`,
      uuid: newUuid(),
      approle: new AppRoleBackend(this.#clock),
    };
    this.authMounts.set(path, mount);
    return mount;
  }

  /** The KV mount that serves `path` (longest mount prefix wins), with the rest of the path. */
  findMount(path: string): { mount: KvMount; rest: string } | undefined {
    let best: KvMount | undefined;
    for (const mount of this.mounts.values())
      if (`${path}/`.startsWith(mount.path) && (!best || mount.path.length > best.path.length)) best = mount;
    if (!best) return undefined;
    return { mount: best, rest: path.slice(best.path.length) };
  }

  findAuthMount(path: string): { mount: AuthMount; rest: string } | undefined {
    let best: AuthMount | undefined;
    for (const mount of this.authMounts.values())
      if (`${path}/`.startsWith(mount.path) && (!best || mount.path.length > best.path.length)) best = mount;
    if (!best) return undefined;
    return { mount: best, rest: path.slice(best.path.length) };
  }

  writePolicy(rawName: string, text: string): StoredPolicy {
    const name = rawName.toLowerCase();
    if (name === "root") throw badRequest("cannot update root policy");
    let rules: PolicyRule[];
    try {
      rules = parsePolicy(text);
    } catch (error) {
      throw badRequest(`failed to parse policy: ${(error as Error).message}`);
    }
    const policy = { name, text, rules };
    this.policies.set(name, policy);
    return policy;
  }

  deletePolicy(rawName: string): void {
    const name = rawName.toLowerCase();
    if (name === "root" || name === "default") throw badRequest(`cannot delete ${name} policy`);
    this.policies.delete(name);
  }

  policyNames(): string[] {
    return [...this.policies.keys(), "root"].sort();
  }

  #assertFree(path: string): void {
    if (path === "sys/" || path === "auth/" || path.startsWith("sys/") || path.startsWith("auth/"))
      throw badRequest(`cannot mount at reserved path ${path}`);
    for (const existing of this.mounts.keys())
      if (existing.startsWith(path) || path.startsWith(existing))
        throw badRequest(`path is already in use at ${existing}`);
  }
}

export interface VaultStateOptions {
  readonly rootToken: string;
  readonly clock: VaultClock;
  readonly mounts: readonly string[];
}

export class VaultState {
  readonly clock: VaultClock;
  readonly tokens: TokenStore;
  readonly namespaces = new Map<string, NamespaceState>();
  readonly rootToken: string;
  sealed = false;
  standby = false;

  constructor(options: VaultStateOptions) {
    this.clock = options.clock;
    this.rootToken = options.rootToken;
    this.tokens = new TokenStore(options.clock);
    const root = new NamespaceState("", options.clock);
    for (const mount of options.mounts) root.enableKv(mount);
    this.namespaces.set("", root);
    this.tokens.createRoot(options.rootToken);
  }

  get root(): NamespaceState {
    return this.namespaces.get("") as NamespaceState;
  }

  /** Creates a namespace (one level) under `parent`; `name` has no slashes. */
  createNamespace(
    parent: NamespaceState,
    name: string,
    customMetadata: Record<string, string> = {},
  ): NamespaceState {
    if (
      !/^[A-Za-z0-9_.-]+$/.test(name) ||
      name === "root" ||
      name === "sys" ||
      name === "audit" ||
      name === "auth"
    )
      throw badRequest(`invalid namespace name ${JSON.stringify(name)}`);
    const path = `${parent.path}${name}/`;
    if (this.namespaces.has(path)) throw badRequest(`namespace "${path}" already exists`);
    const namespace = new NamespaceState(path, this.clock, customMetadata);
    this.namespaces.set(path, namespace);
    return namespace;
  }

  deleteNamespace(path: string): void {
    for (const key of [...this.namespaces.keys()]) if (key.startsWith(path)) this.namespaces.delete(key);
    this.tokens.revokeNamespace(path);
  }

  /** Namespaces directly below `parent`. */
  children(parent: NamespaceState): NamespaceState[] {
    return [...this.namespaces.values()]
      .filter((ns) => ns.path !== parent.path && ns.path.startsWith(parent.path))
      .filter((ns) => !ns.path.slice(parent.path.length, -1).includes("/"))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /**
   * Finds the namespace a request addresses: the `X-Vault-Namespace` header, then as many leading path segments
   * as name existing child namespaces (Vault's path-prefix form, `/v1/ns1/secret/data/x`).
   */
  resolveNamespace(
    header: string | undefined,
    path: string,
  ): { namespace: NamespaceState; path: string } | undefined {
    const headerPath = normalizeNamespace(header);
    let namespace = this.namespaces.get(headerPath);
    if (!namespace) return undefined;
    const segments = path.split("/");
    while (segments.length > 1) {
      const next = this.namespaces.get(`${namespace.path}${segments[0]}/`);
      if (!next) break;
      namespace = next;
      segments.shift();
    }
    return { namespace, path: segments.join("/") };
  }

  /** The ACL a token carries, from the policies of the namespace it belongs to. */
  aclFor(token: TokenEntry): Acl {
    if (token.policies.includes("root")) return new Acl([], { root: true });
    const home = this.namespaces.get(token.namespace);
    const rules: PolicyRule[] = [];
    for (const name of token.policies)
      for (const rule of home?.policies.get(name)?.rules ?? []) rules.push(rule);
    return new Acl(rules);
  }
}

/** `"ns1"`, `"/ns1/"`, `"ns1/"` → `"ns1/"`; empty → `""` (root). */
export function normalizeNamespace(value: string | undefined): string {
  const trimmed = (value ?? "").replace(/^\/+|\/+$/g, "");
  return trimmed === "" || trimmed === "root" ? "" : `${trimmed}/`;
}

export function mountPath(value: string): string {
  const trimmed = value.replace(/^\/+|\/+$/g, "");
  if (trimmed === "") throw badRequest("missing mount path");
  return `${trimmed}/`;
}
