export { SecretCache, type SecretCacheOptions, type SecretLoader } from "./caching/secret-cache.js";
export { type CallContext, withDeadline } from "./call-deadline.js";
export {
  ACCESS_MODES,
  type AccessMode,
  KEY_MANAGEMENT_SYSTEMS,
  type KeyManagementSettings,
  type KeyManagementSystem,
} from "./config/config-schema.js";
export {
  type EnvironmentReference,
  findEnvironmentReferences,
  referencedName,
} from "./config/environment-references.js";
export {
  type LoadProxyConfigOptions,
  loadProxyConfig,
  type ProxyConfig,
  type ResolvedReference,
} from "./config/load-proxy-config.js";
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
export { BUILT_IN_MANAGERS } from "./loading/built-in-backends.js";
export {
  type LoadManagerClassOptions,
  loadManagerClass,
  MANAGER_FILE_EXTENSIONS,
} from "./loading/load-manager-class.js";
export type {
  LoadedManagerClass,
  ManagerClass,
  ManagerClassSource,
  ManagerSettingsContext,
} from "./loading/manager-class.js";
export { consoleLogger, type SecretManagerLogger, silentLogger } from "./logger.js";
export { mapWithConcurrency } from "./resolution/map-with-concurrency.js";
export {
  type ResolveOutcome,
  SecretResolver,
  type SecretResolverOptions,
  type SecretSource,
} from "./resolution/secret-resolver.js";
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
export { assertSecretValue } from "./secret-value.js";
export type { ManagerBlueprint } from "./sync/manager-blueprint.js";
export { SyncReadBridge, type SyncReadBridgeOptions } from "./sync/sync-read-bridge.js";
export { storedVirtualKeyName, type VirtualKey } from "./virtual-keys/virtual-key-naming.js";
export {
  type VirtualKeySkipReason,
  VirtualKeyStore,
  type VirtualKeyStoreOutcome,
  type VirtualKeyStoreSettings,
  type VirtualKeyWithValue,
} from "./virtual-keys/virtual-key-store.js";
