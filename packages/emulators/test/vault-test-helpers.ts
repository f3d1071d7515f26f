import nodeVault from "node-vault";
import type { VaultEmulator } from "../src/vault/index.js";

/** A node-vault client for the emulator, authenticated with the root token unless told otherwise. */
export function vaultClient(
  emulator: VaultEmulator,
  options: Omit<nodeVault.VaultOptions, "endpoint"> = {},
): nodeVault.client {
  return nodeVault({ endpoint: emulator.url, token: emulator.rootToken, ...options });
}

/** The status and body of the error node-vault rejected with; fails when the promise resolves. */
// biome-ignore lint/suspicious/noExplicitAny: Vault answers untyped JSON; tests read nested fields of it.
type VaultBody = any;

export async function vaultFailure(
  promise: Promise<unknown>,
): Promise<{ statusCode: number; body: VaultBody }> {
  try {
    await promise;
  } catch (error) {
    const response = (error as { response?: { statusCode: number; body: unknown } }).response;
    if (!response) throw error;
    return response as { statusCode: number; body: VaultBody };
  }
  throw new Error("expected the Vault call to fail, it succeeded");
}

export const PERMISSION_DENIED = { errors: ["1 error occurred:\n\t* permission denied\n\n"] };
