/** What the SDK asked a credential for: the scopes (from the vault's challenge) and the challenge's tenant. */
export interface TokenRequest {
  readonly scopes: readonly string[];
  readonly tenantId: string | undefined;
}

/**
 * A `TokenCredential` (the `@azure/core-auth` interface, matched structurally so this package needs no Azure
 * dependency) that always answers one fixed token, and remembers what it was asked for.
 */
export interface StaticTokenCredential {
  getToken(
    scopes: string | string[],
    options?: { tenantId?: string | undefined },
  ): Promise<{ token: string; expiresOnTimestamp: number; tokenType: "Bearer" }>;
  /** Every request the SDK made of this credential, oldest first. */
  readonly requests: readonly TokenRequest[];
}

/** A credential answering `token`, valid for `lifetimeMs` from each request. */
export function createStaticTokenCredential(
  token: string,
  lifetimeMs = 60 * 60 * 1000,
): StaticTokenCredential {
  const requests: TokenRequest[] = [];
  return {
    requests,
    async getToken(scopes, options) {
      requests.push({
        scopes: typeof scopes === "string" ? [scopes] : [...scopes],
        tenantId: options?.tenantId,
      });
      return { token, expiresOnTimestamp: Date.now() + lifetimeMs, tokenType: "Bearer" };
    },
  };
}
