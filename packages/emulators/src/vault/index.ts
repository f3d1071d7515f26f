export type { Capability, PolicyRule } from "./acl-policy.js";
export { Acl, PolicyParseError, parsePolicy } from "./acl-policy.js";
export type { SecretData } from "./kv-v2-engine.js";
export { ListMethodRewriter, ORIGINAL_METHOD_HEADER } from "./list-method-rewriter.js";
export type {
  CreateAppRoleOptions,
  CreateTokenOptions,
  SeedSecretOptions,
  VaultEmulator,
  VaultEmulatorOptions,
  VaultSecretLocation,
} from "./vault-emulator.js";
export { startVaultEmulator } from "./vault-emulator.js";
export { createVaultEmulatorDefinition, type VaultStateHolder } from "./vault-emulator-definition.js";
export { EMULATED_VAULT_VERSION } from "./vault-routes.js";
