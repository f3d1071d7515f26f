import type { CustomSecretManager } from "../custom-secret-manager.js";
import type { SecretManagerLogger } from "../logger.js";

/** What a manager class gets when it is built from `key_management_settings`. */
export interface ManagerSettingsContext {
  /** The environment `os.environ/` references and standard variables (`VAULT_ADDR`, …) are read from. */
  env: Readonly<Record<string, string | undefined>>;
  /** The folder of the config file. */
  configDir: string;
  logger: SecretManagerLogger;
}

/**
 * A class the loader can build. A custom manager is constructed with no arguments, as in the seed. A class that
 * reads backend settings (the built-in adapters) declares their snake_case keys in `settingKeys` — so the
 * config's unknown-key check knows them — and builds itself with `fromSettings`.
 */
export interface ManagerClass {
  new (): CustomSecretManager;
  readonly name: string;
  /** The `key_management_settings` keys this class reads, e.g. `["vault_addr", "vault_mount"]`. */
  readonly settingKeys?: readonly string[] | undefined;
  /** Builds a manager from the backend keys of `key_management_settings` (references already resolved). */
  fromSettings?(
    settings: Readonly<Record<string, unknown>>,
    context: ManagerSettingsContext,
  ): CustomSecretManager | Promise<CustomSecretManager>;
}

/** Where a loaded class came from, so a worker thread can load the same class again. */
export interface ManagerClassSource {
  /** The reference as written in the config: `my_secret_manager.InMemorySecretManager`. */
  reference: string;
  /** The module's file URL. */
  moduleUrl: string;
  exportName: string;
  /** How the module was imported: a file next to the config (through jiti) or an installed package. */
  kind: "file" | "package";
}

export interface LoadedManagerClass {
  managerClass: ManagerClass;
  source: ManagerClassSource;
}
