/**
 * Ties the Vault HTTP API v1 pieces to the shared emulator server: classifies each request into an operation,
 * authenticates its token (`X-Vault-Token` or `Authorization: Bearer`), enforces the token's ACL policies on the
 * namespace-relative path, and answers with Vault's status codes and JSON shapes. Injected faults use Vault's
 * `{"errors": [...]}` body; `"throttle"` is Vault's rate-limit-quota answer (429 with `Retry-After`).
 */
import type { ServerResponse } from "node:http";
import type { EmulatorDefinition, EmulatorRequest } from "../shared/emulator-server.js";
import { sendJson } from "../shared/emulator-server.js";
import { ORIGINAL_METHOD_HEADER, rewriteListMethod } from "./list-method-rewriter.js";
import type { VaultCall, VaultMethod, VaultReply, VaultRoute } from "./vault-call.js";
import {
  badRequest,
  invalidToken,
  missingToken,
  noHandler,
  notFound,
  permissionDenied,
  sealed,
  sendVaultError,
  VaultHttpError,
} from "./vault-errors.js";
import { resolveRoute } from "./vault-routes.js";
import type { VaultState } from "./vault-state.js";

const UNSEALED_ONLY_EXEMPT = new Set(["sys.health", "sys.seal-status"]);

interface Resolved {
  readonly call: VaultCall | undefined;
  readonly route: VaultRoute | undefined;
  readonly error: VaultHttpError | undefined;
}

/** Holds the live state so `reset()` can swap it without restarting the server. */
export interface VaultStateHolder {
  state: VaultState;
}

export function createVaultEmulatorDefinition(holder: VaultStateHolder): EmulatorDefinition {
  return {
    name: "vault",
    classify(request) {
      return resolve(holder.state, request).route?.operation ?? "unsupported";
    },
    handle(request, response) {
      const resolved = resolve(holder.state, request);
      try {
        if (resolved.error || !resolved.call || !resolved.route) throw resolved.error ?? notFound();
        send(response, answer(resolved.call, resolved.route), resolved.call.method);
      } catch (error) {
        if (error instanceof VaultHttpError) sendVaultError(response, error);
        else throw error;
      }
    },
    renderFault(response, failure, operation) {
      renderVaultFault(response, failure, operation);
    },
    prepareSocket(socket) {
      rewriteListMethod(socket);
    },
  };
}

function resolve(state: VaultState, request: EmulatorRequest): Resolved {
  const pathname = request.url.pathname;
  if (!pathname.startsWith("/v1/")) return { call: undefined, route: undefined, error: notFound() };
  let path: string;
  try {
    path = decodeURIComponent(pathname.slice("/v1/".length));
  } catch {
    return { call: undefined, route: undefined, error: badRequest("invalid URL escape in request path") };
  }
  const header = request.headers["x-vault-namespace"];
  const resolved = state.resolveNamespace(Array.isArray(header) ? header[0] : header, path);
  if (!resolved) return { call: undefined, route: undefined, error: noHandler(path) };
  let parsedBody: Record<string, unknown> | undefined;
  const call: VaultCall = {
    state,
    method: vaultMethod(request),
    namespace: resolved.namespace,
    path: resolved.path,
    query: request.url.searchParams,
    headers: request.headers,
    body() {
      parsedBody ??= parseBody(request.body);
      return parsedBody;
    },
    token: undefined,
  };
  return { call, route: resolveRoute(call), error: undefined };
}

function vaultMethod(request: EmulatorRequest): VaultMethod {
  const original = request.headers[ORIGINAL_METHOD_HEADER];
  if (original === "LIST") return "LIST";
  const method = request.method.toUpperCase();
  if (method === "GET") {
    const list = request.url.searchParams.get("list");
    return list === "true" || list === "1" ? "LIST" : "GET";
  }
  if (["HEAD", "POST", "PUT", "PATCH", "DELETE"].includes(method)) return method as VaultMethod;
  return "OTHER";
}

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    // The body is not echoed: it may hold a secret value.
    throw badRequest("failed to parse JSON input: invalid JSON");
  }
  if (parsed === null) return {};
  if (typeof parsed !== "object" || Array.isArray(parsed))
    throw badRequest("failed to parse JSON input: expected a JSON object");
  return parsed as Record<string, unknown>;
}

function answer(call: VaultCall, route: VaultRoute): VaultReply {
  if (call.state.sealed && !UNSEALED_ONLY_EXEMPT.has(route.operation)) throw sealed();
  if (!route.unauthenticated) authorize(call, route);
  return route.run(call);
}

function authorize(call: VaultCall, route: VaultRoute): void {
  const id = tokenOf(call);
  if (id === undefined) throw missingToken();
  const token = call.state.tokens.get(id);
  if (!token) throw invalidToken();
  // A token works in its own namespace and the ones below it, never in a parent or a sibling.
  if (!call.namespace.path.startsWith(token.namespace)) throw permissionDenied();
  const capability = route.capability(call);
  let aclPath = `${call.namespace.path.slice(token.namespace.length)}${call.path}`;
  // Vault checks list requests against the folder form of the path.
  if (capability === "list" && !aclPath.endsWith("/")) aclPath += "/";
  const acl = call.state.aclFor(token);
  if (!acl.allows(aclPath, capability)) throw permissionDenied();
  if (route.sudo && !acl.allows(aclPath, "sudo")) throw permissionDenied();
  call.token = token;
  call.state.tokens.use(token);
}

function tokenOf(call: VaultCall): string | undefined {
  const header = call.headers["x-vault-token"];
  const direct = Array.isArray(header) ? header[0] : header;
  if (direct) return direct;
  const authorization = call.headers.authorization;
  const match = authorization ? /^Bearer\s+(.+)$/i.exec(authorization) : null;
  return match?.[1]?.trim() || undefined;
}

function send(response: ServerResponse, reply: VaultReply, method: VaultMethod): void {
  if (reply.status === 204 || reply.body === undefined || method === "HEAD") {
    response.writeHead(reply.status, { "cache-control": "no-store", ...reply.headers });
    response.end();
    return;
  }
  sendJson(response, reply.status, reply.body, { "cache-control": "no-store", ...reply.headers });
}

/** Vault's own error shape for injected failures; the operation is named, never any request content. */
export function renderVaultFault(
  response: ServerResponse,
  failure: { status: 500 | 502 | 503 | 429 | "throttle"; retryAfterSeconds?: number },
  operation: string,
): void {
  if (failure.status === "throttle" || failure.status === 429) {
    // A Vault rate limit quota always answers with Retry-After.
    const headers = { "retry-after": String(failure.retryAfterSeconds ?? 1) };
    sendJson(
      response,
      429,
      { errors: [`request for operation "${operation}": rate limit quota exceeded`] },
      headers,
    );
    return;
  }
  const messages: Record<500 | 502 | 503, string> = {
    500: "internal error",
    502: "error forwarding request to the active node: bad gateway",
    503: "Vault is sealed",
  };
  const headers: Record<string, string> =
    failure.retryAfterSeconds === undefined ? {} : { "retry-after": String(failure.retryAfterSeconds) };
  sendJson(response, failure.status, { errors: [messages[failure.status]] }, headers);
}
