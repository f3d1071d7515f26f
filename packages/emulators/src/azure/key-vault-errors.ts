/**
 * Azure Key Vault's error answers, as the data-plane REST API (7.5 – 2026-04-01) shapes them:
 * `{"error":{"code":"…","message":"…","innererror":{"code":"…"}}}`. The codes and messages are the service's own,
 * taken from its documented behaviour, so an adapter's error mapping can be tested against what it will really see.
 * No message ever carries a secret value: only names, versions and operation names.
 */
import type { ServerResponse } from "node:http";
import { sendJson } from "../shared/emulator-server.js";

/** A Key Vault failure that the protocol layer answers with `status` and the service's error body. */
export class KeyVaultError extends Error {
  override readonly name = "KeyVaultError";
  readonly status: number;
  readonly code: string;
  readonly innerCode: string | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { innerCode?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.innerCode = options.innerCode;
    this.headers = options.headers ?? {};
  }

  toBody(): { error: { code: string; message: string; innererror?: { code: string } } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.innerCode === undefined ? {} : { innererror: { code: this.innerCode } }),
      },
    };
  }
}

export function sendKeyVaultError(response: ServerResponse, error: KeyVaultError): void {
  sendJson(response, error.status, error.toBody(), error.headers);
}

export const keyVaultErrors = {
  secretNotFound(name: string, version?: string): KeyVaultError {
    const id = version ? `${name}/${version}` : name;
    return new KeyVaultError(
      404,
      "SecretNotFound",
      `A secret with (name/id) ${id} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
    );
  },
  deletedSecretNotFound(name: string): KeyVaultError {
    return new KeyVaultError(404, "SecretNotFound", `Deleted Secret not found: ${name}`);
  },
  invalidName(name: string): KeyVaultError {
    return new KeyVaultError(400, "BadParameter", `The request URI contains an invalid name: ${name}`);
  },
  badParameter(message: string): KeyVaultError {
    return new KeyVaultError(400, "BadParameter", message);
  },
  unknownApiVersion(version: string, latest: string): KeyVaultError {
    return new KeyVaultError(
      400,
      "BadParameter",
      `The specified version (${version}) is not recognized. Consider using the latest supported version (${latest}).`,
    );
  },
  deletedButRecoverable(name: string): KeyVaultError {
    return new KeyVaultError(
      409,
      "Conflict",
      `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`,
      { innerCode: "ObjectIsDeletedButRecoverable" },
    );
  },
  beingDeleted(): KeyVaultError {
    return new KeyVaultError(409, "Conflict", "Secret is currently being deleted.", {
      innerCode: "ObjectIsBeingDeleted",
    });
  },
  alreadyExists(name: string): KeyVaultError {
    return new KeyVaultError(
      409,
      "Conflict",
      `Secret ${name} already exists and is not deleted, so there is nothing to recover.`,
    );
  },
  disabled(operation: string): KeyVaultError {
    return new KeyVaultError(
      403,
      "Forbidden",
      `Operation ${operation} is not allowed on a disabled secret.`,
      {
        innerCode: "SecretDisabled",
      },
    );
  },
  purgeProtected(vault: string): KeyVaultError {
    return new KeyVaultError(
      403,
      "Forbidden",
      `Operation "purge" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed.\r\nVault: ${vault}`,
    );
  },
  accessDenied(permission: string, vault: string): KeyVaultError {
    return new KeyVaultError(
      403,
      "Forbidden",
      `The user, group or application 'appid=emulator' does not have secrets ${permission} permission on key vault '${vault}'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287`,
      { innerCode: "AccessDenied" },
    );
  },
  missingToken(): KeyVaultError {
    return new KeyVaultError(401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
  },
  invalidToken(): KeyVaultError {
    return new KeyVaultError(401, "Unauthorized", "The access token is not valid for this key vault.");
  },
  unsupportedOperation(method: string, path: string): KeyVaultError {
    return new KeyVaultError(
      400,
      "BadParameter",
      `${method} ${path} is not a Key Vault secrets operation this emulator serves.`,
    );
  },
} as const;

/** The error an injected fault answers with, as Key Vault shapes it for that status. */
export function faultError(
  status: 500 | 502 | 503 | 429 | "throttle",
  retryAfterSeconds: number | undefined,
): KeyVaultError {
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) };
  switch (status) {
    case 429:
    case "throttle":
      // Key Vault's throttling is always a 429 `Throttled`, and it always says when to come back.
      return new KeyVaultError(
        429,
        "Throttled",
        "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached",
        { headers: { "retry-after": String(retryAfterSeconds ?? 1) } },
      );
    case 500:
      return new KeyVaultError(500, "InternalServerError", "The service encountered an internal error.", {
        headers,
      });
    case 502:
      return new KeyVaultError(502, "BadGateway", "The service received an invalid response upstream.", {
        headers,
      });
    case 503:
      return new KeyVaultError(503, "ServiceUnavailable", "The service is temporarily unavailable.", {
        headers,
      });
  }
}
