import { CustomSecretManager } from "../custom-secret-manager.js";
import { ConfigurationError, SecretManagerError } from "../errors.js";
import type { LoadedManagerClass, ManagerSettingsContext } from "./manager-class.js";

/**
 * Builds the manager: `fromSettings(backendSettings)` when the class has it, else `new Class()` with no arguments
 * (as the seed's proxy does). A constructor that throws, or a result that is no manager, is a `ConfigurationError`
 * naming the reference.
 */
export async function instantiateManager(
  loaded: LoadedManagerClass,
  backendSettings: Readonly<Record<string, unknown>>,
  context: ManagerSettingsContext & { configPath?: string | undefined },
): Promise<CustomSecretManager> {
  const { managerClass, source } = loaded;
  let manager: unknown;
  try {
    manager = managerClass.fromSettings
      ? await managerClass.fromSettings(backendSettings, context)
      : new managerClass();
  } catch (error) {
    // A typed configuration error from the adapter already names what is wrong; keep it as the cause.
    const reason =
      SecretManagerError.isInstance(error) || error instanceof Error ? error.message : String(error);
    throw new ConfigurationError(
      `cannot load secret manager "${source.reference}": constructor threw: ${reason}`,
      {
        path: context.configPath,
        cause: error,
      },
    );
  }
  if (!CustomSecretManager.isInstance(manager)) {
    throw new ConfigurationError(
      `cannot load secret manager "${source.reference}": fromSettings did not return a CustomSecretManager`,
      { path: context.configPath },
    );
  }
  return manager;
}
