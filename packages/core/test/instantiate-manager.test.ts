import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigurationError, loadProxyConfig, silentLogger } from "../src/index.js";
import { configFolder } from "./helpers/config-folder.js";

const CONFIG = `general_settings:
  key_management_system: custom
  key_management_settings:
    custom_secret_manager: managers.Manager
`;

async function load(managerSource: string, extraSettings = "") {
  const dir = await configFolder({ "managers.ts": managerSource, "config.yaml": CONFIG + extraSettings });
  return loadProxyConfig(join(dir, "config.yaml"), {
    env: { TOKEN_FROM_ENV: "t-123" },
    logger: silentLogger,
  });
}

describe("building the configured manager", () => {
  it("a constructor that throws is a configuration error naming the reference and the reason", async () => {
    const error = await load(`import { CustomSecretManager } from "@dheera-ai/secret-manager";
export class Manager extends CustomSecretManager {
  constructor() { super(); throw new Error("no credentials"); }
  async asyncReadSecret() { return undefined; }
  syncReadSecret() { return undefined; }
}
`).catch((e: unknown) => e);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('"managers.Manager": constructor threw: no credentials');
    expect((error as ConfigurationError).path).toBe(
      "general_settings.key_management_settings.custom_secret_manager",
    );
  });

  it("constructs a custom class with no arguments, as the seed's proxy does", async () => {
    const loaded = await load(`import { CustomSecretManager } from "@dheera-ai/secret-manager";
export class Manager extends CustomSecretManager {
  readonly argumentCount: number;
  constructor(...args: unknown[]) { super({ secretManagerName: "no-args" }); this.argumentCount = args.length; }
  async asyncReadSecret() { return undefined; }
  syncReadSecret() { return undefined; }
}
`);
    expect(loaded.manager?.secretManagerName).toBe("no-args");
    expect((loaded.manager as unknown as { argumentCount: number }).argumentCount).toBe(0);
  });

  it("a fromSettings that returns no manager is a configuration error naming the reference", async () => {
    const error = await load(`import { CustomSecretManager } from "@dheera-ai/secret-manager";
export class Manager extends CustomSecretManager {
  static fromSettings() { return { asyncReadSecret: async () => undefined }; }
  async asyncReadSecret() { return undefined; }
  syncReadSecret() { return undefined; }
}
`).catch((e: unknown) => e);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      '"managers.Manager": fromSettings did not return a CustomSecretManager',
    );
  });

  it("a class with settingKeys and fromSettings gets its backend settings, references read from the environment", async () => {
    const loaded = await load(
      `import { CustomSecretManager } from "@dheera-ai/secret-manager";
export class Manager extends CustomSecretManager {
  static settingKeys = ["backend_token", "backend_region"];
  static fromSettings(settings: Record<string, unknown>) { return new Manager(settings); }
  constructor(readonly received: Record<string, unknown> = {}) { super({ secretManagerName: "configurable" }); }
  async asyncReadSecret() { return undefined; }
  syncReadSecret() { return undefined; }
}
`,
      "    backend_token: os.environ/TOKEN_FROM_ENV\n    backend_region: eu-west-1\n",
    );
    expect((loaded.manager as unknown as { received: unknown }).received).toEqual({
      backend_token: "t-123",
      backend_region: "eu-west-1",
    });
  });

  it("a backend key the class does not declare is an unknown key, with the closest declared one", async () => {
    const error = await load(
      `import { CustomSecretManager } from "@dheera-ai/secret-manager";
export class Manager extends CustomSecretManager {
  static settingKeys = ["backend_region"];
  static fromSettings() { return new Manager(); }
  async asyncReadSecret() { return undefined; }
  syncReadSecret() { return undefined; }
}
`,
      "    backend_regoin: eu-west-1\n",
    ).catch((e: unknown) => e);
    expect((error as Error).message).toContain("backend_regoin (");
    expect((error as Error).message).toContain('did you mean "backend_region"?');
  });
});
