/**
 * `startVaultEmulator()`: a local HashiCorp Vault (HTTP API v1, KV v2, token and AppRole auth, ACL policies,
 * namespaces) that the real `node-vault` client, the Vault CLI or plain HTTP can talk to, with direct helpers
 * to seed and inspect state in tests and demos.
 */
import {
  type EmulatorListenOptions,
  type EmulatorServer,
  listenEmulator,
} from "../shared/emulator-server.js";
import { stringList } from "./approle-backend.js";
import { parseDurationSeconds } from "./duration.js";
import type { SecretData } from "./kv-v2-engine.js";
import { newServiceToken } from "./random-id.js";
import { VaultClock } from "./vault-clock.js";
import { createVaultEmulatorDefinition, type VaultStateHolder } from "./vault-emulator-definition.js";
import { VaultHttpError } from "./vault-errors.js";
import { type NamespaceState, normalizeNamespace, VaultState } from "./vault-state.js";

export interface VaultEmulatorOptions extends EmulatorListenOptions {
  /** The root token clients authenticate with. @default a fresh random `hvs.` token */
  rootToken?: string | undefined;
  /** KV version 2 mounts enabled at start-up, in the root namespace and in every namespace below. @default ["secret"] */
  mounts?: readonly string[] | undefined;
  /** Namespaces created at start-up (`"ns1"`, `"ns1/team"`), each with the `mounts` above. @default [] */
  namespaces?: readonly string[] | undefined;
  /** Source of the current time in milliseconds; `advanceTime()` moves on from it. @default Date.now */
  now?: (() => number) | undefined;
}

/** Where a helper acts: a namespace (`""` or absent for root) and a KV mount. */
export interface VaultSecretLocation {
  /** @default "" (root namespace) */
  namespace?: string | undefined;
  /** @default "secret" */
  mount?: string | undefined;
}

export interface SeedSecretOptions extends VaultSecretLocation {
  customMetadata?: Record<string, string> | undefined;
}

export interface CreateTokenOptions {
  policies?: readonly string[] | undefined;
  /** Seconds or a Go duration (`"1h"`). @default 768h */
  ttl?: number | string | undefined;
  namespace?: string | undefined;
  renewable?: boolean | undefined;
  /** Uses before the token is revoked; 0 is unlimited. @default 0 */
  numUses?: number | undefined;
}

export interface CreateAppRoleOptions {
  policies?: readonly string[] | undefined;
  /** Seconds or a Go duration. @default 768h */
  tokenTtl?: number | string | undefined;
  tokenMaxTtl?: number | string | undefined;
  /** Seconds or a Go duration; 0 never expires. @default 0 */
  secretIdTtl?: number | string | undefined;
  /** The AppRole auth mount, enabled if absent. @default "approle" */
  mount?: string | undefined;
  namespace?: string | undefined;
}

/** A running Vault emulator. */
export interface VaultEmulator extends EmulatorServer {
  /** The root token (`X-Vault-Token`), valid in every namespace. */
  readonly rootToken: string;
  /**
   * Moves the emulator's clock forward, in milliseconds like every duration of this library (the other emulators'
   * `advanceTime` too): tokens, secret IDs and versions expire without waiting.
   */
  advanceTime(milliseconds: number): void;
  /** Writes a new version of a KV v2 secret; returns its version number. */
  seedSecret(path: string, data: SecretData, options?: SeedSecretOptions): number;
  /** The data of a secret's version (latest by default), or `undefined` when missing, deleted or destroyed. */
  readSecret(path: string, options?: VaultSecretLocation & { version?: number }): SecretData | undefined;
  /** Writes an ACL policy (HCL text). */
  writePolicy(name: string, policy: string, options?: { namespace?: string }): void;
  /** Creates a service token with these policies (plus `default`); returns its ID. */
  createToken(options?: CreateTokenOptions): string;
  /** Enables a KV version 2 mount. */
  enableKvMount(path: string, options?: { namespace?: string; description?: string }): void;
  /** Creates a namespace (and any missing parent), with the given KV mounts. @default mounts ["secret"] */
  createNamespace(path: string, options?: { mounts?: readonly string[] }): void;
  /** Enables AppRole when needed, writes the role and issues a secret ID. */
  createAppRole(name: string, options?: CreateAppRoleOptions): { roleId: string; secretId: string };
  /** Seals (every request but health and seal-status answers 503) or unseals the emulator. */
  seal(): void;
  unseal(): void;
  /** Reports the node as a standby in `sys/health` (429 unless `standbyok`). */
  setStandby(standby: boolean): void;
  /**
   * Starts over from the start-up options, as the other emulators' `reset` does: forgets every secret, mount,
   * policy, token and namespace, unseals, leaves standby, clears faults and request counts. The root token and
   * the clock stay.
   */
  reset(): void;
}

export async function startVaultEmulator(options: VaultEmulatorOptions = {}): Promise<VaultEmulator> {
  const rootToken = options.rootToken ?? newServiceToken();
  const clock = new VaultClock(options.now);
  const mounts = options.mounts ?? ["secret"];
  const build = () => {
    const state = new VaultState({ rootToken, clock, mounts });
    for (const namespace of options.namespaces ?? []) ensureNamespace(state, namespace, mounts);
    return state;
  };
  const holder: VaultStateHolder = { state: build() };
  const server = await listenEmulator(createVaultEmulatorDefinition(holder), options);

  const namespaceOf = (path: string | undefined): NamespaceState => {
    const found = holder.state.namespaces.get(normalizeNamespace(path));
    if (!found) throw new Error(`Vault emulator: no namespace "${path}"`);
    return found;
  };
  const engineOf = (location: VaultSecretLocation = {}) => {
    const namespace = namespaceOf(location.namespace);
    const mountName = `${(location.mount ?? "secret").replace(/^\/+|\/+$/g, "")}/`;
    const mount = namespace.mounts.get(mountName);
    if (!mount)
      throw new Error(`Vault emulator: no KV mount "${mountName}" in namespace "${namespace.path}"`);
    return mount.engine;
  };
  const unwrap = <T>(action: () => T): T => {
    try {
      return action();
    } catch (error) {
      if (error instanceof VaultHttpError)
        throw new Error(`Vault emulator: ${error.errors.join("; ") || `status ${error.status}`}`);
      throw error;
    }
  };

  return {
    ...server,
    rootToken,
    advanceTime: (milliseconds) => clock.advance(milliseconds),
    seedSecret(path, data, seedOptions = {}) {
      const engine = engineOf(seedOptions);
      return unwrap(() => {
        if (seedOptions.customMetadata)
          engine.writeMetadata(path, { custom_metadata: seedOptions.customMetadata }, "replace");
        return engine.write(path, { data }).version as number;
      });
    },
    readSecret(path, readOptions = {}) {
      const result = engineOf(readOptions).read(path, readOptions.version);
      return result.found ? result.data : undefined;
    },
    writePolicy(name, policy, policyOptions = {}) {
      unwrap(() => namespaceOf(policyOptions.namespace).writePolicy(name, policy));
    },
    createToken(tokenOptions = {}) {
      const namespace = namespaceOf(tokenOptions.namespace);
      const policies = [...new Set(["default", ...(tokenOptions.policies ?? [])])].sort();
      return holder.state.tokens.create({
        namespace: namespace.path,
        policies,
        ttlSeconds: parseDurationSeconds(tokenOptions.ttl),
        renewable: tokenOptions.renewable,
        numUses: tokenOptions.numUses,
      }).id;
    },
    enableKvMount(path, mountOptions = {}) {
      unwrap(() => namespaceOf(mountOptions.namespace).enableKv(path, mountOptions.description));
    },
    createNamespace(path, namespaceOptions = {}) {
      unwrap(() => ensureNamespace(holder.state, path, namespaceOptions.mounts ?? ["secret"]));
    },
    createAppRole(name, roleOptions = {}) {
      return unwrap(() => {
        const namespace = namespaceOf(roleOptions.namespace);
        const mountPath = `${(roleOptions.mount ?? "approle").replace(/^\/+|\/+$/g, "")}/`;
        const mount = namespace.authMounts.get(mountPath) ?? namespace.enableAuth(mountPath, "approle");
        const backend = mount.approle;
        if (!backend) throw new Error(`Vault emulator: auth mount "${mountPath}" is not AppRole`);
        const role = backend.writeRole(name, {
          token_policies: stringList([...(roleOptions.policies ?? [])]),
          token_ttl: roleOptions.tokenTtl,
          token_max_ttl: roleOptions.tokenMaxTtl,
          secret_id_ttl: roleOptions.secretIdTtl,
        });
        const secret = backend.createSecretId(name, {});
        return { roleId: role.roleId, secretId: secret.secret_id as string };
      });
    },
    seal: () => {
      holder.state.sealed = true;
    },
    unseal: () => {
      holder.state.sealed = false;
    },
    setStandby: (standby) => {
      holder.state.standby = standby;
    },
    reset: () => {
      holder.state = build();
      server.faults.clear();
      server.counters.reset();
    },
  };
}

/** Creates each missing level of a namespace path, giving new ones the KV mounts. */
function ensureNamespace(state: VaultState, path: string, mounts: readonly string[]): void {
  let parent = state.root;
  for (const name of normalizeNamespace(path)
    .split("/")
    .filter((part) => part !== "")) {
    const existing = state.namespaces.get(`${parent.path}${name}/`);
    if (existing) {
      parent = existing;
      continue;
    }
    parent = state.createNamespace(parent, name);
    for (const mount of mounts) parent.enableKv(mount);
  }
}
