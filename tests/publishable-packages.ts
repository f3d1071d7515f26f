import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, whatever the working directory of the test run. */
export const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** The fields of a package.json the repository checks look at. */
export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  type?: string;
  license?: string;
  sideEffects?: boolean | string[];
  files?: string[];
  exports?: Record<string, unknown>;
  engines?: Record<string, string>;
  publishConfig?: Record<string, unknown>;
  repository?: { type?: string; url?: string; directory?: string } | string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface PublishablePackage {
  /** The folder under `packages/`, e.g. `core`. */
  folder: string;
  /** The absolute path of the package. */
  dir: string;
  manifest: PackageManifest;
}

/**
 * Every folder under `packages/` with a package.json that is not `"private": true`, found by listing so a new
 * package is checked the day it is added.
 */
export function publishablePackages(): PublishablePackage[] {
  const packagesDir = join(repoRoot, "packages");
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, "package.json")))
    .map((entry) => {
      const dir = join(packagesDir, entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as PackageManifest;
      return { folder: entry.name, dir, manifest };
    })
    .filter(({ manifest }) => manifest.private !== true)
    .sort((a, b) => a.folder.localeCompare(b.folder));
}

/** Reads the root package.json. */
export function rootManifest(): PackageManifest {
  return JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as PackageManifest;
}
