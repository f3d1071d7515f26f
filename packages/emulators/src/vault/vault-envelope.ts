import { newUuid } from "./random-id.js";
import type { VaultReply } from "./vault-call.js";

/** Vault's response envelope (HTTP API v1): every JSON answer carries these fields. */
export function envelope(
  fields: { data?: unknown; auth?: unknown; warnings?: string[] | null; mountType?: string },
  status = 200,
): VaultReply {
  return {
    status,
    body: {
      request_id: newUuid(),
      lease_id: "",
      renewable: false,
      lease_duration: 0,
      data: fields.data ?? null,
      wrap_info: null,
      warnings: fields.warnings ?? null,
      auth: fields.auth ?? null,
      ...(fields.mountType ? { mount_type: fields.mountType } : {}),
    },
  };
}

export const NO_CONTENT: VaultReply = { status: 204 };

/** A list answer (`data.keys`), or Vault's 404 with no errors when there is nothing to list. */
export function listReply(
  keys: string[],
  extra: Record<string, unknown> = {},
  mountType?: string,
): VaultReply {
  if (keys.length === 0) return { status: 404, body: { errors: [] } };
  return envelope(mountType ? { data: { keys, ...extra }, mountType } : { data: { keys, ...extra } });
}
