import { z } from "zod";

/** The values `general_settings.key_management_system` accepts. */
export const KEY_MANAGEMENT_SYSTEMS = [
  "custom",
  "in_memory",
  "hashicorp_vault",
  "aws_secret_manager",
  "azure_key_vault",
] as const;
export type KeyManagementSystem = (typeof KEY_MANAGEMENT_SYSTEMS)[number];

export const ACCESS_MODES = ["read_only", "write_only", "read_and_write"] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

/** The access modes under which stored virtual keys are written. */
export const WRITING_ACCESS_MODES: readonly AccessMode[] = ["write_only", "read_and_write"];

/**
 * The keys of `key_management_settings` every backend shares. Backend settings (`vault_mount`, …) are added per
 * manager class, from its `settingKeys`, before the strict check of unknown keys.
 */
export const commonKeyManagementSettings = {
  custom_secret_manager: z.string().min(1).optional(),
  access_mode: z.enum(ACCESS_MODES).default("read_only"),
  hosted_keys: z.array(z.string().min(1)).optional(),
  store_virtual_keys: z.boolean().default(false),
  prefix_for_stored_virtual_keys: z.string().default("dheera_ai/"),
  description: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  cache_ttl_seconds: z.number().nonnegative().default(300),
  recovery_window_in_days: z.number().int().nonnegative().default(7),
};

/** `key_management_settings` with every common key defaulted; backend keys kept as given. */
export type KeyManagementSettings = z.output<z.ZodObject<typeof commonKeyManagementSettings>> &
  Readonly<Record<string, unknown>>;

/**
 * `general_settings`. Only the keys this library owns are checked; the proxy's many other keys pass through, so an
 * existing config moves over unchanged.
 */
export const generalSettingsSchema = z.looseObject({
  master_key: z.string().optional(),
  key_management_system: z.enum(KEY_MANAGEMENT_SYSTEMS).optional(),
  // Shape-checked here; key by key once the manager class (and so its backend keys) is known.
  key_management_settings: z.record(z.string(), z.unknown()).optional(),
});

export const proxyConfigSchema = z.looseObject({
  general_settings: generalSettingsSchema.optional(),
});

/** The strict schema of `key_management_settings` for a manager class that reads `backendKeys`. */
export function keyManagementSettingsSchema(backendKeys: readonly string[]) {
  const backendShape = Object.fromEntries(backendKeys.map((key) => [key, z.unknown()]));
  return z.strictObject({ ...backendShape, ...commonKeyManagementSettings });
}
