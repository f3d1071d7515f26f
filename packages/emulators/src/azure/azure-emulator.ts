import { Agent } from "node:https";
import { EmulatorClock } from "../shared/emulator-clock.js";
import { type EmulatorServer, listenEmulator } from "../shared/emulator-server.js";
import type { TlsCertificate } from "../shared/self-signed-certificate.js";
import { type AzureAccessToken, KeyVaultAuth, type SecretPermission } from "./key-vault-auth.js";
import { createKeyVaultDefinition, secretNamePattern } from "./key-vault-protocol.js";
import { KeyVaultStore, type StoredSecret, type StoredSecretVersion } from "./key-vault-store.js";
import { createStaticTokenCredential, type StaticTokenCredential } from "./static-token-credential.js";

/** The token an emulator accepts, with every permission, when `accessTokens` is not given. */
export const defaultAzureEmulatorToken = "azure-key-vault-emulator-token";

export interface AzureEmulatorOptions {
  /** @default "127.0.0.1" */
  host?: string | undefined;
  /** `0` picks a free port. @default 0 */
  port?: number | undefined;
  /**
   * Serve HTTPS with a fresh self-signed certificate (`true`), a given one, or plain HTTP (`false`). On by default
   * because `@azure/keyvault-secrets` refuses to send a bearer token over plain HTTP.
   * @default true
   */
  tls?: boolean | TlsCertificate | undefined;
  /**
   * Bearer tokens the vault accepts; a bare string has every secret permission, an object only those it lists.
   * @default [defaultAzureEmulatorToken]
   */
  accessTokens?: readonly AzureAccessToken[] | undefined;
  /** The tenant named in the authentication challenge. @default "00000000-0000-0000-0000-000000000000" */
  tenantId?: string | undefined;
  /** The resource named in the challenge; the SDK asks its credential for `<resource>/.default`. @default "https://vault.azure.net" */
  resource?: string | undefined;
  /** The vault's name, used in error messages. @default "emulator" */
  vaultName?: string | undefined;
  /** Keep deleted secrets recoverable until purged or their retention ends. @default true */
  softDelete?: boolean | undefined;
  /** Days a soft-deleted secret is kept (7–90): its `scheduledPurgeDate` and `recoverableDays`. @default 90 */
  softDeleteRetentionDays?: number | undefined;
  /** Refuse purges (403), as a vault with purge protection does. @default false */
  purgeProtection?: boolean | undefined;
  /**
   * Status reads that still answer 404 after a delete (`GET /deletedsecrets/{name}`) or a recovery
   * (`GET /secrets/{name}`), as Key Vault's asynchronous deletion and recovery do, so the SDK's pollers really poll.
   * @default 0
   */
  pollsUntilDone?: number | undefined;
  /**
   * The clock, in milliseconds since the epoch: timestamps and the end of soft-delete retention. `advanceTime()`
   * moves on from it.
   * @default Date.now
   */
  now?: (() => number) | undefined;
}

/** A secret version as the emulator holds it, for assertions and set-up in tests. */
export interface AzureSecretSnapshot {
  readonly name: string;
  readonly version: string;
  readonly value: string;
  readonly contentType: string | undefined;
  readonly tags: Readonly<Record<string, string>> | undefined;
  readonly enabled: boolean;
  readonly notBefore: Date | undefined;
  readonly expiresOn: Date | undefined;
  readonly createdOn: Date;
  readonly updatedOn: Date;
}

export interface AzureDeletedSecretSnapshot {
  readonly name: string;
  readonly deletedOn: Date;
  readonly scheduledPurgeDate: Date;
  /** The versions a recovery would bring back. */
  readonly versions: number;
}

export interface AzureSecretSeed {
  contentType?: string | undefined;
  tags?: Record<string, string> | undefined;
  enabled?: boolean | undefined;
  notBefore?: Date | undefined;
  expiresOn?: Date | undefined;
}

/**
 * Direct access to the vault's state, bypassing HTTP, authentication, faults and counters: for setting up and
 * checking tests. Names are validated as the service validates them.
 */
export interface AzureEmulatorSecrets {
  /** Adds a version of `name`, as `PUT /secrets/{name}` does. */
  set(name: string, value: string, seed?: AzureSecretSeed): AzureSecretSnapshot;
  /** The newest version, or the given one; `undefined` when absent or deleted. */
  get(name: string, version?: string): AzureSecretSnapshot | undefined;
  /** Every version of an active secret, oldest first. */
  versions(name: string): AzureSecretSnapshot[];
  /** Names of active secrets, in the order Key Vault lists them. */
  names(): string[];
  /** Deletes `name` as `DELETE /secrets/{name}` does (soft when the vault has soft delete). */
  delete(name: string): void;
  getDeleted(name: string): AzureDeletedSecretSnapshot | undefined;
  deletedNames(): string[];
  /** Removes a soft-deleted secret for good, even under purge protection. */
  purge(name: string): void;
  /** Removes every secret, active or deleted. */
  clear(): void;
}

/** A running Key Vault emulator. */
export interface AzureEmulator extends EmulatorServer {
  /** The URL to give `SecretClient` (same as `url`). */
  readonly vaultUrl: string;
  /** A token the vault accepts: the first of `accessTokens`. */
  readonly token: string;
  /** A `TokenCredential` answering `token`. */
  readonly credential: StaticTokenCredential;
  /** An HTTPS agent that trusts this emulator's certificate (`undefined` over HTTP); destroyed on close. */
  readonly agent: Agent | undefined;
  /**
   * What `new SecretClient(vaultUrl, credential, options)` needs to reach this emulator: the trusting `agent`, and
   * `disableChallengeResourceVerification`, because the SDK otherwise requires the vault's host to be a subdomain of
   * the challenge's resource (`*.vault.azure.net`), which a loopback address is not. Spread it into your options.
   */
  readonly clientOptions: { agent?: Agent; disableChallengeResourceVerification: true };
  readonly secrets: AzureEmulatorSecrets;
  /** Adds a version of `name` directly (no request is counted), as `secrets.set` does; returns it. */
  seedSecret(name: string, value: string, seed?: AzureSecretSeed): AzureSecretSnapshot;
  /**
   * Moves the emulator's clock forward, in milliseconds like the other emulators' `advanceTime`: soft-deleted
   * secrets whose retention ends are purged without waiting.
   */
  advanceTime(milliseconds: number): void;
  /** Accepts another token (with these permissions, all by default), e.g. to test an access policy. */
  allowToken(token: string, permissions?: readonly SecretPermission[]): void;
  /** Stops accepting a token, e.g. to test an expired or revoked credential. */
  revokeToken(token: string): void;
  /** Empties the vault, clears faults and resets the request counters. */
  reset(): void;
}

/** Starts an Azure Key Vault secrets emulator on loopback. */
export async function startAzureEmulator(options: AzureEmulatorOptions = {}): Promise<AzureEmulator> {
  const retentionDays = options.softDeleteRetentionDays ?? 90;
  if (!Number.isInteger(retentionDays) || retentionDays < 7 || retentionDays > 90) {
    throw new RangeError(`softDeleteRetentionDays must be an integer from 7 to 90, got ${retentionDays}`);
  }
  const pollsUntilDone = options.pollsUntilDone ?? 0;
  if (!Number.isInteger(pollsUntilDone) || pollsUntilDone < 0) {
    throw new RangeError(`pollsUntilDone must be a non-negative integer, got ${pollsUntilDone}`);
  }
  const accessTokens = options.accessTokens ?? [defaultAzureEmulatorToken];
  const first = accessTokens[0];
  if (first === undefined) throw new RangeError("accessTokens must name at least one token");
  const token = typeof first === "string" ? first : first.token;
  const vaultLabel = `${options.vaultName ?? "emulator"};location=local`;

  const clock = new EmulatorClock(options.now);
  const store = new KeyVaultStore({
    now: () => clock.now(),
    softDelete: options.softDelete ?? true,
    retentionDays,
    purgeProtection: options.purgeProtection ?? false,
    pollsUntilDone,
    vaultLabel,
  });
  const auth = new KeyVaultAuth(accessTokens, {
    tenantId: options.tenantId ?? "00000000-0000-0000-0000-000000000000",
    resource: options.resource ?? "https://vault.azure.net",
  });
  const server = await listenEmulator(createKeyVaultDefinition({ store, auth, vaultLabel }), {
    host: options.host,
    port: options.port,
    tls: options.tls ?? true,
  });
  const agent =
    server.certificate === undefined ? undefined : new Agent({ ca: server.certificate, keepAlive: true });
  const close = async () => {
    agent?.destroy();
    await server.close();
  };

  const secrets = createSecretsAccess(store);

  return {
    ...server,
    vaultUrl: server.url,
    token,
    credential: createStaticTokenCredential(token),
    agent,
    clientOptions: agent
      ? { agent, disableChallengeResourceVerification: true }
      : { disableChallengeResourceVerification: true },
    secrets,
    seedSecret: (name, value, seed) => secrets.set(name, value, seed),
    advanceTime: (milliseconds) => clock.advance(milliseconds),
    allowToken: (extra, permissions) => auth.allow(extra, permissions),
    revokeToken: (revoked) => auth.revoke(revoked),
    reset() {
      store.clear();
      server.faults.clear();
      server.counters.reset();
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

function createSecretsAccess(store: KeyVaultStore): AzureEmulatorSecrets {
  const checked = (name: string) => {
    if (!secretNamePattern.test(name)) {
      throw new TypeError(
        `Invalid Key Vault secret name ${JSON.stringify(name)}: use 1-127 letters, digits and dashes`,
      );
    }
    return name;
  };
  const orUndefined = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch {
      return undefined;
    }
  };
  return {
    set(name, value, seed = {}) {
      const { secret, version } = store.set(checked(name), value, {
        contentType: seed.contentType,
        tags: seed.tags,
        enabled: seed.enabled,
        notBefore: toSeconds(seed.notBefore),
        expires: toSeconds(seed.expiresOn),
      });
      return snapshotOf(secret, version);
    },
    get(name, version) {
      return orUndefined(() => {
        const found = store.get(checked(name), version);
        return snapshotOf(found.secret, found.version);
      });
    },
    versions(name) {
      const secret = orUndefined(() => store.get(checked(name)).secret);
      return secret ? secret.versions.map((version) => snapshotOf(secret, version)) : [];
    },
    names: () => store.list().map((secret) => secret.name),
    delete(name) {
      store.delete(checked(name));
    },
    getDeleted(name) {
      return orUndefined(() => {
        const deleted = store.getDeleted(checked(name));
        return {
          name: deleted.secret.name,
          deletedOn: new Date(deleted.deletedDate * 1000),
          scheduledPurgeDate: new Date(deleted.scheduledPurgeDate * 1000),
          versions: deleted.secret.versions.length,
        };
      });
    },
    deletedNames: () => store.listDeleted().map((deleted) => deleted.secret.name),
    purge(name) {
      store.purge(checked(name), true);
    },
    clear: () => store.clear(),
  };
}

function snapshotOf(secret: StoredSecret, version: StoredSecretVersion): AzureSecretSnapshot {
  return {
    name: secret.name,
    version: version.version,
    value: version.value,
    contentType: version.contentType,
    tags: version.tags === undefined ? undefined : { ...version.tags },
    enabled: version.enabled,
    notBefore: version.notBefore === undefined ? undefined : new Date(version.notBefore * 1000),
    expiresOn: version.expires === undefined ? undefined : new Date(version.expires * 1000),
    createdOn: new Date(version.created * 1000),
    updatedOn: new Date(version.updated * 1000),
  };
}

function toSeconds(date: Date | undefined): number | undefined {
  return date === undefined ? undefined : Math.floor(date.getTime() / 1000);
}
