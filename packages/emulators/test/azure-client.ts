import { SecretClient, type SecretClientOptions } from "@azure/keyvault-secrets";
import type { AzureEmulator } from "../src/azure/index.js";

/**
 * A real `SecretClient` for the emulator: trusts its certificate through the client's own `agent` option (no
 * process-wide TLS setting), skips the challenge-resource check a loopback host cannot pass, and does not retry,
 * so request counts are exact.
 */
export function clientFor(
  emulator: AzureEmulator,
  options: SecretClientOptions = {},
  credential = emulator.credential,
): SecretClient {
  return new SecretClient(emulator.vaultUrl, credential, {
    ...emulator.clientOptions,
    retryOptions: { maxRetries: 0 },
    ...options,
  });
}

/** Poll intervals short enough to keep the pollers quick. */
export const fastPolling = { updateIntervalInMs: 5 } as const;
