import type { YamlPath } from "./yaml-source.js";

const REFERENCE_PREFIX = "os.environ/";

/** A string of the config that names a secret instead of holding it: `os.environ/OPENAI_API_KEY`. */
export interface EnvironmentReference {
  /** Where it stands in the config tree. */
  path: YamlPath;
  /** The secret's name, `OPENAI_API_KEY`. */
  name: string;
}

/** The secret name of a reference string, or `undefined` when `value` is not a reference. */
export function referencedName(value: unknown): string | undefined {
  if (typeof value !== "string" || !value.startsWith(REFERENCE_PREFIX)) return undefined;
  const name = value.slice(REFERENCE_PREFIX.length).trim();
  return name === "" ? undefined : name;
}

/** Every reference in `tree`, depth first, with its path. */
export function findEnvironmentReferences(tree: unknown, path: YamlPath = []): EnvironmentReference[] {
  const name = referencedName(tree);
  if (name !== undefined) return [{ path, name }];
  if (Array.isArray(tree))
    return tree.flatMap((item, index) => findEnvironmentReferences(item, [...path, index]));
  if (isPlainObject(tree)) {
    return Object.entries(tree).flatMap(([key, value]) => findEnvironmentReferences(value, [...path, key]));
  }
  return [];
}

/** A copy of `tree` where each value at a path of `values` is replaced (the tree itself is left as it was). */
export function replaceAtPaths(
  tree: unknown,
  values: ReadonlyMap<string, unknown>,
  path: YamlPath = [],
): unknown {
  const key = JSON.stringify(path);
  if (values.has(key)) return values.get(key);
  if (Array.isArray(tree)) return tree.map((item, index) => replaceAtPaths(item, values, [...path, index]));
  if (isPlainObject(tree)) {
    return Object.fromEntries(
      Object.entries(tree).map(([k, v]) => [k, replaceAtPaths(v, values, [...path, k])]),
    );
  }
  return tree;
}

/** The key `replaceAtPaths` expects for a path. */
export function pathKey(path: YamlPath): string {
  return JSON.stringify(path);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
