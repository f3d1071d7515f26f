import { join } from "node:path";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigurationError, CustomSecretManager, loadProxyConfig, silentLogger } from "../src/index.js";
import { configFolder, recordingLogger, SEED_MANAGER_TS, SEED_MODEL_LIST } from "./helpers/config-folder.js";

const ENV = { DHEERA_AI_MASTER_KEY: "sk-master-from-env", OPENAI_API_KEY: "sk-openai-from-env" };

/** Loads `config.yaml` of a fresh folder holding the seed's manager file and the given config. */
async function loadSeed(
  configYaml: string,
  env: Record<string, string> = ENV,
  extra: Record<string, string> = {},
) {
  const dir = await configFolder({
    "my_secret_manager.ts": SEED_MANAGER_TS,
    "config.yaml": configYaml,
    ...extra,
  });
  return loadProxyConfig(join(dir, "config.yaml"), { env, logger: silentLogger });
}

async function loadError(
  configYaml: string,
  extra: Record<string, string> = {},
  env = ENV,
): Promise<ConfigurationError> {
  const error = await loadSeed(configYaml, env, extra).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(ConfigurationError.isInstance(error), String(error)).toBe(true);
  return error as ConfigurationError;
}

describe("loadProxyConfig", () => {
  describe("the seed's examples, verbatim", () => {
    it("quick start: loads my_secret_manager.ts next to the config and reads api_key from it", async () => {
      const loaded = await loadSeed(`general_settings:
  master_key: os.environ/DHEERA_AI_MASTER_KEY
  key_management_system: custom  # 👈 KEY CHANGE
  key_management_settings:
    custom_secret_manager: my_secret_manager.InMemorySecretManager  # 👈 KEY CHANGE
${SEED_MODEL_LIST}`);
      expect(loaded.manager?.secretManagerName).toBe("in_memory_secrets");
      expect(CustomSecretManager.isInstance(loaded.manager)).toBe(true);
      const model = (loaded.config.model_list as { dheera_ai_params: { api_key: string } }[])[0];
      expect(model?.dheera_ai_params.api_key).toBe("sk-openai-from-manager");
      // The manager does not hold the master key: the environment does.
      expect((loaded.config.general_settings as { master_key: string }).master_key).toBe(
        "sk-master-from-env",
      );
      expect(loaded.references).toEqual([
        { path: "general_settings.master_key", name: "DHEERA_AI_MASTER_KEY", source: "environment" },
        { path: "model_list[0].dheera_ai_params.api_key", name: "OPENAI_API_KEY", source: "manager" },
      ]);
      expect(loaded.managerSource).toMatchObject({ kind: "file", exportName: "InMemorySecretManager" });
    });

    it("'Read Keys Only': hosted_keys limits what is read from the manager", async () => {
      const loaded = await loadSeed(`general_settings:
  key_management_system: custom
  key_management_settings:
    custom_secret_manager: my_secret_manager.InMemorySecretManager
    hosted_keys: ["OPENAI_API_KEY", "ANTHROPIC_API_KEY"]  # Only check these keys
${SEED_MODEL_LIST}`);
      expect(loaded.settings.hosted_keys).toEqual(["OPENAI_API_KEY", "ANTHROPIC_API_KEY"]);
      expect(loaded.settings.access_mode).toBe("read_only");
      expect(loaded.resolver.readsFromManager("OPENAI_API_KEY")).toBe(true);
      expect(loaded.resolver.readsFromManager("DHEERA_AI_MASTER_KEY")).toBe(false);
      expect(await loaded.resolver.get("OPENAI_API_KEY")).toBe("sk-openai-from-manager");
    });

    it("'Store Virtual Keys': write_only stores virtual keys and reads nothing from the manager", async () => {
      const loaded = await loadSeed(`general_settings:
  key_management_system: custom
  key_management_settings:
    custom_secret_manager: my_secret_manager.InMemorySecretManager
    access_mode: "write_only"
    store_virtual_keys: true
    prefix_for_stored_virtual_keys: "dheera_ai/"
    description: "Dheera AI virtual key"
    tags:
      Environment: "Production"
      Team: "AI"
${SEED_MODEL_LIST}`);
      expect(loaded.settings).toMatchObject({
        access_mode: "write_only",
        store_virtual_keys: true,
        prefix_for_stored_virtual_keys: "dheera_ai/",
        description: "Dheera AI virtual key",
        tags: { Environment: "Production", Team: "AI" },
      });
      // write_only: references read the environment, not the manager.
      const model = (loaded.config.model_list as { dheera_ai_params: { api_key: string } }[])[0];
      expect(model?.dheera_ai_params.api_key).toBe("sk-openai-from-env");
      const outcome = await loaded.virtualKeys.store({
        tokenId: "abc",
        alias: "team-a",
        key: "sk-virtual-1",
      });
      expect(outcome).toEqual({ stored: true, secretName: "dheera_ai/team-a", action: "written" });
      expect(await loaded.manager?.asyncReadSecret("dheera_ai/team-a")).toBe("sk-virtual-1");
    });

    it("'Read + Write': reads hosted keys from the manager and stores virtual keys", async () => {
      const loaded = await loadSeed(`general_settings:
  key_management_system: custom
  key_management_settings:
    custom_secret_manager: my_secret_manager.InMemorySecretManager
    access_mode: "read_and_write"
    hosted_keys: ["OPENAI_API_KEY"]
    store_virtual_keys: true
    prefix_for_stored_virtual_keys: "dheera_ai/"
${SEED_MODEL_LIST}`);
      const model = (loaded.config.model_list as { dheera_ai_params: { api_key: string } }[])[0];
      expect(model?.dheera_ai_params.api_key).toBe("sk-openai-from-manager");
      const outcome = await loaded.virtualKeys.store({ tokenId: "t1", key: "sk-virtual-2" });
      expect(outcome).toMatchObject({ stored: true, secretName: "dheera_ai/virtual-key-t1" });
    });
  });

  describe("key_management_system", () => {
    it("absent: key_management_settings are ignored with a warning, their references unread", async () => {
      const dir = await configFolder({
        "config.yaml": `general_settings:
  key_management_settings:
    description: os.environ/NOT_SET_ANYWHERE
`,
      });
      const log = recordingLogger();
      const loaded = await loadProxyConfig(join(dir, "config.yaml"), { env: {}, logger: log.logger });
      expect(loaded.manager).toBeUndefined();
      expect(log.warnings.map((warning) => warning.message)).toContainEqual(
        expect.stringContaining("general_settings.key_management_settings is set but"),
      );
    });

    it("absent: no manager, every reference reads the environment", async () => {
      const loaded = await loadSeed(
        `general_settings:\n  master_key: os.environ/DHEERA_AI_MASTER_KEY\n${SEED_MODEL_LIST}`,
      );
      expect(loaded.manager).toBeUndefined();
      expect(loaded.keyManagementSystem).toBeUndefined();
      expect(loaded.references.every((reference) => reference.source === "environment")).toBe(true);
    });

    it("an unknown value is an error listing the accepted values", async () => {
      const error = await loadError("general_settings:\n  key_management_system: vault\n");
      expect(error.message).toContain("general_settings.key_management_system");
      for (const value of [
        "custom",
        "in_memory",
        "hashicorp_vault",
        "aws_secret_manager",
        "azure_key_vault",
      ]) {
        expect(error.message).toContain(value);
      }
      expect(error.message).toMatch(/config\.yaml:2:26/);
    });

    it("in_memory loads the memory adapter package lazily", async () => {
      const loaded = await loadSeed("general_settings:\n  key_management_system: in_memory\n");
      expect(loaded.manager?.secretManagerName).toBe("in_memory");
      expect(loaded.managerSource).toMatchObject({ kind: "package", exportName: "InMemorySecretManager" });
    });

    it("a built-in whose adapter is not installed names the package to install", async () => {
      const error = await loadError("general_settings:\n  key_management_system: hashicorp_vault\n");
      expect(error.message).toContain("npm install @dheera-ai/secret-manager-vault");
      expect(error.path).toBe("general_settings.key_management_system");
    });

    it("custom without custom_secret_manager says what to add", async () => {
      const error = await loadError("general_settings:\n  key_management_system: custom\n");
      expect(error.message).toContain("general_settings.key_management_settings.custom_secret_manager");
    });

    it("custom_secret_manager with a built-in system is an error", async () => {
      const error = await loadError(`general_settings:
  key_management_system: in_memory
  key_management_settings:
    custom_secret_manager: my_secret_manager.InMemorySecretManager
`);
      expect(error.message).toContain('only used with key_management_system "custom"');
    });
  });

  describe("key_management_settings", () => {
    const withSettings = (lines: string) => `general_settings:
  key_management_system: custom
  key_management_settings:
    custom_secret_manager: my_secret_manager.InMemorySecretManager
${lines}`;

    it("fills in the documented defaults", async () => {
      const loaded = await loadSeed(withSettings(""));
      expect(loaded.settings).toEqual({
        custom_secret_manager: "my_secret_manager.InMemorySecretManager",
        access_mode: "read_only",
        store_virtual_keys: false,
        prefix_for_stored_virtual_keys: "dheera_ai/",
        cache_ttl_seconds: 300,
        recovery_window_in_days: 7,
      });
      expect(loaded.settings.hosted_keys).toBeUndefined();
      expect(loaded.settings.description).toBeUndefined();
      expect(loaded.settings.tags).toBeUndefined();
    });

    it("an unknown key is an error naming its YAML path, line and the closest known key", async () => {
      const error = await loadError(withSettings("    acess_mode: read_only\n"));
      expect(error.message).toContain("general_settings.key_management_settings.acess_mode");
      expect(error.message).toContain('did you mean "access_mode"?');
      expect(error.message).toMatch(/config\.yaml:5:5/);
    });

    it("every unknown key is listed, not only the first", async () => {
      const error = await loadError(withSettings("    hosted_key: [A]\n    store_virtual_key: true\n"));
      expect(error.message).toContain('did you mean "hosted_keys"?');
      expect(error.message).toContain('did you mean "store_virtual_keys"?');
    });

    it("an invalid access_mode names the path and the accepted values, not the value given", async () => {
      const error = await loadError(withSettings("    access_mode: readonly\n"));
      expect(error.path).toBe("general_settings.key_management_settings.access_mode");
      expect(error.message).toMatch(/read_only.*write_only.*read_and_write/);
      expect(error.message).not.toContain("readonly");
    });

    it("a wrongly typed value is never quoted in the error (it may be a secret)", async () => {
      const error = await loadError("general_settings:\n  master_key: 987654321\n");
      expect(error.path).toBe("general_settings.master_key");
      expect(error.message).toContain("expected string");
      expect(inspect(error)).not.toContain("987654321");
    });

    it("a wrong type names the path and the expected type", async () => {
      const error = await loadError(
        withSettings('    store_virtual_keys: "yes"\n    tags:\n      Team: 7\n'),
      );
      expect(error.message).toContain("general_settings.key_management_settings.store_virtual_keys");
      expect(error.message).toContain("expected boolean");
      expect(error.message).toContain("general_settings.key_management_settings.tags.Team");
    });

    it("store_virtual_keys with access_mode read_only says which modes allow writes", async () => {
      const error = await loadError(withSettings("    store_virtual_keys: true\n"));
      expect(error.path).toBe("general_settings.key_management_settings.store_virtual_keys");
      expect(error.message).toContain("write_only or read_and_write");
    });

    it("store_virtual_keys without a key_management_system is an error, whatever the access_mode", async () => {
      const error = await loadError(`general_settings:
  key_management_settings:
    access_mode: write_only
    store_virtual_keys: true
`);
      expect(error.path).toBe("general_settings.key_management_settings.store_virtual_keys");
      expect(error.message).toContain("needs general_settings.key_management_system");
    });

    it("cache_ttl_seconds sets how long a value read from the manager is served from the cache", async () => {
      const counting = `import { CustomSecretManager } from "@dheera-ai/secret-manager";
export class Counting extends CustomSecretManager {
  reads = 0;
  async asyncReadSecret() { this.reads++; return "v"; }
  syncReadSecret() { return "v"; }
}
`;
      const config = (ttl: string) => `general_settings:
  key_management_system: custom
  key_management_settings:
    custom_secret_manager: counting.Counting
${ttl}`;
      for (const [ttl, expectedReads] of [
        ["", 1],
        ["    cache_ttl_seconds: 0\n", 3],
      ] as const) {
        const dir = await configFolder({ "counting.ts": counting, "config.yaml": config(ttl) });
        const loaded = await loadProxyConfig(join(dir, "config.yaml"), { env: {}, logger: silentLogger });
        for (let i = 0; i < 3; i++) await loaded.resolver.get("A");
        expect((loaded.manager as unknown as { reads: number }).reads).toBe(expectedReads);
      }
    });

    it("stored virtual keys get the configured prefix, description, tags and recovery window", async () => {
      const recording = `import { CustomSecretManager } from "@dheera-ai/secret-manager";
export class Recording extends CustomSecretManager {
  writes: unknown[] = [];
  deletes: unknown[] = [];
  async asyncReadSecret() { return undefined; }
  syncReadSecret() { return undefined; }
  async asyncWriteSecret(name: string, _value: string, options: { description?: string; tags?: unknown } = {}) {
    this.writes.push({ name, description: options.description, tags: options.tags });
    return { name, created: true };
  }
  async asyncDeleteSecret(name: string, options: { recoveryWindowInDays?: number } = {}) {
    this.deletes.push({ name, recoveryWindowInDays: options.recoveryWindowInDays });
    return { name, deleted: true };
  }
}
`;
      const config = (extra: string) => `general_settings:
  key_management_system: custom
  key_management_settings:
    custom_secret_manager: recording.Recording
    access_mode: read_and_write
    store_virtual_keys: true
${extra}`;
      type Recorded = { writes: unknown[]; deletes: unknown[] };
      const configured = await configFolder({
        "recording.ts": recording,
        "config.yaml": config(`    prefix_for_stored_virtual_keys: team-keys
    description: "Dheera AI virtual key"
    tags:
      Team: "AI"
    recovery_window_in_days: 3
`),
      });
      const loaded = await loadProxyConfig(join(configured, "config.yaml"), {
        env: {},
        logger: silentLogger,
      });
      expect(await loaded.virtualKeys.store({ tokenId: "t1", alias: "a", key: "sk-1" })).toMatchObject({
        stored: true,
        secretName: "team-keys/a",
      });
      await loaded.virtualKeys.delete({ tokenId: "t1", alias: "a" });
      const recorded = loaded.manager as unknown as Recorded;
      expect(recorded.writes).toEqual([
        { name: "team-keys/a", description: "Dheera AI virtual key", tags: { Team: "AI" } },
      ]);
      expect(recorded.deletes).toEqual([{ name: "team-keys/a", recoveryWindowInDays: 3 }]);

      const defaults = await configFolder({ "recording.ts": recording, "config.yaml": config("") });
      const plain = await loadProxyConfig(join(defaults, "config.yaml"), { env: {}, logger: silentLogger });
      await plain.virtualKeys.store({ tokenId: "t2", key: "sk-2" });
      await plain.virtualKeys.delete({ tokenId: "t2" });
      expect((plain.manager as unknown as Recorded).deletes).toEqual([
        { name: "dheera_ai/virtual-key-t2", recoveryWindowInDays: 7 },
      ]);
    });

    it("references inside the settings read the environment only", async () => {
      const loaded = await loadSeed(withSettings("    description: os.environ/KEY_DESCRIPTION\n"), {
        ...ENV,
        KEY_DESCRIPTION: "from env",
      });
      expect(loaded.settings.description).toBe("from env");
      const error = await loadError(withSettings("    description: os.environ/OPENAI_API_KEY_MISSING\n"));
      expect(error.message).toContain("general_settings.key_management_settings.description");
      expect(error.message).toContain("read the environment only");
    });
  });

  describe("YAML", () => {
    it("a syntax error names the file, line and column", async () => {
      const error = await loadError("general_settings:\n  master_key: [unclosed\n  other: 1\n");
      expect(error.message).toMatch(/config\.yaml:\d+:\d+: invalid YAML/);
    });

    it("a syntax error on a line holding a plain secret keeps it out of the error, its cause and stack", async () => {
      const error = await loadError("general_settings:\n  master_key: sk-live-plain-1234: oops\n");
      expect(error.message).toMatch(/config\.yaml:2:\d+: invalid YAML/);
      expect(inspect(error, { depth: 5 })).not.toContain("sk-live-plain-1234");
    });

    it("a missing file names the path", async () => {
      const error = await loadProxyConfig("/nonexistent/dheera/config.yaml").catch((e: unknown) => e);
      expect(ConfigurationError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain("/nonexistent/dheera/config.yaml");
    });
  });

  describe("references", () => {
    it("fails start-up with one error listing every unresolved YAML path", async () => {
      const error = await loadError(`general_settings:
  master_key: os.environ/NO_MASTER
model_list:
  - dheera_ai_params:
      api_key: os.environ/NO_KEY_1
  - dheera_ai_params:
      api_key: os.environ/NO_KEY_2
      api_base: os.environ/OPENAI_API_KEY
`);
      expect(error.message).toContain("3 references resolve nowhere");
      expect(error.message).toContain("general_settings.master_key (");
      expect(error.message).toContain("model_list[0].dheera_ai_params.api_key (");
      expect(error.message).toContain("model_list[1].dheera_ai_params.api_key (");
      expect(error.message).not.toContain("api_base");
      expect(error.message).toMatch(/config\.yaml:5:16/);
    });

    it("values stay strings: nothing is coerced to a boolean or number", async () => {
      const loaded = await loadSeed(
        `settings:\n  flag: os.environ/FLAG\n  port: os.environ/PORT\n  literal: 5\n`,
        {
          FLAG: "true",
          PORT: "0042",
        },
      );
      expect(loaded.config.settings).toEqual({ flag: "true", port: "0042", literal: 5 });
    });

    it("a manager failure falls back to the environment with a warning naming the reference, not the value", async () => {
      const failing = `import { CustomSecretManager, UnavailableError } from "@dheera-ai/secret-manager";
export class Down extends CustomSecretManager {
  async asyncReadSecret(name: string): Promise<string | undefined> {
    throw new UnavailableError("backend is down", { backend: this.secretManagerName, secretName: name });
  }
  syncReadSecret(): string | undefined { return undefined; }
}
`;
      const dir = await configFolder({
        "down.ts": failing,
        "config.yaml": `general_settings:
  key_management_system: custom
  key_management_settings:
    custom_secret_manager: down.Down
model_list:
  - api_key: os.environ/OPENAI_API_KEY
  - api_key: os.environ/ONLY_IN_MANAGER
`,
      });
      const log = recordingLogger();
      const error = await loadProxyConfig(join(dir, "config.yaml"), { env: ENV, logger: log.logger }).catch(
        (e: unknown) => e,
      );
      // OPENAI_API_KEY fell back with a warning; ONLY_IN_MANAGER could not.
      expect(ConfigurationError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain("model_list[1].api_key");
      expect((error as Error).message).toContain("backend is down");
      expect((error as Error).message).not.toContain("model_list[0]");
      expect(log.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('"OPENAI_API_KEY"'));
      expect(log.text()).not.toContain(ENV.OPENAI_API_KEY);
    });
  });
});
