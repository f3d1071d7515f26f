import type { IncomingHttpHeaders } from "node:http";
import type { Capability } from "./acl-policy.js";
import type { TokenEntry } from "./token-store.js";
import type { NamespaceState, VaultState } from "./vault-state.js";

/** The method as Vault sees it: `LIST` is its own verb, whether sent as `LIST` or as `GET ?list=true`. */
export type VaultMethod = "GET" | "HEAD" | "LIST" | "POST" | "PUT" | "PATCH" | "DELETE" | "OTHER";

/** One request, resolved to a namespace and a path inside it. */
export interface VaultCall {
  readonly state: VaultState;
  readonly method: VaultMethod;
  readonly namespace: NamespaceState;
  /** Path relative to the namespace, without a leading slash (`secret/data/app`). */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The JSON body (`{}` when empty); throws a 400 Vault error when the body is not a JSON object. */
  body(): Record<string, unknown>;
  /** The authenticated token; set before `run` for every route that is not unauthenticated. */
  token: TokenEntry | undefined;
}

/** An answer: a status and an optional JSON body. */
export interface VaultReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** What a request resolves to: the operation it counts as, and how it is authorised and answered. */
export interface VaultRoute {
  /** Counter and fault-plan name, e.g. `kv.read`. */
  readonly operation: string;
  /** No token needed (health, login). */
  readonly unauthenticated?: boolean;
  /** The capability the ACL must grant on `aclPath` (computed per request: create vs update). */
  capability(call: VaultCall): Capability;
  /** Whether `sudo` is needed too (root-protected paths). */
  readonly sudo?: boolean;
  run(call: VaultCall): VaultReply;
}
