import type { KeyManagementSystem } from "../config/config-schema.js";

/**
 * The adapter each built-in `key_management_system` loads, as a `package:Export` reference. Adapters are loaded
 * lazily, so only the configured one needs to be installed.
 */
export const BUILT_IN_MANAGERS: Readonly<Record<Exclude<KeyManagementSystem, "custom">, string>> = {
  in_memory: "@dheera-ai/secret-manager-memory:InMemorySecretManager",
  hashicorp_vault: "@dheera-ai/secret-manager-vault:HashiCorpVaultSecretManager",
  aws_secret_manager: "@dheera-ai/secret-manager-aws:AwsSecretsManager",
  azure_key_vault: "@dheera-ai/secret-manager-azure:AzureKeyVaultSecretManager",
};
