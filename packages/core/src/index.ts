export { type CallContext, withDeadline } from "./call-deadline.js";
export {
  type BatchReadResult,
  CustomSecretManager,
  type CustomSecretManagerOptions,
  type OptionalOperation,
  type SecretManagerCapabilities,
} from "./custom-secret-manager.js";
export {
  AbortedError,
  AccessDeniedError,
  ConfigurationError,
  ConflictError,
  InvalidArgumentError,
  InvalidSecretNameError,
  NotSupportedError,
  SecretManagerError,
  type SecretManagerErrorCode,
  type SecretManagerErrorOptions,
  SecretManagerTimeoutError,
  UnavailableError,
} from "./errors.js";
export { assertSecretName } from "./secret-name.js";
export {
  type CallOptions,
  DEFAULT_RECOVERY_WINDOW_IN_DAYS,
  type DeleteSecretOptions,
  type DeleteSecretResult,
  type Milliseconds,
  type OptionalParams,
  type ReadSecretOptions,
  type RestoreSecretResult,
  type SecretMetadata,
  type SecretTags,
  type SyncReadSecretOptions,
  type WriteSecretOptions,
  type WriteSecretResult,
} from "./secret-operations.js";
