import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { SecretCacheOptions } from "../caching/secret-cache.js";
import type { CustomSecretManager } from "../custom-secret-manager.js";
import { ConfigurationError } from "../errors.js";
import { BUILT_IN_MANAGERS } from "../loading/built-in-backends.js";
import { instantiateManager } from "../loading/instantiate-manager.js";
import { loadManagerClass } from "../loading/load-manager-class.js";
import type { ManagerClassSource } from "../loading/manager-class.js";
import { consoleLogger, type SecretManagerLogger } from "../logger.js";
import {
  SecretResolver,
  type SecretResolverOptions,
  type SecretSource,
} from "../resolution/secret-resolver.js";
import { VirtualKeyStore } from "../virtual-keys/virtual-key-store.js";
import { type ConfigIssue, configError, issuesFromZod } from "./config-issues.js";
import {
  commonKeyManagementSettings,
  type KeyManagementSettings,
  type KeyManagementSystem,
  keyManagementSettingsSchema,
  proxyConfigSchema,
  WRITING_ACCESS_MODES,
} from "./config-schema.js";
import { findEnvironmentReferences, pathKey, replaceAtPaths } from "./environment-references.js";
import { formatYamlPath, type YamlPath, YamlSource } from "./yaml-source.js";

const GENERAL = "general_settings";
const KMS_SETTINGS_PATH: YamlPath = [GENERAL, "key_management_settings"];

export interface LoadProxyConfigOptions {
  /** The environment references fall back to. @default process.env */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  logger?: SecretManagerLogger | undefined;
  /** Options of the shared cache (the TTL comes from `cache_ttl_seconds`). */
  cache?: Omit<SecretCacheOptions, "ttlMs" | "logger"> | undefined;
  /** Timeout of each manager read at start-up and after. @default 10_000 */
  readTimeoutMs?: SecretResolverOptions["readTimeoutMs"];
  /** The most manager calls in flight while references resolve at start-up. @default 16 */
  concurrency?: number | undefined;
}

/** A reference of the config and where its value came from (never the value). */
export interface ResolvedReference {
  /** `model_list[0].dheera_ai_params.api_key` */
  path: string;
  name: string;
  source: SecretSource;
}

export interface ProxyConfig {
  /** The whole config tree, every `os.environ/` reference replaced by its value. */
  config: Record<string, unknown>;
  /** The key management system, or `undefined` when none is configured. */
  keyManagementSystem: KeyManagementSystem | undefined;
  /** `key_management_settings`, validated, defaults filled in. */
  settings: KeyManagementSettings;
  /** The configured manager, if any. */
  manager: CustomSecretManager | undefined;
  /** Where the manager's class came from (so a worker thread can load it again). */
  managerSource: ManagerClassSource | undefined;
  /** Reads names after start-up: manager, cache, environment. */
  resolver: SecretResolver;
  /** Stores the proxy's virtual keys in the manager, as the settings say. */
  virtualKeys: VirtualKeyStore;
  references: ResolvedReference[];
}

/**
 * Loads a proxy `config.yaml`: validates it, loads the secret manager it names, and resolves every `os.environ/`
 * reference before returning — concurrently, through the manager and its cache, falling back to the environment.
 * Every problem is a `ConfigurationError` naming the YAML path and, where it has one, its line and column.
 */
export async function loadProxyConfig(
  configPath: string,
  options: LoadProxyConfigOptions = {},
): Promise<ProxyConfig> {
  const file = resolve(configPath);
  const env = options.env ?? process.env;
  const logger = options.logger ?? consoleLogger;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigurationError(`cannot read config file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const source = YamlSource.parse(text, file);
  const tree = source.data ?? {};

  const parsed = proxyConfigSchema.safeParse(tree);
  if (!parsed.success)
    throw configError(
      source,
      issuesFromZod(parsed.error, [], () => []),
    );
  const general = parsed.data.general_settings ?? {};
  const system = general.key_management_system;
  const rawSettings = general.key_management_settings ?? {};
  if (system === undefined && general.key_management_settings !== undefined) {
    logger.warn(
      `${formatYamlPath(KMS_SETTINGS_PATH)} is set but ${GENERAL}.key_management_system is not; it is ignored`,
    );
  }

  // The manager's own settings cannot come from the manager: their references read the environment only.
  const settingsIssues: ConfigIssue[] = [];
  const settingsValues = new Map<string, unknown>();
  // Settings that are ignored (no key_management_system) must not fail start-up over a variable they never use.
  const settingsReferences =
    system === undefined ? [] : findEnvironmentReferences(rawSettings, KMS_SETTINGS_PATH);
  for (const reference of settingsReferences) {
    const value = env[reference.name];
    if (value === undefined) {
      settingsIssues.push({
        path: reference.path,
        message: `os.environ/${reference.name} is not set (settings of the secret manager read the environment only)`,
      });
    } else {
      settingsValues.set(pathKey(reference.path.slice(KMS_SETTINGS_PATH.length)), value);
    }
  }
  if (settingsIssues.length > 0) throw configError(source, settingsIssues);
  const kmsSettings = replaceAtPaths(rawSettings, settingsValues) as Record<string, unknown>;

  const loaded =
    system === undefined ? undefined : await loadConfiguredClass(system, kmsSettings, file, source);
  const backendKeys = loaded?.managerClass.settingKeys ?? [];
  const settingsResult = keyManagementSettingsSchema(backendKeys).safeParse(kmsSettings);
  if (!settingsResult.success) {
    const known = [...Object.keys(commonKeyManagementSettings), ...backendKeys];
    throw configError(
      source,
      issuesFromZod(settingsResult.error, KMS_SETTINGS_PATH, (path) => (path.length === 2 ? known : [])),
    );
  }
  const settings = settingsResult.data as KeyManagementSettings;
  const crossIssues = checkSettingsTogether(system, settings);
  if (crossIssues.length > 0) throw configError(source, crossIssues);

  const manager = loaded
    ? await instantiateManager(loaded, pick(kmsSettings, backendKeys), {
        env,
        configDir: dirname(file),
        logger,
        configPath: formatYamlPath(
          system === "custom"
            ? [...KMS_SETTINGS_PATH, "custom_secret_manager"]
            : [GENERAL, "key_management_system"],
        ),
      })
    : undefined;

  const resolver = new SecretResolver({
    manager,
    accessMode: settings.access_mode,
    hostedKeys: settings.hosted_keys,
    env,
    logger,
    cache: { ...options.cache, ttlMs: settings.cache_ttl_seconds * 1000 },
    readTimeoutMs: options.readTimeoutMs,
    concurrency: options.concurrency,
  });

  const { config, references } = await resolveReferences(tree, resolver, source);
  const virtualKeys = new VirtualKeyStore(
    resolver,
    {
      storeVirtualKeys: settings.store_virtual_keys,
      accessMode: settings.access_mode,
      prefix: settings.prefix_for_stored_virtual_keys,
      description: settings.description,
      tags: settings.tags,
      recoveryWindowInDays: settings.recovery_window_in_days,
    },
    logger,
  );
  const withSettings = replaceAtPaths(config, new Map([[pathKey(KMS_SETTINGS_PATH), kmsSettings]]));
  return {
    config: (general.key_management_settings === undefined ? config : withSettings) as Record<
      string,
      unknown
    >,
    keyManagementSystem: system,
    settings,
    manager,
    managerSource: loaded?.source,
    resolver,
    virtualKeys,
    references,
  };
}

async function loadConfiguredClass(
  system: KeyManagementSystem,
  kmsSettings: Record<string, unknown>,
  file: string,
  source: YamlSource,
) {
  const customPath: YamlPath = [...KMS_SETTINGS_PATH, "custom_secret_manager"];
  if (system === "custom") {
    const reference = kmsSettings.custom_secret_manager;
    if (typeof reference !== "string" || reference === "") {
      throw configError(source, [
        {
          path: reference === undefined ? [GENERAL, "key_management_system"] : customPath,
          message:
            reference === undefined
              ? `key_management_system "custom" needs ${formatYamlPath(customPath)}: the dotted path of your class, e.g. my_secret_manager.InMemorySecretManager`
              : "expected the dotted path of a class, e.g. my_secret_manager.InMemorySecretManager",
        },
      ]);
    }
    return loadManagerClass(reference, { baseDir: dirname(file), configPath: formatYamlPath(customPath) });
  }
  if (kmsSettings.custom_secret_manager !== undefined) {
    throw configError(source, [
      { path: customPath, message: `only used with key_management_system "custom" (it is "${system}")` },
    ]);
  }
  return loadManagerClass(BUILT_IN_MANAGERS[system], {
    baseDir: dirname(file),
    configPath: formatYamlPath([GENERAL, "key_management_system"]),
  });
}

function checkSettingsTogether(
  system: KeyManagementSystem | undefined,
  settings: KeyManagementSettings,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (settings.store_virtual_keys && !WRITING_ACCESS_MODES.includes(settings.access_mode)) {
    issues.push({
      path: [...KMS_SETTINGS_PATH, "store_virtual_keys"],
      message: `store_virtual_keys: true needs an access_mode that allows writes (${WRITING_ACCESS_MODES.join(" or ")}); access_mode is "${settings.access_mode}"`,
    });
  }
  if (settings.store_virtual_keys && system === undefined) {
    issues.push({
      path: [...KMS_SETTINGS_PATH, "store_virtual_keys"],
      message: `store_virtual_keys: true needs ${GENERAL}.key_management_system`,
    });
  }
  return issues;
}

/** Resolves every reference outside `key_management_settings`; all that resolve nowhere fail in one error. */
async function resolveReferences(tree: unknown, resolver: SecretResolver, source: YamlSource) {
  const inSettings = (path: YamlPath) => path[0] === GENERAL && path[1] === KMS_SETTINGS_PATH[1];
  const found = findEnvironmentReferences(tree).filter((reference) => !inSettings(reference.path));
  const outcomes = await resolver.resolveMany(found.map((reference) => reference.name));
  const values = new Map<string, unknown>();
  const references: ResolvedReference[] = [];
  const issues: ConfigIssue[] = [];
  for (const reference of found) {
    const outcome = outcomes.get(reference.name);
    if (outcome?.status === "resolved") {
      values.set(pathKey(reference.path), outcome.value);
      references.push({ path: formatYamlPath(reference.path), name: reference.name, source: outcome.source });
    } else if (outcome?.status === "failed") {
      const reason = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      issues.push({
        path: reference.path,
        message: `os.environ/${reference.name}: the secret manager failed and the environment has no ${reference.name}: ${reason}`,
      });
    } else {
      const where = resolver.readsFromManager(reference.name)
        ? `neither the secret manager nor the environment has ${reference.name}`
        : `the environment has no ${reference.name}`;
      issues.push({ path: reference.path, message: `os.environ/${reference.name}: ${where}` });
    }
  }
  if (issues.length > 0) {
    const heading = `${issues.length} ${issues.length === 1 ? "reference resolves" : "references resolve"} nowhere`;
    throw configError(source, issues, heading, firstFailure(outcomes));
  }
  return { config: replaceAtPaths(tree, values) as Record<string, unknown>, references };
}

function firstFailure(outcomes: Map<string, { status: string; error?: unknown }>): unknown {
  for (const outcome of outcomes.values()) if (outcome.status === "failed") return outcome.error;
  return undefined;
}

function pick(object: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => key in object).map((key) => [key, object[key]]));
}
