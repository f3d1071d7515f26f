/**
 * The one error hierarchy of every secret manager. Adapters map their backend's errors onto these classes in one
 * place, so callers branch on `code` (or `XError.isInstance(e)`) whatever the backend.
 *
 * Two rules hold for every error here:
 * - it never carries a secret value: messages are built from the backend and the secret *name* only;
 * - it is recognised across duplicate copies of this package (two versions in one `node_modules` tree), through a
 *   `Symbol.for` marker instead of `instanceof`.
 */

const errorMarker = Symbol.for("@dheera-ai/secret-manager/error");

/** What went wrong, as a stable string callers can switch on. */
export type SecretManagerErrorCode =
  | "CONFIGURATION"
  | "INVALID_NAME"
  | "INVALID_ARGUMENT"
  | "ACCESS_DENIED"
  | "NOT_SUPPORTED"
  | "CONFLICT"
  | "TIMEOUT"
  | "ABORTED"
  | "UNAVAILABLE"
  | "UNKNOWN";

export interface SecretManagerErrorOptions {
  /** The manager's `secretManagerName` (e.g. `hashicorp_vault`). */
  backend?: string | undefined;
  /** The secret the failing call was about. Never its value. */
  secretName?: string | undefined;
  /** The underlying error (SDK, network, …), kept for debugging. */
  cause?: unknown;
  /** Overrides the class default: whether trying the same call again may succeed. */
  isRetryable?: boolean | undefined;
}

/** Base class of every error this library throws. */
export class SecretManagerError extends Error {
  readonly code: SecretManagerErrorCode;
  readonly backend: string | undefined;
  readonly secretName: string | undefined;
  /** Whether the same call may succeed if tried again (a 503, a throttle, a timeout). */
  readonly isRetryable: boolean;

  constructor(
    message: string,
    options: SecretManagerErrorOptions & { code?: SecretManagerErrorCode; defaultRetryable?: boolean } = {},
  ) {
    super(describe(message, options), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? "UNKNOWN";
    this.backend = options.backend;
    this.secretName = options.secretName;
    this.isRetryable = options.isRetryable ?? options.defaultRetryable ?? false;
    // Non-enumerable, so it stays out of JSON and util.inspect output.
    Object.defineProperty(this, errorMarker, { value: true });
  }

  /** True for any error of this hierarchy, from any copy of this package. */
  static isInstance(value: unknown): value is SecretManagerError {
    return (
      typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[errorMarker] === true
    );
  }
}

function describe(message: string, { backend, secretName }: SecretManagerErrorOptions): string {
  const where = [backend && `backend "${backend}"`, secretName !== undefined && `secret "${secretName}"`]
    .filter(Boolean)
    .join(", ");
  return where ? `${message} (${where})` : message;
}

/**
 * Declares one subclass per code. `isInstance` is per code, so `AccessDeniedError.isInstance(e)` holds for an
 * access-denied error from any copy of the package and for nothing else.
 */
function errorClass<Code extends SecretManagerErrorCode>(code: Code, defaultRetryable: boolean) {
  return class extends SecretManagerError {
    declare readonly code: Code;
    constructor(message: string, options: SecretManagerErrorOptions = {}) {
      super(message, { ...options, code, defaultRetryable });
    }
    static override isInstance(value: unknown): value is SecretManagerError & { code: Code } {
      return SecretManagerError.isInstance(value) && value.code === code;
    }
  };
}

/** The configuration is wrong: a missing or invalid setting, a manager that cannot be loaded. */
export class ConfigurationError extends errorClass("CONFIGURATION", false) {
  /** Where in the configuration the problem is, e.g. `general_settings.key_management_settings.access_mode`. */
  readonly path: string | undefined;
  constructor(message: string, options: SecretManagerErrorOptions & { path?: string | undefined } = {}) {
    // The path leads the message, unless the message already names it (a list of located problems).
    super(options.path && !message.includes(options.path) ? `${options.path}: ${message}` : message, options);
    this.path = options.path;
  }
}

/** The backend cannot hold a secret by that name (empty, too long, forbidden characters). */
export class InvalidSecretNameError extends errorClass("INVALID_NAME", false) {}

/** An argument other than the name is out of range, e.g. a negative recovery window. */
export class InvalidArgumentError extends errorClass("INVALID_ARGUMENT", false) {}

/** The backend refused the credentials, or they do not allow this operation on this secret. */
export class AccessDeniedError extends errorClass("ACCESS_DENIED", false) {}

/** The manager does not offer this operation (see `CustomSecretManager.capabilities`). */
export class NotSupportedError extends errorClass("NOT_SUPPORTED", false) {
  /** The operation that was asked for, e.g. `asyncWriteSecret`. */
  readonly operation: string;
  constructor(operation: string, options: SecretManagerErrorOptions = {}) {
    super(`${operation} is not supported by this secret manager`, options);
    this.operation = operation;
  }
}

/** The secret's state forbids the call: a concurrent change, a check-and-set mismatch, a pending deletion. */
export class ConflictError extends errorClass("CONFLICT", false) {}

/** The call did not finish within its timeout. */
export class SecretManagerTimeoutError extends errorClass("TIMEOUT", true) {
  /** The timeout that ran out, in milliseconds. */
  readonly timeoutMs: number | undefined;
  constructor(message: string, options: SecretManagerErrorOptions & { timeoutMs?: number | undefined } = {}) {
    super(message, options);
    this.timeoutMs = options.timeoutMs;
  }
}

/** The caller aborted the call through its `AbortSignal`; `cause` is the signal's reason. */
export class AbortedError extends errorClass("ABORTED", false) {}

/** The backend cannot answer now (5xx, throttling, network failure); trying again later may work. */
export class UnavailableError extends errorClass("UNAVAILABLE", true) {
  /** How long the backend asked us to wait before retrying, in milliseconds, when it said so. */
  readonly retryAfterMs: number | undefined;
  constructor(
    message: string,
    options: SecretManagerErrorOptions & { retryAfterMs?: number | undefined } = {},
  ) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}
