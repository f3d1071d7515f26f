/**
 * The HTTP API v1 routes this emulator serves, each with its operation name (for counters and fault plans), the
 * ACL capability it needs, and its handler. Paths follow the Vault API documentation for v1.x:
 * `sys/health`, `sys/seal-status`, `sys/mounts`, `sys/auth`, `sys/policy`, `sys/policies/acl`, `sys/namespaces`,
 * `auth/token/*`, AppRole (`auth/<mount>/*`) and KV v2 (`<mount>/data|metadata|delete|undelete|destroy|config`).
 */
import type { Capability } from "./acl-policy.js";
import { stringList } from "./approle-backend.js";
import { parseDurationSeconds } from "./duration.js";
import { parseVersions } from "./kv-v2-engine.js";
import type { TokenEntry } from "./token-store.js";
import type { VaultCall, VaultReply, VaultRoute } from "./vault-call.js";
import { envelope, listReply, NO_CONTENT } from "./vault-envelope.js";
import {
  badRequest,
  noHandler,
  notFound,
  permissionDenied,
  unsupportedOperation,
  VaultHttpError,
} from "./vault-errors.js";
import type { AuthMount, KvMount, NamespaceState } from "./vault-state.js";

/** Vault version the emulator reports in `sys/health` and `sys/seal-status`. */
export const EMULATED_VAULT_VERSION = "1.17.0";

type Handlers = Partial<
  Record<
    VaultCall["method"],
    { operation: string; run: (call: VaultCall) => VaultReply; exists?: (call: VaultCall) => boolean }
  >
>;

/** Builds a route from per-method handlers; an unlisted method is Vault's 405 "unsupported operation". */
function route(
  call: VaultCall,
  handlers: Handlers,
  options: { unauthenticated?: boolean; sudo?: boolean } = {},
): VaultRoute {
  const handler =
    handlers[call.method] ??
    (call.method === "PUT" ? handlers.POST : undefined) ??
    (call.method === "HEAD" ? handlers.GET : undefined);
  if (!handler)
    return {
      operation: "unsupported",
      capability: () => "read",
      run: () => {
        throw unsupportedOperation();
      },
    };
  return {
    operation: handler.operation,
    ...(options.unauthenticated ? { unauthenticated: true } : {}),
    ...(options.sudo ? { sudo: true } : {}),
    capability: (c) => capabilityFor(c, handler.exists),
    run: handler.run,
  };
}

function capabilityFor(call: VaultCall, exists: ((call: VaultCall) => boolean) | undefined): Capability {
  switch (call.method) {
    case "LIST":
      return "list";
    case "POST":
    case "PUT":
      // Vault's existence check: writing something new needs `create`, changing it needs `update`.
      return exists && !exists(call) ? "create" : "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return "delete";
    default:
      return "read";
  }
}

/** Resolves a request to its route; a path no route serves is Vault's 404 "no handler for route". */
export function resolveRoute(call: VaultCall): VaultRoute {
  const path = call.path;
  if (path === "sys/health")
    return route(call, { GET: { operation: "sys.health", run: health } }, { unauthenticated: true });
  if (path === "sys/seal-status")
    return route(call, { GET: { operation: "sys.seal-status", run: sealStatus } }, { unauthenticated: true });
  if (path === "sys/mounts" || path === "sys/mounts/")
    return route(call, { GET: { operation: "sys.mounts.list", run: listMounts } });
  if (path.startsWith("sys/mounts/")) return mountRoute(call, path.slice("sys/mounts/".length));
  if (path === "sys/auth" || path === "sys/auth/")
    return route(call, { GET: { operation: "sys.auth.list", run: listAuthMounts } });
  if (path.startsWith("sys/auth/")) return authMountRoute(call, path.slice("sys/auth/".length));
  if (
    path === "sys/policy" ||
    path === "sys/policy/" ||
    path === "sys/policies/acl" ||
    path === "sys/policies/acl/"
  )
    return route(call, {
      GET: { operation: "sys.policy.list", run: listPolicies },
      LIST: { operation: "sys.policy.list", run: listPolicies },
    });
  if (path.startsWith("sys/policy/")) return policyRoute(call, path.slice("sys/policy/".length), "legacy");
  if (path.startsWith("sys/policies/acl/"))
    return policyRoute(call, path.slice("sys/policies/acl/".length), "acl");
  if (path === "sys/namespaces" || path === "sys/namespaces/")
    return route(call, { LIST: { operation: "sys.namespaces.list", run: listNamespaces } });
  if (path.startsWith("sys/namespaces/")) return namespaceRoute(call, path.slice("sys/namespaces/".length));
  if (path.startsWith("auth/token/")) return tokenRoute(call, path.slice("auth/token/".length));
  if (path.startsWith("auth/")) {
    const found = call.namespace.findAuthMount(path.slice("auth/".length));
    if (found?.mount.approle) return appRoleRoute(call, found.mount, found.rest);
    return missingRoute(call);
  }
  const kv = call.namespace.findMount(path);
  if (kv) return kvRoute(call, kv.mount, kv.rest);
  return missingRoute(call);
}

function missingRoute(call: VaultCall): VaultRoute {
  return {
    operation: "unsupported",
    capability: (c) => capabilityFor(c, undefined),
    run: () => {
      throw noHandler(`${call.namespace.path}${call.path}`);
    },
  };
}

// ---- sys ---------------------------------------------------------------------------------------------------

function health(call: VaultCall): VaultReply {
  const { state, query } = call;
  const code = (name: string, fallback: number) => {
    const value = query.get(name);
    return value !== null && /^\d+$/.test(value) ? Number(value) : fallback;
  };
  const flag = (name: string) => query.has(name) && query.get(name) !== "false";
  let status = code("activecode", 200);
  if (state.sealed) status = code("sealedcode", 503);
  else if (state.standby && !flag("standbyok")) status = code("standbycode", 429);
  const body = {
    initialized: true,
    sealed: state.sealed,
    standby: state.standby,
    performance_standby: false,
    replication_performance_mode: "disabled",
    replication_dr_mode: "disabled",
    server_time_utc: Math.floor(state.clock.now() / 1000),
    version: EMULATED_VAULT_VERSION,
    enterprise: false,
    cluster_name: "vault-emulator",
    cluster_id: "00000000-0000-4000-8000-000000000000",
    echo_duration_ms: 0,
    clock_skew_ms: 0,
  };
  return { status, body: call.method === "HEAD" ? undefined : body };
}

function sealStatus(call: VaultCall): VaultReply {
  return {
    status: 200,
    body: {
      type: "shamir",
      initialized: true,
      sealed: call.state.sealed,
      t: 1,
      n: 1,
      progress: 0,
      nonce: "",
      version: EMULATED_VAULT_VERSION,
      build_date: "2024-06-10T10:11:34Z",
      migration: false,
      recovery_seal: false,
      storage_type: "inmem",
    },
  };
}

function describeKvMount(mount: KvMount): Record<string, unknown> {
  return {
    accessor: mount.accessor,
    config: { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0 },
    description: mount.description,
    external_entropy_access: false,
    local: false,
    options: { version: "2" },
    plugin_version: "",
    running_plugin_version: "v0.18.0+builtin",
    running_sha256: "",
    seal_wrap: false,
    type: "kv",
    uuid: mount.uuid,
  };
}

function listMounts(call: VaultCall): VaultReply {
  const mounts: Record<string, unknown> = {};
  for (const mount of [...call.namespace.mounts.values()].sort((a, b) => (a.path < b.path ? -1 : 1)))
    mounts[mount.path] = describeKvMount(mount);
  mounts["sys/"] = {
    accessor: "system_emulator",
    config: { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0 },
    description: "system endpoints used for control, policy and debugging",
    external_entropy_access: false,
    local: false,
    options: null,
    seal_wrap: true,
    type: "system",
    uuid: "00000000-0000-4000-8000-000000000001",
  };
  // Vault returns the mounts both at the top level (legacy clients) and under `data`.
  const reply = envelope({ data: mounts });
  return { status: 200, body: { ...mounts, ...(reply.body as object) } };
}

function mountRoute(call: VaultCall, rawPath: string): VaultRoute {
  const key = `${rawPath.replace(/\/+$/, "")}/`;
  return route(call, {
    GET: {
      operation: "sys.mounts.read",
      run: ({ namespace }) => {
        const mount = namespace.mounts.get(key);
        if (!mount) throw badRequest(`cannot find mount at "${key}"`);
        return envelope({ data: describeKvMount(mount) });
      },
    },
    POST: {
      operation: "sys.mounts.enable",
      run: ({ namespace, body }) => {
        const input = body();
        const type = String(input.type ?? "");
        const options = (input.options ?? {}) as Record<string, unknown>;
        const version = String(options.version ?? (type === "kv-v2" ? "2" : "1"));
        if (type !== "kv" && type !== "kv-v2")
          throw badRequest(`plugin not found in the catalog: ${type} (this emulator serves kv version 2)`);
        if (version !== "2")
          throw badRequest('this emulator serves only KV version 2: set options.version to "2"');
        namespace.enableKv(rawPath, typeof input.description === "string" ? input.description : "");
        return NO_CONTENT;
      },
    },
    DELETE: {
      operation: "sys.mounts.disable",
      run: ({ namespace }) => {
        namespace.mounts.delete(key);
        return NO_CONTENT;
      },
    },
  });
}

function describeAuthMount(mount: AuthMount): Record<string, unknown> {
  return {
    accessor: mount.accessor,
    config: { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0, token_type: "default-service" },
    description: mount.description,
    external_entropy_access: false,
    local: false,
    options: null,
    seal_wrap: false,
    type: mount.type,
    uuid: mount.uuid,
  };
}

function listAuthMounts(call: VaultCall): VaultReply {
  const mounts: Record<string, unknown> = {};
  for (const mount of call.namespace.authMounts.values()) mounts[mount.path] = describeAuthMount(mount);
  const reply = envelope({ data: mounts });
  return { status: 200, body: { ...mounts, ...(reply.body as object) } };
}

function authMountRoute(call: VaultCall, rawPath: string): VaultRoute {
  const key = `${rawPath.replace(/\/+$/, "")}/`;
  return route(
    call,
    {
      POST: {
        operation: "sys.auth.enable",
        run: ({ namespace, body }) => {
          const input = body();
          namespace.enableAuth(
            rawPath,
            String(input.type ?? ""),
            typeof input.description === "string" ? input.description : "",
          );
          return NO_CONTENT;
        },
      },
      DELETE: {
        operation: "sys.auth.disable",
        run: ({ namespace }) => {
          if (key === "token/") throw badRequest("token credential backend cannot be disabled");
          namespace.authMounts.delete(key);
          return NO_CONTENT;
        },
      },
    },
    { sudo: true },
  );
}

function listPolicies(call: VaultCall): VaultReply {
  const names = call.namespace.policyNames();
  if (call.method === "LIST" || call.path.startsWith("sys/policies/")) return listReply(names);
  const reply = envelope({ data: { keys: names, policies: names } });
  return { status: 200, body: { keys: names, policies: names, ...(reply.body as object) } };
}

function policyRoute(call: VaultCall, name: string, form: "legacy" | "acl"): VaultRoute {
  const read = (c: VaultCall): VaultReply => {
    const lower = name.toLowerCase();
    if (lower === "root") {
      const data = form === "acl" ? { name: "root", policy: "" } : { name: "root", rules: "" };
      return form === "legacy"
        ? { status: 200, body: { ...data, ...(envelope({ data }).body as object) } }
        : envelope({ data });
    }
    const policy = c.namespace.policies.get(lower);
    if (!policy) throw notFound();
    if (form === "acl") return envelope({ data: { name: policy.name, policy: policy.text } });
    const data = { name: policy.name, rules: policy.text };
    return { status: 200, body: { ...data, ...(envelope({ data }).body as object) } };
  };
  return route(call, {
    GET: { operation: "sys.policy.read", run: read },
    POST: {
      operation: "sys.policy.write",
      exists: (c) => c.namespace.policies.has(name.toLowerCase()),
      run: (c) => {
        const input = c.body();
        const text = input.policy ?? input.rules;
        if (typeof text !== "string" || text.trim() === "")
          throw badRequest("'policy' parameter not supplied or empty");
        c.namespace.writePolicy(name, text);
        return NO_CONTENT;
      },
    },
    DELETE: {
      operation: "sys.policy.delete",
      run: (c) => {
        c.namespace.deletePolicy(name);
        return NO_CONTENT;
      },
    },
  });
}

function describeNamespace(namespace: NamespaceState): Record<string, unknown> {
  return { id: namespace.id, path: namespace.path, custom_metadata: { ...namespace.customMetadata } };
}

function listNamespaces(call: VaultCall): VaultReply {
  const children = call.state.children(call.namespace);
  const keys = children.map((child) => child.path.slice(call.namespace.path.length));
  const keyInfo = Object.fromEntries(children.map((child, index) => [keys[index], describeNamespace(child)]));
  return listReply(keys, { key_info: keyInfo });
}

function namespaceRoute(call: VaultCall, rawName: string): VaultRoute {
  const name = rawName.replace(/\/+$/, "");
  const target = () => call.state.namespaces.get(`${call.namespace.path}${name}/`);
  return route(call, {
    GET: {
      operation: "sys.namespaces.read",
      run: () => {
        const found = target();
        if (!found) throw notFound();
        return envelope({ data: describeNamespace(found) });
      },
    },
    POST: {
      operation: "sys.namespaces.create",
      run: (c) => {
        const metadata = (c.body().custom_metadata ?? {}) as Record<string, string>;
        const created = c.state.createNamespace(c.namespace, name, metadata);
        return envelope({ data: describeNamespace(created) });
      },
    },
    DELETE: {
      operation: "sys.namespaces.delete",
      run: (c) => {
        const found = target();
        if (found) c.state.deleteNamespace(found.path);
        return NO_CONTENT;
      },
    },
  });
}

// ---- auth/token ------------------------------------------------------------------------------------------

function tokenRoute(call: VaultCall, rest: string): VaultRoute {
  switch (rest) {
    case "create":
    case "create-orphan":
      return route(call, {
        POST: { operation: "token.create", run: (c) => createToken(c, rest === "create-orphan") },
      });
    case "lookup-self":
      return route(call, {
        GET: {
          operation: "token.lookup-self",
          run: (c) => envelope({ data: c.state.tokens.describe(mustToken(c)) }),
        },
      });
    case "lookup":
      return route(call, {
        POST: {
          operation: "token.lookup",
          run: (c) => envelope({ data: c.state.tokens.describe(findToken(c, c.body().token)) }),
        },
      });
    case "renew-self":
      return route(call, {
        POST: { operation: "token.renew-self", run: (c) => renewToken(c, mustToken(c)) },
      });
    case "renew":
      return route(call, {
        POST: { operation: "token.renew", run: (c) => renewToken(c, findToken(c, c.body().token)) },
      });
    case "revoke-self":
      return route(call, {
        POST: {
          operation: "token.revoke-self",
          run: (c) => {
            c.state.tokens.revoke(mustToken(c).id);
            return NO_CONTENT;
          },
        },
      });
    case "revoke":
      return route(call, {
        POST: {
          operation: "token.revoke",
          run: (c) => {
            const token = c.body().token;
            if (typeof token !== "string" || token === "") throw badRequest("missing token");
            const entry = c.state.tokens.get(token);
            if (entry && visibleFrom(c, entry.namespace)) c.state.tokens.revoke(token);
            return NO_CONTENT;
          },
        },
      });
    default:
      if (rest.startsWith("lookup/")) {
        const id = rest.slice("lookup/".length);
        return route(call, {
          GET: {
            operation: "token.lookup",
            run: (c) => envelope({ data: c.state.tokens.describe(findToken(c, id)) }),
          },
        });
      }
      return missingRoute(call);
  }
}

function mustToken(call: VaultCall) {
  if (!call.token) throw permissionDenied();
  return call.token;
}

/** A token visible from the request's namespace: its own, or one of a namespace below it. */
function visibleFrom(call: VaultCall, namespace: string): boolean {
  return namespace.startsWith(call.namespace.path);
}

function findToken(call: VaultCall, id: unknown) {
  if (typeof id !== "string" || id === "") throw badRequest("missing token");
  const entry = call.state.tokens.get(id);
  if (!entry || !visibleFrom(call, entry.namespace)) throw badRequest("bad token");
  return entry;
}

function createToken(call: VaultCall, orphan: boolean): VaultReply {
  const parent = mustToken(call);
  const input = call.body();
  const parentIsRoot = parent.policies.includes("root");
  let policies = input.policies === undefined ? [...parent.policies] : stringList(input.policies);
  if (!parentIsRoot) {
    const allowed = new Set([...parent.policies, "default"]);
    if (policies.some((policy) => !allowed.has(policy)))
      throw badRequest("child policies must be subset of parent");
  }
  if (policies.includes("root") && !parentIsRoot)
    throw badRequest("root tokens may not be created without parent token being root");
  const noDefault = input.no_default_policy === true || policies.includes("root");
  if (!noDefault) policies = [...new Set(["default", ...policies])];
  policies.sort();
  let ttl: number | undefined;
  let explicitMaxTtl: number | undefined;
  try {
    ttl = parseDurationSeconds(input.ttl);
    explicitMaxTtl = parseDurationSeconds(input.explicit_max_ttl);
  } catch (error) {
    throw badRequest((error as Error).message);
  }
  const meta = input.meta && typeof input.meta === "object" ? (input.meta as Record<string, string>) : null;
  const wantsOrphan = orphan || input.no_parent === true;
  if (typeof input.id === "string" && !parentIsRoot)
    throw badRequest("root or sudo privileges required to specify token id");
  let entry: TokenEntry;
  try {
    entry = call.state.tokens.create({
      namespace: call.namespace.path,
      policies,
      ttlSeconds: policies.includes("root") && ttl === undefined ? undefined : ttl,
      explicitMaxTtlSeconds: explicitMaxTtl,
      renewable:
        input.renewable === undefined ? true : input.renewable !== false && input.renewable !== "false",
      displayName: typeof input.display_name === "string" ? `token-${input.display_name}` : "token",
      path: orphan ? "auth/token/create-orphan" : "auth/token/create",
      meta,
      numUses: typeof input.num_uses === "number" ? input.num_uses : undefined,
      parent: wantsOrphan ? undefined : parent,
      id: typeof input.id === "string" ? input.id : undefined,
    });
  } catch (error) {
    throw badRequest((error as Error).message);
  }
  return envelope({ auth: call.state.tokens.authBlock(entry) });
}

function renewToken(call: VaultCall, entry: TokenEntry): VaultReply {
  if (!entry.renewable || entry.expiresAt === undefined) throw badRequest("lease is not renewable");
  let increment: number | undefined;
  try {
    increment = parseDurationSeconds(call.body().increment);
  } catch (error) {
    throw badRequest((error as Error).message);
  }
  const ttl = call.state.tokens.renew(entry, increment);
  return envelope({ auth: call.state.tokens.authBlock(entry, ttl) });
}

// ---- auth/<approle> --------------------------------------------------------------------------------------

function appRoleRoute(call: VaultCall, mount: AuthMount, rest: string): VaultRoute {
  const backend = mount.approle;
  if (!backend) return missingRoute(call);
  if (rest === "login")
    return route(
      call,
      {
        POST: {
          operation: "auth.approle.login",
          run: (c) => {
            const grant = backend.login(c.body());
            const entry = c.state.tokens.create({
              namespace: c.namespace.path,
              policies: grant.policies,
              ttlSeconds: grant.ttl || undefined,
              explicitMaxTtlSeconds: grant.maxTtl || undefined,
              displayName: mount.path.replace(/\/$/, ""),
              path: `auth/${mount.path}login`,
              meta: { role_name: grant.role.name },
              numUses: grant.numUses,
            });
            return envelope({ auth: c.state.tokens.authBlock(entry) });
          },
        },
      },
      { unauthenticated: true },
    );
  if (rest === "role" || rest === "role/")
    return route(call, {
      LIST: { operation: "auth.approle.role.list", run: () => listReply(backend.listRoles()) },
    });
  const match = /^role\/([^/]+)(?:\/(.*))?$/.exec(rest);
  if (!match) return missingRoute(call);
  const name = match[1] as string;
  const sub = match[2];
  switch (sub) {
    case undefined:
      return route(call, {
        GET: { operation: "auth.approle.role.read", run: () => envelope({ data: backend.readRole(name) }) },
        POST: {
          operation: "auth.approle.role.write",
          exists: () => backend.listRoles().includes(name.toLowerCase()),
          run: (c) => {
            backend.writeRole(name, c.body());
            return NO_CONTENT;
          },
        },
        DELETE: {
          operation: "auth.approle.role.delete",
          run: () => {
            backend.deleteRole(name);
            return NO_CONTENT;
          },
        },
      });
    case "role-id":
      return route(call, {
        GET: {
          operation: "auth.approle.role-id.read",
          run: () => envelope({ data: { role_id: backend.roleId(name) } }),
        },
        POST: {
          operation: "auth.approle.role-id.write",
          run: (c) => {
            backend.setRoleId(name, c.body().role_id);
            return NO_CONTENT;
          },
        },
      });
    case "secret-id":
      return route(call, {
        POST: {
          operation: "auth.approle.secret-id.create",
          run: (c) => envelope({ data: backend.createSecretId(name, c.body()) }),
        },
        LIST: {
          operation: "auth.approle.secret-id.list",
          run: () => listReply(backend.listSecretIdAccessors(name)),
        },
      });
    case "custom-secret-id":
      return route(call, {
        POST: {
          operation: "auth.approle.secret-id.create",
          run: (c) => {
            const input = c.body();
            if (typeof input.secret_id !== "string" || input.secret_id === "")
              throw badRequest("missing secret_id");
            return envelope({ data: backend.createSecretId(name, input, input.secret_id) });
          },
        },
      });
    case "secret-id/lookup":
      return route(call, {
        POST: {
          operation: "auth.approle.secret-id.lookup",
          run: (c) => {
            const found = backend.lookupSecretId(name, c.body().secret_id);
            return found ? envelope({ data: found }) : NO_CONTENT;
          },
        },
      });
    case "secret-id/destroy":
      return route(call, {
        POST: {
          operation: "auth.approle.secret-id.destroy",
          run: (c) => {
            backend.destroySecretId(name, c.body().secret_id);
            return NO_CONTENT;
          },
        },
      });
    default:
      return missingRoute(call);
  }
}

// ---- KV v2 ---------------------------------------------------------------------------------------------------

function kvRoute(call: VaultCall, mount: KvMount, rest: string): VaultRoute {
  const engine = mount.engine;
  if (rest === "config")
    return route(call, {
      GET: { operation: "kv.config.read", run: () => envelope({ data: engine.readConfig() }) },
      POST: {
        operation: "kv.config.write",
        run: (c) => {
          engine.writeConfig(c.body());
          return NO_CONTENT;
        },
      },
    });
  const slash = rest.indexOf("/");
  const area = slash < 0 ? rest : rest.slice(0, slash);
  const key = slash < 0 ? "" : rest.slice(slash + 1);
  const exists = () => engine.exists(key);
  const needKey = (run: (call: VaultCall) => VaultReply) => (c: VaultCall) => {
    if (key === "" || key.endsWith("/")) throw noHandler(`${c.namespace.path}${c.path}`);
    return run(c);
  };
  switch (area) {
    case "data":
      return route(call, {
        GET: {
          operation: "kv.read",
          run: needKey((c) => {
            const version = versionParameter(c.query.get("version"));
            const result = engine.read(key, version);
            if (result.found)
              return envelope({ data: { data: result.data, metadata: result.metadata }, mountType: "kv" });
            // A deleted or destroyed version is a 404 that still carries its metadata (vault-plugin-secrets-kv).
            if (result.metadata)
              return envelope({ data: { data: null, metadata: result.metadata }, mountType: "kv" }, 404);
            throw notFound();
          }),
        },
        POST: {
          operation: "kv.write",
          exists,
          run: needKey((c) => envelope({ data: engine.write(key, c.body()), mountType: "kv" })),
        },
        PATCH: {
          operation: "kv.patch",
          run: needKey((c) => {
            assertMergePatch(c);
            return envelope({ data: engine.patch(key, c.body()), mountType: "kv" });
          }),
        },
        DELETE: {
          operation: "kv.delete",
          run: needKey(() => {
            engine.deleteLatest(key);
            return NO_CONTENT;
          }),
        },
      });
    case "delete":
      return route(call, {
        POST: {
          operation: "kv.delete-versions",
          run: needKey((c) => {
            engine.deleteVersions(key, parseVersions(c.body()));
            return NO_CONTENT;
          }),
        },
      });
    case "undelete":
      return route(call, {
        POST: {
          operation: "kv.undelete",
          run: needKey((c) => {
            engine.undeleteVersions(key, parseVersions(c.body()));
            return NO_CONTENT;
          }),
        },
      });
    case "destroy":
      return route(call, {
        POST: {
          operation: "kv.destroy",
          run: needKey((c) => {
            engine.destroyVersions(key, parseVersions(c.body()));
            return NO_CONTENT;
          }),
        },
      });
    case "metadata":
      return route(call, {
        LIST: {
          operation: "kv.metadata.list",
          run: () => listReply(engine.list(key === "" ? "" : key.replace(/\/?$/, "/")), {}, "kv"),
        },
        GET: {
          operation: "kv.metadata.read",
          run: needKey(() => {
            const metadata = engine.readMetadata(key);
            if (!metadata) throw notFound();
            return envelope({ data: metadata, mountType: "kv" });
          }),
        },
        POST: {
          operation: "kv.metadata.write",
          exists,
          run: needKey((c) => {
            engine.writeMetadata(key, c.body(), "replace");
            return NO_CONTENT;
          }),
        },
        PATCH: {
          operation: "kv.metadata.patch",
          run: needKey((c) => {
            assertMergePatch(c);
            engine.writeMetadata(key, c.body(), "patch");
            return NO_CONTENT;
          }),
        },
        DELETE: {
          operation: "kv.metadata.delete",
          run: needKey(() => {
            engine.deleteMetadata(key);
            return NO_CONTENT;
          }),
        },
      });
    default:
      return missingRoute(call);
  }
}

function versionParameter(value: string | null): number | undefined {
  if (value === null || value === "") return undefined;
  if (!/^\d+$/.test(value))
    throw badRequest(`error converting input ${JSON.stringify(value)} for field "version"`);
  return Number(value);
}

/** Vault only accepts PATCH bodies declared as JSON merge patches. */
function assertMergePatch(call: VaultCall): void {
  const type = String(call.headers["content-type"] ?? "")
    .split(";")[0]
    ?.trim()
    .toLowerCase();
  if (type !== "application/merge-patch+json")
    throw new VaultHttpError(415, [
      `PATCH requires Content-Type of application/merge-patch+json, provided ${type || "none"}`,
    ]);
}
