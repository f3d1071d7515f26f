/**
 * Key Vault's challenge-based bearer authentication (data plane, REST API 7.5 and later). A request without a token
 * gets 401 with `WWW-Authenticate: Bearer authorization="<authority>/<tenant>", resource="<resource>"`; the SDK's
 * `keyVaultAuthenticationPolicy` reads that challenge, asks its `TokenCredential` for `<resource>/.default` in that
 * tenant, and sends the request again with `Authorization: Bearer <token>`. Tokens here are opaque strings, each
 * with the secret permissions of an access policy, so a test can prove both a rejected token (401) and a denied
 * operation (403 `AccessDenied`).
 */
import { KeyVaultError, keyVaultErrors } from "./key-vault-errors.js";

/** A secret permission of a Key Vault access policy. */
export type SecretPermission = "get" | "list" | "set" | "delete" | "recover" | "purge" | "backup" | "restore";

export const allSecretPermissions: readonly SecretPermission[] = [
  "get",
  "list",
  "set",
  "delete",
  "recover",
  "purge",
  "backup",
  "restore",
];

/** A token the vault accepts: a bare string has every secret permission. */
export type AzureAccessToken = string | { token: string; permissions: readonly SecretPermission[] };

export interface KeyVaultChallenge {
  /** The Entra tenant the challenge names. */
  tenantId: string;
  /** The resource the challenge asks a token for (the SDK requests the scope `<resource>/.default`). */
  resource: string;
}

export class KeyVaultAuth {
  readonly #tokens = new Map<string, ReadonlySet<SecretPermission>>();
  readonly #challenge: KeyVaultChallenge;

  constructor(tokens: readonly AzureAccessToken[], challenge: KeyVaultChallenge) {
    this.#challenge = challenge;
    for (const token of tokens) {
      if (typeof token === "string") this.allow(token);
      else this.allow(token.token, token.permissions);
    }
  }

  /** The `WWW-Authenticate` value of a 401, in the form the Azure SDKs parse. */
  get challengeHeader(): string {
    const { tenantId, resource } = this.#challenge;
    return `Bearer authorization="https://login.microsoftonline.com/${tenantId}", resource="${resource}"`;
  }

  /** Accepts `token` from now on, with these permissions (replacing any it had). */
  allow(token: string, permissions: readonly SecretPermission[] = allSecretPermissions): void {
    if (token === "" || /\s/.test(token))
      throw new TypeError("A Key Vault emulator token must be a non-empty word");
    this.#tokens.set(token, new Set(permissions));
  }

  /** Rejects `token` from now on. */
  revoke(token: string): void {
    this.#tokens.delete(token);
  }

  /**
   * Checks the `Authorization` header for an operation needing `permission` (none for an unknown route).
   * Throws the 401 or 403 Key Vault would answer.
   */
  authorize(
    authorization: string | undefined,
    permission: SecretPermission | undefined,
    vault: string,
  ): void {
    if (!authorization) throw this.#unauthorized(keyVaultErrors.missingToken());
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const permissions = match?.[1] === undefined ? undefined : this.#tokens.get(match[1]);
    if (!permissions) throw this.#unauthorized(keyVaultErrors.invalidToken());
    if (permission && !permissions.has(permission)) throw keyVaultErrors.accessDenied(permission, vault);
  }

  #unauthorized(error: KeyVaultError): KeyVaultError {
    return new KeyVaultError(error.status, error.code, error.message, {
      headers: { "www-authenticate": this.challengeHeader },
    });
  }
}
