/**
 * The Azure Key Vault secrets data plane over HTTP, as documented for REST API 7.5 and served to every version the
 * SDKs send (`@azure/keyvault-secrets` 4.12 sends `api-version=2026-04-01` by default; 7.x clients send 7.x):
 *
 *   PUT    /secrets/{name}                   setSecret            → SecretBundle
 *   GET    /secrets/{name}[/{version}]       getSecret            → SecretBundle (latest when no version)
 *   PATCH  /secrets/{name}[/{version}]       updateSecret         → SecretBundle without the value
 *   DELETE /secrets/{name}                   deleteSecret         → DeletedSecretBundle
 *   GET    /secrets                          listSecrets          → { value: SecretItem[], nextLink }
 *   GET    /secrets/{name}/versions          listSecretVersions   → { value: SecretItem[], nextLink }
 *   GET    /deletedsecrets                   listDeletedSecrets   → { value: DeletedSecretItem[], nextLink }
 *   GET    /deletedsecrets/{name}            getDeletedSecret     → DeletedSecretBundle
 *   DELETE /deletedsecrets/{name}            purgeDeletedSecret   → 204
 *   POST   /deletedsecrets/{name}/recover    recoverDeletedSecret → SecretBundle
 *
 * Lists are paged with `maxresults` (1–25, default 25) and a `nextLink` carrying `$skiptoken`. Ids are built from the
 * host the request came to: `https://<host>/secrets/<name>/<version>`. Times are Unix seconds.
 */
import type { TLSSocket } from "node:tls";
import { type EmulatorDefinition, type EmulatorRequest, sendJson } from "../shared/emulator-server.js";
import type { KeyVaultAuth, SecretPermission } from "./key-vault-auth.js";
import { faultError, KeyVaultError, keyVaultErrors, sendKeyVaultError } from "./key-vault-errors.js";
import type {
  DeletedStoredSecret,
  KeyVaultStore,
  SecretFields,
  StoredSecret,
  StoredSecretVersion,
} from "./key-vault-store.js";

/** The `api-version` values the vault answers, oldest first; the SDK's own list plus the older 7.x releases. */
export const supportedApiVersions: readonly string[] = [
  "7.0",
  "7.1",
  "7.2",
  "7.3",
  "7.4",
  "7.5",
  "7.6-preview.1",
  "7.6-preview.2",
  "7.6",
  "2025-07-01",
  "2026-04-01",
];

const latestApiVersion = "2026-04-01";

/** Key Vault object names: 1–127 letters, digits and dashes. */
export const secretNamePattern = /^[0-9a-zA-Z-]{1,127}$/;

const defaultPageSize = 25;

interface Route {
  readonly operation: string;
  readonly permission?: SecretPermission;
  readonly name?: string;
  readonly version?: string;
}

/** What a request asks for, from its method and path alone. */
export function routeOf(method: string, pathname: string): Route {
  const segments = pathname.split("/").slice(1);
  const [collection, rawName, third, ...rest] = segments;
  let name: string | undefined;
  let version: string | undefined;
  try {
    name = rawName === undefined ? undefined : decodeURIComponent(rawName);
    version = third === undefined ? undefined : decodeURIComponent(third);
  } catch {
    return { operation: "unknown" };
  }
  if (rest.length > 0) return { operation: "unknown" };
  const hasName = name !== undefined && name !== "";
  if (collection === "secrets") {
    if (!hasName && version === undefined) {
      return method === "GET" ? { operation: "listSecrets", permission: "list" } : { operation: "unknown" };
    }
    if (!hasName) return { operation: "unknown" };
    if (version === "versions" && method === "GET") {
      return { operation: "listSecretVersions", permission: "list", name };
    }
    const versioned = { name, ...(version ? { version } : {}) };
    switch (method) {
      case "GET":
        return { operation: "getSecret", permission: "get", ...versioned };
      case "PATCH":
        return { operation: "updateSecret", permission: "set", ...versioned };
      case "PUT":
        return version === undefined
          ? { operation: "setSecret", permission: "set", name }
          : { operation: "unknown" };
      case "DELETE":
        return version === undefined
          ? { operation: "deleteSecret", permission: "delete", name }
          : { operation: "unknown" };
    }
    return { operation: "unknown" };
  }
  if (collection === "deletedsecrets") {
    if (!hasName && version === undefined) {
      return method === "GET"
        ? { operation: "listDeletedSecrets", permission: "list" }
        : { operation: "unknown" };
    }
    if (!hasName) return { operation: "unknown" };
    if (version === "recover" && method === "POST") {
      return { operation: "recoverDeletedSecret", permission: "recover", name };
    }
    if (version !== undefined) return { operation: "unknown" };
    if (method === "GET") return { operation: "getDeletedSecret", permission: "get", name };
    if (method === "DELETE") return { operation: "purgeDeletedSecret", permission: "purge", name };
  }
  return { operation: "unknown" };
}

export interface KeyVaultProtocolOptions {
  store: KeyVaultStore;
  auth: KeyVaultAuth;
  /** Names the vault in access-denied messages. */
  vaultLabel: string;
}

/** The Key Vault emulator's definition for `listenEmulator`. */
export function createKeyVaultDefinition({
  store,
  auth,
  vaultLabel,
}: KeyVaultProtocolOptions): EmulatorDefinition {
  return {
    name: "azure",
    classify(request) {
      // The SDK's first request carries no token and exists only to receive the challenge.
      if (!request.headers.authorization) return "challenge";
      return routeOf(request.method, request.url.pathname).operation;
    },
    handle(request, response) {
      try {
        const { status, body } = answer(request, store, auth, vaultLabel);
        if (body === undefined) response.writeHead(status).end();
        else sendJson(response, status, body);
      } catch (error) {
        if (!(error instanceof KeyVaultError)) throw error;
        sendKeyVaultError(response, error);
      }
    },
    renderFault(response, failure) {
      sendKeyVaultError(response, faultError(failure.status, failure.retryAfterSeconds));
    },
  };
}

/** The status and JSON body that answer a request; failures are thrown as `KeyVaultError`. */
function answer(
  request: EmulatorRequest,
  store: KeyVaultStore,
  auth: KeyVaultAuth,
  vaultLabel: string,
): { status: number; body?: unknown } {
  const route = routeOf(request.method, request.url.pathname);
  auth.authorize(request.headers.authorization, route.permission, vaultLabel);
  const apiVersion = request.url.searchParams.get("api-version");
  if (apiVersion === null || apiVersion === "") {
    throw keyVaultErrors.badParameter("The api-version query parameter is required.");
  }
  if (!supportedApiVersions.includes(apiVersion))
    throw keyVaultErrors.unknownApiVersion(apiVersion, latestApiVersion);
  if (route.operation === "unknown") {
    throw keyVaultErrors.unsupportedOperation(request.method, request.url.pathname);
  }
  if (route.name !== undefined && !secretNamePattern.test(route.name))
    throw keyVaultErrors.invalidName(route.name);

  const origin = originOf(request);
  const name = route.name ?? "";
  const render = new BundleRenderer(origin, store);
  switch (route.operation) {
    case "setSecret": {
      const body = parseBody(request);
      if (typeof body.value !== "string") {
        throw keyVaultErrors.badParameter("The request body must carry the secret 'value' as a string.");
      }
      const { secret, version } = store.set(name, body.value, fieldsOf(body));
      return ok(render.bundle(secret, version, true));
    }
    case "getSecret": {
      const { secret, version } = store.get(name, route.version, true);
      if (!version.enabled) throw keyVaultErrors.disabled("get");
      return ok(render.bundle(secret, version, true));
    }
    case "updateSecret": {
      const { secret, version } = store.update(name, route.version, fieldsOf(parseBody(request)));
      return ok(render.bundle(secret, version, false));
    }
    case "deleteSecret":
      return ok(render.deletedBundle(store.delete(name, true)));
    case "getDeletedSecret":
      return ok(render.deletedBundle(store.getDeleted(name, true)));
    case "purgeDeletedSecret":
      store.purge(name);
      return { status: 204 };
    case "recoverDeletedSecret": {
      const secret = store.recover(name, true);
      return ok(render.bundle(secret, latestOf(secret), false));
    }
    case "listSecrets": {
      const page = pageOf(request, store.list(), (secret) => secret.name.toLowerCase());
      return ok({
        value: page.items.map((secret) => render.item(secret, latestOf(secret), false)),
        nextLink: page.nextLink,
      });
    }
    case "listSecretVersions": {
      const versions = store.versions(name);
      const secret = versions.length > 0 ? store.get(name).secret : undefined;
      // Versions only ever append, so their position (zero-padded to sort as text) is a stable resume key.
      const page = pageOf(request, versions, (_version, index) => String(index).padStart(10, "0"));
      return ok({
        value: secret ? page.items.map((version) => render.item(secret, version, true)) : [],
        nextLink: page.nextLink,
      });
    }
    case "listDeletedSecrets": {
      const page = pageOf(request, store.listDeleted(), (deleted) => deleted.secret.name.toLowerCase());
      return ok({
        value: page.items.map((deleted) => render.deletedItem(deleted)),
        nextLink: page.nextLink,
      });
    }
  }
  throw keyVaultErrors.unsupportedOperation(request.method, request.url.pathname);
}

function ok(body: unknown): { status: number; body: unknown } {
  return { status: 200, body };
}

/** Turns stored secrets into the REST API's JSON shapes. */
class BundleRenderer {
  constructor(
    readonly origin: string,
    readonly store: KeyVaultStore,
  ) {}

  attributes(version: StoredSecretVersion): Record<string, unknown> {
    return {
      enabled: version.enabled,
      ...(version.notBefore === undefined ? {} : { nbf: version.notBefore }),
      ...(version.expires === undefined ? {} : { exp: version.expires }),
      created: version.created,
      updated: version.updated,
      recoveryLevel: this.store.recoveryLevel,
      ...(this.store.recoverableDays === undefined ? {} : { recoverableDays: this.store.recoverableDays }),
    };
  }

  bundle(secret: StoredSecret, version: StoredSecretVersion, withValue: boolean): Record<string, unknown> {
    return {
      ...(withValue ? { value: version.value } : {}),
      id: `${this.origin}/secrets/${secret.name}/${version.version}`,
      ...(version.contentType === undefined ? {} : { contentType: version.contentType }),
      attributes: this.attributes(version),
      ...(version.tags === undefined ? {} : { tags: version.tags }),
    };
  }

  item(secret: StoredSecret, version: StoredSecretVersion, withVersion: boolean): Record<string, unknown> {
    return {
      id: `${this.origin}/secrets/${secret.name}${withVersion ? `/${version.version}` : ""}`,
      attributes: this.attributes(version),
      ...(version.tags === undefined ? {} : { tags: version.tags }),
      ...(version.contentType === undefined ? {} : { contentType: version.contentType }),
    };
  }

  deletedBundle(deleted: DeletedStoredSecret): Record<string, unknown> {
    return { ...this.bundle(deleted.secret, latestOf(deleted.secret), false), ...this.#deletion(deleted) };
  }

  deletedItem(deleted: DeletedStoredSecret): Record<string, unknown> {
    return { ...this.item(deleted.secret, latestOf(deleted.secret), false), ...this.#deletion(deleted) };
  }

  #deletion(deleted: DeletedStoredSecret): Record<string, unknown> {
    // A vault without soft delete deletes for good: no recovery id, so the SDK's poller finishes at once.
    if (deleted.scheduledPurgeDate === 0) return { deletedDate: deleted.deletedDate };
    return {
      recoveryId: `${this.origin}/deletedsecrets/${deleted.secret.name}`,
      scheduledPurgeDate: deleted.scheduledPurgeDate,
      deletedDate: deleted.deletedDate,
    };
  }
}

function latestOf(secret: StoredSecret): StoredSecretVersion {
  const latest = secret.versions.at(-1);
  if (!latest) throw new Error(`secret ${secret.name} has no versions`);
  return latest;
}

function originOf(request: EmulatorRequest): string {
  const secure = (request.raw.socket as TLSSocket).encrypted === true;
  const host = request.headers.host ?? `${request.raw.socket.localAddress}:${request.raw.socket.localPort}`;
  return `${secure ? "https" : "http"}://${host}`;
}

function parseBody(request: EmulatorRequest): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(request.body.toString("utf8"));
  } catch {
    // The parser's own message can quote the body, which may hold the secret value: never pass it on.
    throw keyVaultErrors.badParameter("The request body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw keyVaultErrors.badParameter("The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}

/** The optional fields of a set or update body, checked as the service checks them. */
function fieldsOf(body: Record<string, unknown>): SecretFields {
  const fields: SecretFields = {};
  if (body.contentType !== undefined && body.contentType !== null) {
    if (typeof body.contentType !== "string")
      throw keyVaultErrors.badParameter("'contentType' must be a string.");
    fields.contentType = body.contentType;
  }
  if (body.tags !== undefined && body.tags !== null) {
    const tags = body.tags;
    if (typeof tags !== "object" || Array.isArray(tags))
      throw keyVaultErrors.badParameter("'tags' must be an object.");
    for (const tag of Object.values(tags)) {
      if (typeof tag !== "string") throw keyVaultErrors.badParameter("Every tag value must be a string.");
    }
    fields.tags = tags as Record<string, string>;
  }
  const attributes = body.attributes;
  if (attributes !== undefined && attributes !== null) {
    if (typeof attributes !== "object" || Array.isArray(attributes)) {
      throw keyVaultErrors.badParameter("'attributes' must be an object.");
    }
    const { enabled, nbf, exp } = attributes as Record<string, unknown>;
    if (enabled !== undefined && enabled !== null) {
      if (typeof enabled !== "boolean")
        throw keyVaultErrors.badParameter("'attributes.enabled' must be a boolean.");
      fields.enabled = enabled;
    }
    fields.notBefore = secondsOf(nbf, "nbf");
    fields.expires = secondsOf(exp, "exp");
  }
  return fields;
}

function secondsOf(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw keyVaultErrors.badParameter(`'attributes.${field}' must be a Unix time in seconds.`);
  }
  return value;
}

/** One page of `items`, after the key named by `$skiptoken`, with the link to the next page when there is one. */
function pageOf<T>(
  request: EmulatorRequest,
  items: readonly T[],
  keyOf: (item: T, index: number) => string,
): { items: T[]; nextLink: string | null } {
  const params = request.url.searchParams;
  const rawMax = params.get("maxresults");
  let size = defaultPageSize;
  if (rawMax !== null) {
    size = Number(rawMax);
    if (!Number.isInteger(size) || size < 1 || size > defaultPageSize) {
      throw keyVaultErrors.badParameter(
        `The value of maxresults must be an integer from 1 to ${defaultPageSize}.`,
      );
    }
  }
  const token = params.get("$skiptoken");
  let start = 0;
  if (token !== null) {
    const after = decodeSkipToken(token);
    // Resuming after a key, not an offset, keeps paging stable when secrets are added or removed meanwhile.
    start = items.findIndex((item, index) => keyOf(item, index) > after);
    if (start === -1) start = items.length;
  }
  const pageItems = items.slice(start, start + size);
  const last = pageItems.at(-1);
  if (start + size >= items.length || last === undefined) return { items: pageItems, nextLink: null };
  const lastKey = keyOf(last, start + pageItems.length - 1);
  const next = new URL(`${originOf(request)}${request.url.pathname}`);
  next.searchParams.set("api-version", params.get("api-version") ?? latestApiVersion);
  next.searchParams.set("$skiptoken", Buffer.from(JSON.stringify({ after: lastKey })).toString("base64url"));
  if (rawMax !== null) next.searchParams.set("maxresults", String(size));
  return { items: pageItems, nextLink: next.toString() };
}

function decodeSkipToken(token: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    const after = (parsed as { after?: unknown }).after;
    if (typeof after === "string") return after;
  } catch {
    // answered below
  }
  throw keyVaultErrors.badParameter("The $skiptoken is not valid.");
}
