import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type PublishablePackage,
  publishablePackages,
  repoRoot,
  rootManifest,
} from "./publishable-packages.js";

const CORE = "@dheera-ai/secret-manager";

/** Packages that are not adapters: the contract itself and the tools adapters are tested with. */
const nonAdapterFolders = new Set(["core", "emulators", "testkit"]);

const packages = publishablePackages();
const adapters = packages.filter(({ folder }) => !nonAdapterFolders.has(folder));

/** Every `.ts` file under `dir`, recursively. */
function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(m|c)?ts$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

// `import … from "x"`, `export … from "x"`, `import "x"`, `import("x")`, `require("x")`, `import type … from "x"`.
const specifierPatterns = [
  /\b(?:import|export)\s[^'"`;]*?\sfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g,
];

/** The package each bare import of a file names (`@scope/name/sub` → `@scope/name`); relative imports are skipped. */
function importedPackages(code: string): string[] {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const specifiers = specifierPatterns.flatMap((pattern) =>
    [...withoutComments.matchAll(pattern)].map((match) => match[1] ?? ""),
  );
  return specifiers
    .filter((specifier) => specifier !== "" && !specifier.startsWith(".") && !specifier.startsWith("#"))
    .map((specifier) => {
      const parts = specifier.split("/");
      return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
    });
}

function isBuiltin(name: string): boolean {
  return name.startsWith("node:") || builtinModules.includes(name);
}

describe("publishable packages", () => {
  it("are found by listing packages/", () => {
    const names = packages.map(({ manifest }) => manifest.name);
    expect(names).toContain(CORE);
    expect(names).toContain("@dheera-ai/secret-manager-memory");
  });
});

describe.each(packages)("$manifest.name ($folder)", ({ folder, dir, manifest }: PublishablePackage) => {
  const where = `packages/${folder}`;

  it("has the skeleton of every package: src/index.ts, README.md, tsconfig.json", () => {
    const missing = ["src/index.ts", "README.md", "tsconfig.json"].filter(
      (file) => !existsSync(join(dir, file)),
    );
    expect(missing, `${where} lacks files`).toEqual([]);
  });

  it("is a scoped, public, licensed ES module package", () => {
    expect(manifest.name.startsWith("@dheera-ai/"), `${where}: name`).toBe(true);
    expect(manifest.type, `${where}: type`).toBe("module");
    expect(manifest.license, `${where}: license`).toBeTruthy();
    expect(manifest.publishConfig?.access, `${where}: publishConfig.access`).toBe("public");
    expect(manifest.sideEffects, `${where}: sideEffects`).toBe(false);
  });

  it("declares the same engines.node as the repository", () => {
    expect(manifest.engines?.node, `${where}: engines.node`).toBe(rootManifest().engines?.node);
  });

  it("names its own folder in repository.directory", () => {
    const repository = typeof manifest.repository === "object" ? manifest.repository : undefined;
    expect(repository?.directory, `${where}: repository.directory`).toBe(where);
  });

  it("lists what ships in files", () => {
    expect(Array.isArray(manifest.files) && manifest.files.length > 0, `${where}: files`).toBe(true);
    expect(manifest.files, `${where}: files`).toContain("dist");
  });

  it("has exports with a root entry and types first in every condition", () => {
    expect(manifest.exports, `${where}: exports`).toBeTypeOf("object");
    expect(Object.keys(manifest.exports ?? {}), `${where}: exports`).toContain(".");
    const misplaced: string[] = [];
    const visit = (value: unknown, path: string) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return;
      const keys = Object.keys(value);
      const conditions = keys.filter((key) => !key.startsWith("."));
      if (conditions.includes("types") && conditions[0] !== "types") misplaced.push(path);
      for (const key of keys) visit((value as Record<string, unknown>)[key], `${path}.${key}`);
    };
    visit(manifest.exports, "exports");
    expect(misplaced, `${where}: "types" must come first`).toEqual([]);
    const root = (manifest.exports as Record<string, unknown>)["."];
    expect(Object.keys((root ?? {}) as object)[0], `${where}: exports["."]`).toBe("types");
  });

  it("declares every package its src imports", () => {
    const declared = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
      ...Object.keys(manifest.optionalDependencies ?? {}),
      manifest.name,
    ]);
    const files = sourceFiles(join(dir, "src"));
    expect(files.length, `${where}/src has no TypeScript files`).toBeGreaterThan(0);
    const undeclared = files.flatMap((file) =>
      importedPackages(readFileSync(file, "utf8"))
        .filter((name) => !isBuiltin(name) && !declared.has(name))
        .map((name) => `${relative(repoRoot, file)} imports ${name}`),
    );
    expect(
      [...new Set(undeclared)],
      `${where}: add these to dependencies or peerDependencies (devDependencies are not installed for users)`,
    ).toEqual([]);
  });
});

describe.each(packages.filter(({ folder }) => folder !== "core"))(
  "$manifest.name ($folder) and core",
  ({ folder, dir, manifest }: PublishablePackage) => {
    const where = `packages/${folder}`;
    const importsCore = sourceFiles(join(dir, "src")).some((file) =>
      importedPackages(readFileSync(file, "utf8")).includes(CORE),
    );

    it("never takes core as a plain dependency, so an application keeps one copy of the contract", () => {
      expect(Object.keys(manifest.dependencies ?? {}), `${where}: dependencies`).not.toContain(CORE);
    });

    it("takes core as a peer plus the same range as a dev dependency when it is an adapter or imports core", () => {
      const peer = manifest.peerDependencies?.[CORE];
      const dev = manifest.devDependencies?.[CORE];
      if (importsCore || !nonAdapterFolders.has(folder)) {
        expect(peer, `${where}: peerDependencies["${CORE}"]`).toBeDefined();
      }
      // npm does not accept workspace: ranges; the dev dependency is what links the workspace copy for tests.
      if (peer !== undefined) expect(dev, `${where}: devDependencies["${CORE}"]`).toBe(peer);
    });
  },
);

describe.each(adapters)("adapter $manifest.name ($folder)", ({ folder, dir }: PublishablePackage) => {
  it("runs the conformance suite in test/conformance.test.ts", () => {
    const file = join(dir, "test", "conformance.test.ts");
    expect(existsSync(file), `packages/${folder}/test/conformance.test.ts is missing`).toBe(true);
    expect(readFileSync(file, "utf8")).toContain("@dheera-ai/secret-manager-testkit");
  });
});

describe("importedPackages", () => {
  it("finds every kind of import and reduces it to a package name", () => {
    const code = [
      'import { a } from "alpha";',
      'import type { B } from "@scope/beta/sub";',
      'export { c } from "gamma/deep/path.js";',
      'import "delta";',
      'const e = await import("epsilon");',
      'import { f } from "./local.js";',
      'import { readFile } from "node:fs/promises";',
      "// import { ignored } from 'commented-out';",
      "import {",
      "  g,",
      '} from "zeta";',
    ].join("\n");
    expect(importedPackages(code).sort()).toEqual(
      ["@scope/beta", "alpha", "delta", "epsilon", "gamma", "node:fs", "zeta"].sort(),
    );
  });
});
