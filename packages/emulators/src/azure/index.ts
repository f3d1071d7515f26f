export type {
  AzureDeletedSecretSnapshot,
  AzureEmulator,
  AzureEmulatorOptions,
  AzureEmulatorSecrets,
  AzureSecretSeed,
  AzureSecretSnapshot,
} from "./azure-emulator.js";
export { defaultAzureEmulatorToken, startAzureEmulator } from "./azure-emulator.js";
export type { AzureAccessToken, KeyVaultChallenge, SecretPermission } from "./key-vault-auth.js";
export { allSecretPermissions } from "./key-vault-auth.js";
export { secretNamePattern, supportedApiVersions } from "./key-vault-protocol.js";
export type { StaticTokenCredential, TokenRequest } from "./static-token-credential.js";
export { createStaticTokenCredential } from "./static-token-credential.js";
