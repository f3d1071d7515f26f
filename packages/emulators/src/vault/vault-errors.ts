/**
 * Vault's error responses (HTTP API v1): a JSON body `{"errors": [...]}` with the status Vault documents.
 * Messages copy Vault's own wording, so code that matches on them (as some clients do) behaves the same here.
 * No message ever includes a request body, so no secret value can leak through an error.
 */
import type { ServerResponse } from "node:http";
import { sendJson } from "../shared/emulator-server.js";

export class VaultHttpError extends Error {
  readonly status: number;
  readonly errors: readonly string[];
  readonly headers: Record<string, string>;

  constructor(status: number, errors: readonly string[], headers: Record<string, string> = {}) {
    super(errors[0] ?? `Vault error ${status}`);
    this.name = "VaultHttpError";
    this.status = status;
    this.errors = errors;
    this.headers = headers;
  }
}

/** Vault wraps several errors in go-multierror's text format. */
function multiError(...messages: string[]): string {
  const count = messages.length === 1 ? "1 error occurred:" : `${messages.length} errors occurred:`;
  return `${count}\n${messages.map((message) => `\t* ${message}`).join("\n")}\n\n`;
}

/** A request the token's policies do not allow. */
export function permissionDenied(): VaultHttpError {
  return new VaultHttpError(403, [multiError("permission denied")]);
}

/** A request with no token at all, on a path that needs one. */
export function missingToken(): VaultHttpError {
  return new VaultHttpError(403, ["permission denied"]);
}

/** A token that is unknown, revoked, expired or out of uses. */
export function invalidToken(): VaultHttpError {
  return new VaultHttpError(403, [multiError("permission denied", "invalid token")]);
}

export function badRequest(message: string): VaultHttpError {
  return new VaultHttpError(400, [message]);
}

/** Vault answers a missing secret, list or entry with a 404 and an empty error list. */
export function notFound(): VaultHttpError {
  return new VaultHttpError(404, []);
}

export function noHandler(path: string): VaultHttpError {
  return new VaultHttpError(404, [`no handler for route "${path}". route entry not found.`]);
}

export function unsupportedOperation(): VaultHttpError {
  return new VaultHttpError(405, [multiError("unsupported operation")]);
}

export function sealed(): VaultHttpError {
  return new VaultHttpError(503, ["Vault is sealed"]);
}

export function sendVaultError(response: ServerResponse, error: VaultHttpError): void {
  sendJson(response, error.status, { errors: error.errors }, error.headers);
}
