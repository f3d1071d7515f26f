import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CustomSecretManager } from "../custom-secret-manager.js";
import { ConfigurationError } from "../errors.js";
import type { LoadedManagerClass, ManagerClass, ManagerClassSource } from "./manager-class.js";
import { importManagerFile, importPackage } from "./module-importer.js";

/** The extensions tried for `a.b.Export`, in order: TypeScript first, so a `.ts` next to the config wins. */
export const MANAGER_FILE_EXTENSIONS = [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"] as const;

export interface LoadManagerClassOptions {
  /** The folder relative module paths are resolved against: the config file's folder. */
  baseDir: string;
  /** Where the reference was written, for errors: `general_settings.key_management_settings.custom_secret_manager`. */
  configPath?: string | undefined;
}

/**
 * Turns a reference into a manager class:
 * - `my_secret_manager.InMemorySecretManager`: the last segment is the export, the others a module path relative
 *   to `baseDir`, dots being folders (`managers.vault_impl.Mine` is `managers/vault_impl.*`);
 * - `@scope/package:Export`: an export of an installed package.
 * Any failure is one `ConfigurationError` naming the reference, every file tried and what was wrong.
 */
export async function loadManagerClass(
  reference: string,
  options: LoadManagerClassOptions,
): Promise<LoadedManagerClass> {
  const fail: Fail = (problem, tried = [], cause) => {
    const triedText = tried.length > 0 ? `; tried: ${tried.join(", ")}` : "";
    throw new ConfigurationError(`cannot load secret manager "${reference}": ${problem}${triedText}`, {
      path: options.configPath,
      cause,
    });
  };

  const colon = reference.lastIndexOf(":");
  const located =
    colon > 0
      ? await locatePackageExport(reference, colon, options, fail)
      : await locateFileExport(reference, options, fail);
  const { module, source, tried } = located;

  if (!(source.exportName in module)) {
    const available = Object.keys(module).filter((key) => key !== "default");
    fail(
      `${source.moduleUrl} has no export named "${source.exportName}" (it exports: ${available.join(", ") || "nothing"})`,
      tried,
    );
  }
  const exported = module[source.exportName];
  if (typeof exported !== "function" || !/^class[\s{]/.test(Function.prototype.toString.call(exported))) {
    fail(
      `export "${source.exportName}" of ${source.moduleUrl} is not a class (it is ${describe(exported)})`,
      tried,
    );
  }
  if (!CustomSecretManager.isManagerClass(exported)) {
    fail(`class "${source.exportName}" of ${source.moduleUrl} does not extend CustomSecretManager`, tried);
  }
  // The abstract base itself (re-exported, say) passes the check above but has no reads to call.
  const prototype = (exported as { prototype: Record<string, unknown> }).prototype;
  const missing = ["asyncReadSecret", "syncReadSecret"].filter(
    (method) => typeof prototype[method] !== "function",
  );
  if (missing.length > 0) {
    fail(
      `class "${source.exportName}" of ${source.moduleUrl} does not implement ${missing.join(" and ")}`,
      tried,
    );
  }
  return { managerClass: exported as unknown as ManagerClass, source };
}

type Fail = (problem: string, tried?: readonly string[], cause?: unknown) => never;

interface LocatedModule {
  module: Record<string, unknown>;
  source: ManagerClassSource;
  tried: string[];
}

async function locateFileExport(
  reference: string,
  options: LoadManagerClassOptions,
  fail: Fail,
): Promise<LocatedModule> {
  const segments = reference.split(".");
  const exportName = segments.pop() ?? "";
  if (segments.length === 0 || exportName === "" || segments.some((segment) => segment === "")) {
    fail(
      'expected "module.ClassName" (dots separate folders, the last segment is the export) or "package:Export"',
    );
  }
  const base = join(options.baseDir, ...segments);
  const tried = MANAGER_FILE_EXTENSIONS.map((extension) => `${base}${extension}`);
  const file = tried.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  if (!file) return fail("no such file", tried);
  const found = file;
  let module: Record<string, unknown>;
  try {
    module = await importManagerFile(found);
  } catch (error) {
    fail(`${found} failed to load: ${error instanceof Error ? error.message : String(error)}`, tried, error);
  }
  return {
    module,
    source: { reference, moduleUrl: pathToFileURL(found).href, exportName, kind: "file" },
    tried,
  };
}

async function locatePackageExport(
  reference: string,
  colon: number,
  options: LoadManagerClassOptions,
  fail: Fail,
): Promise<LocatedModule> {
  const specifier = reference.slice(0, colon);
  const exportName = reference.slice(colon + 1);
  if (exportName === "" || specifier === "") fail('expected "package:Export"');
  // The config's folder first (a project's own node_modules), then the running proxy's.
  const searchFrom = [
    ...new Set([resolve(options.baseDir), process.cwd(), dirname(fileURLToPath(import.meta.url))]),
  ];
  let imported: Awaited<ReturnType<typeof importPackage>>;
  try {
    imported = await importPackage(specifier, searchFrom);
  } catch (error) {
    fail(
      `package "${specifier}" failed to load: ${error instanceof Error ? error.message : String(error)}`,
      [],
      error,
    );
  }
  if ("tried" in imported) {
    return fail(`package "${specifier}" is not installed (npm install ${specifier})`, imported.tried);
  }
  const { module, url } = imported;
  return { module, source: { reference, moduleUrl: url, exportName, kind: "package" }, tried: [url] };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "function") return "a function";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
