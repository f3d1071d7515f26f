import {
  AbortedError,
  AccessDeniedError,
  ConfigurationError,
  ConflictError,
  InvalidArgumentError,
  InvalidSecretNameError,
  NotSupportedError,
  SecretManagerError,
  type SecretManagerErrorCode,
  SecretManagerTimeoutError,
  UnavailableError,
} from "../errors.js";

/** An error as it crosses from the worker thread: plain data, since classes do not survive `postMessage`. */
export interface TransferableError {
  name: string;
  message: string;
  code: SecretManagerErrorCode | undefined;
  backend: string | undefined;
  secretName: string | undefined;
  isRetryable: boolean | undefined;
}

export function toTransferableError(error: unknown): TransferableError {
  if (SecretManagerError.isInstance(error)) {
    const { name, message, code, backend, secretName, isRetryable } = error;
    return { name, message, code, backend, secretName, isRetryable };
  }
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  return {
    name,
    message,
    code: undefined,
    backend: undefined,
    secretName: undefined,
    isRetryable: undefined,
  };
}

type ErrorConstructor = new (
  message: string,
  options: ConstructorParameters<typeof SecretManagerError>[1],
) => Error;

const classByCode: Partial<Record<SecretManagerErrorCode, ErrorConstructor>> = {
  CONFIGURATION: ConfigurationError,
  INVALID_NAME: InvalidSecretNameError,
  INVALID_ARGUMENT: InvalidArgumentError,
  ACCESS_DENIED: AccessDeniedError,
  CONFLICT: ConflictError,
  TIMEOUT: SecretManagerTimeoutError,
  ABORTED: AbortedError,
  UNAVAILABLE: UnavailableError,
};

/** Rebuilds the typed error on this side of the thread boundary, same class, same message. */
export function fromTransferableError(data: TransferableError): Error {
  const options = { backend: data.backend, secretName: data.secretName, isRetryable: data.isRetryable };
  let error: Error;
  if (data.code === "NOT_SUPPORTED") error = new NotSupportedError("operation", options);
  else if (data.code === undefined) error = new Error(data.message);
  else {
    const ErrorClass = classByCode[data.code];
    error = ErrorClass
      ? new ErrorClass(data.message, options)
      : new SecretManagerError(data.message, { ...options, code: data.code });
  }
  // The message was already complete on the other side; the constructors would decorate it again.
  Object.defineProperty(error, "message", { value: data.message, writable: true, configurable: true });
  if (data.code === undefined) error.name = data.name;
  return error;
}
