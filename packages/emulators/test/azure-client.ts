import type { IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
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
export const fastPolling = { intervalInMs: 5 } as const;

/**
 * A hand-written request, only for protocol details the SDK never sends (a challenge seen raw, a recover of a
 * secret that exists). `token: null` sends no `Authorization` header.
 */
export async function rawRequest(
  emulator: AzureEmulator,
  method: string,
  path: string,
  token: string | null = emulator.token,
  body?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: unknown }> {
  const url = new URL(path, emulator.vaultUrl);
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Promise((resolve, reject) => {
    const request = httpsRequest(url, { method, headers, agent: emulator.agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: text ? JSON.parse(text) : undefined,
        });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}
