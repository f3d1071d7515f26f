import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  CustomSecretManager,
  loadManagerClass,
  MANAGER_FILE_EXTENSIONS,
} from "../src/index.js";
import { configFolder, SEED_MANAGER_TS } from "./helpers/config-folder.js";

const MINIMAL_MANAGER = (
  className: string,
  name: string,
) => `import { CustomSecretManager } from "@dheera-ai/secret-manager";
export class ${className} extends CustomSecretManager {
  constructor() { super({ secretManagerName: "${name}" }); }
  async asyncReadSecret() { return "${name}"; }
  syncReadSecret() { return "${name}"; }
}
`;

/** The extensions the contract names, in the order they are tried. */
const CONTRACT_EXTENSIONS = [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"];

async function loadError(reference: string, files: Record<string, string>): Promise<ConfigurationError> {
  const baseDir = await configFolder(files);
  const error = await loadManagerClass(reference, { baseDir, configPath: "general_settings.x" }).catch(
    (e) => e,
  );
  expect(ConfigurationError.isInstance(error), String(error)).toBe(true);
  expect((error as ConfigurationError).message).toContain(`"${reference}"`);
  expect((error as ConfigurationError).path).toBe("general_settings.x");
  return error as ConfigurationError;
}

describe("loadManagerClass", () => {
  it("loads a TypeScript class from a folder with no node_modules, importing the proxy's own core", async () => {
    const baseDir = await configFolder({ "my_secret_manager.ts": SEED_MANAGER_TS });
    const { managerClass, source } = await loadManagerClass("my_secret_manager.InMemorySecretManager", {
      baseDir,
    });
    const manager = new managerClass();
    expect(CustomSecretManager.isInstance(manager)).toBe(true);
    expect(await manager.asyncReadSecret("OPENAI_API_KEY")).toBe("sk-openai-from-manager");
    expect(source).toMatchObject({ kind: "file", exportName: "InMemorySecretManager" });
    expect(source.moduleUrl).toBe(`file://${join(baseDir, "my_secret_manager.ts")}`);
  });

  it("resolves dots before the last one as folders, against the config's folder", async () => {
    const baseDir = await configFolder({ "managers/vault_impl.ts": MINIMAL_MANAGER("Mine", "nested") });
    const { managerClass } = await loadManagerClass("managers.vault_impl.Mine", { baseDir });
    expect(new managerClass().secretManagerName).toBe("nested");
  });

  it("handles TypeScript beyond type stripping: enums and constructor parameter properties", async () => {
    const source = `import { CustomSecretManager } from "@dheera-ai/secret-manager";
enum Backend { Name = "enum-backed" }
export class Rich extends CustomSecretManager {
  constructor(private readonly value: string = Backend.Name) { super({ secretManagerName: Backend.Name }); }
  async asyncReadSecret(): Promise<string | undefined> { return this.value; }
  syncReadSecret(): string | undefined { return this.value; }
}
`;
    const baseDir = await configFolder({ "rich.ts": source });
    const { managerClass } = await loadManagerClass("rich.Rich", { baseDir });
    expect(new managerClass().syncReadSecret("x")).toBe("enum-backed");
  });

  it.each(MANAGER_FILE_EXTENSIONS.filter((ext) => ext !== ".cts" && ext !== ".cjs"))(
    "loads an ES module file ending in %s",
    async (extension) => {
      const baseDir = await configFolder({ [`m${extension}`]: MINIMAL_MANAGER("M", `ext${extension}`) });
      const { managerClass } = await loadManagerClass("m.M", { baseDir });
      expect(new managerClass().secretManagerName).toBe(`ext${extension}`);
    },
  );

  it("loads a CommonJS file (.cjs) that requires the core package", async () => {
    const source = `const { CustomSecretManager } = require("@dheera-ai/secret-manager");
class Cjs extends CustomSecretManager {
  async asyncReadSecret() { return "cjs"; }
  syncReadSecret() { return "cjs"; }
}
module.exports = { Cjs };
`;
    const baseDir = await configFolder({ "legacy.cjs": source });
    const { managerClass } = await loadManagerClass("legacy.Cjs", { baseDir });
    expect(new managerClass().syncReadSecret("x")).toBe("cjs");
  });

  it("tries exactly the contract's extensions, in its order", async () => {
    expect([...MANAGER_FILE_EXTENSIONS]).toEqual(CONTRACT_EXTENSIONS);
    // Each folder holds the extensions from `index` on: the first of them is the one loaded.
    for (const [index, expected] of CONTRACT_EXTENSIONS.entries()) {
      const files = Object.fromEntries(
        CONTRACT_EXTENSIONS.slice(index).map((extension) => [
          `m${extension}`,
          MINIMAL_MANAGER("M", `from${extension}`),
        ]),
      );
      const { managerClass } = await loadManagerClass("m.M", { baseDir: await configFolder(files) });
      expect(new managerClass().secretManagerName).toBe(`from${expected}`);
    }
  });

  it("loads a CommonJS TypeScript file (.cts)", async () => {
    const baseDir = await configFolder({ "legacy.cts": MINIMAL_MANAGER("Cts", "from-cts") });
    const { managerClass } = await loadManagerClass("legacy.Cts", { baseDir });
    expect(new managerClass().syncReadSecret("x")).toBe("from-cts");
  });

  it("prefers .ts over .js when both exist", async () => {
    const baseDir = await configFolder({
      "both.ts": MINIMAL_MANAGER("B", "from-ts"),
      "both.js": MINIMAL_MANAGER("B", "from-js"),
    });
    const { managerClass } = await loadManagerClass("both.B", { baseDir });
    expect(new managerClass().secretManagerName).toBe("from-ts");
  });

  it("loads an installed package's export named with a colon", async () => {
    const baseDir = await configFolder({});
    const { managerClass, source } = await loadManagerClass(
      "@dheera-ai/secret-manager-memory:InMemorySecretManager",
      { baseDir },
    );
    expect(new managerClass().secretManagerName).toBe("in_memory");
    expect(source.kind).toBe("package");
  });

  it("finds a package in the config's own node_modules before the proxy's copy", async () => {
    // The same name as an adapter the proxy has installed: the config folder's copy wins.
    const pkg = "node_modules/@dheera-ai/secret-manager-memory";
    const baseDir = await configFolder({
      [`${pkg}/package.json`]: JSON.stringify({ type: "module", exports: "./index.js" }),
      [`${pkg}/index.js`]: MINIMAL_MANAGER("InMemorySecretManager", "from-config-folder"),
    });
    // The package imports core, as a real one would: give the folder its own link to it.
    await symlink(
      fileURLToPath(new URL("..", import.meta.url)),
      join(baseDir, "node_modules/@dheera-ai/secret-manager"),
      "dir",
    );
    const { managerClass, source } = await loadManagerClass(
      "@dheera-ai/secret-manager-memory:InMemorySecretManager",
      { baseDir },
    );
    expect(new managerClass().secretManagerName).toBe("from-config-folder");
    expect(source.moduleUrl).toContain(join(baseDir, pkg));
  });

  describe("failures name the reference, every file tried and what was wrong", () => {
    it("no file", async () => {
      const error = await loadError("missing.Manager", {});
      expect(error.message).toContain("no such file");
      for (const extension of CONTRACT_EXTENSIONS) expect(error.message).toContain(`missing${extension}`);
    });

    it("no such export, listing what the module exports", async () => {
      const error = await loadError("m.Other", { "m.ts": MINIMAL_MANAGER("M", "x") });
      expect(error.message).toContain('no export named "Other"');
      expect(error.message).toContain("it exports: M");
    });

    it("not a class", async () => {
      const error = await loadError("m.notAClass", { "m.ts": "export const notAClass = () => 1;\n" });
      expect(error.message).toContain("is not a class (it is a function)");
    });

    it("not a CustomSecretManager", async () => {
      const error = await loadError("m.Plain", { "m.ts": "export class Plain { asyncReadSecret() {} }\n" });
      expect(error.message).toContain("does not extend CustomSecretManager");
    });

    it("the abstract base class itself", async () => {
      const error = await loadError("m.CustomSecretManager", {
        "m.ts": 'export { CustomSecretManager } from "@dheera-ai/secret-manager";\n',
      });
      expect(error.message).toContain("does not implement asyncReadSecret and syncReadSecret");
    });

    it("a module that fails to load", async () => {
      const error = await loadError("m.M", { "m.ts": 'throw new Error("boom at import");\n' });
      expect(error.message).toContain("failed to load: boom at import");
    });

    it("a malformed reference", async () => {
      const error = await loadError("JustAName", {});
      expect(error.message).toContain('expected "module.ClassName"');
    });

    it("a package that is not installed", async () => {
      const error = await loadError("@dheera-ai/not-a-package:X", {});
      expect(error.message).toContain("npm install @dheera-ai/not-a-package");
    });
  });
});
