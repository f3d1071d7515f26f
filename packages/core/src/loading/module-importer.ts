import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createJiti, type Jiti } from "jiti";

const CORE_PACKAGE = "@dheera-ai/secret-manager";

let jiti: Jiti | undefined;

/**
 * Imports a manager file found next to a config: `.ts`, `.mts`, `.cts`, `.js`, `.mjs` or `.cjs`.
 *
 * Why jiti rather than Node's own type stripping: stripping is unflagged only from Node 22.18, handles only
 * erasable syntax (no `enum`, no constructor parameter properties — both common in manager classes), and cannot
 * resolve a bare `@dheera-ai/secret-manager` import from a folder with no `node_modules` (a config folder mounted
 * into a container). jiti transpiles any TypeScript on every supported Node, and its alias sends that import to
 * the running proxy's own copy, loaded natively, so the user's class extends the very `CustomSecretManager` the
 * proxy uses.
 */
export async function importManagerFile(file: string): Promise<Record<string, unknown>> {
  jiti ??= createJiti(import.meta.url, {
    alias: { [CORE_PACKAGE]: ownCoreEntry() },
    nativeModules: [CORE_PACKAGE],
    fsCache: false,
    interopDefault: false,
  });
  return (await jiti.import(file)) as Record<string, unknown>;
}

/** Imports an installed package (`pkg:Export`), resolved from each of `searchFrom` in turn. */
export async function importPackage(
  specifier: string,
  searchFrom: readonly string[],
): Promise<{ module: Record<string, unknown>; url: string } | { tried: string[] }> {
  const tried: string[] = [];
  for (const directory of searchFrom) {
    let resolved: string;
    try {
      resolved = createRequire(`${directory}/`).resolve(specifier);
    } catch {
      tried.push(`${specifier} from ${directory}`);
      continue;
    }
    const url = pathToFileURL(resolved).href;
    return { module: (await import(url)) as Record<string, unknown>, url };
  }
  return { tried };
}

/** The file of this very copy of the core package, whichever way it was installed. */
function ownCoreEntry(): string {
  try {
    // Self-reference through the package's own `exports`: the built entry point.
    return createRequire(import.meta.url).resolve(CORE_PACKAGE);
  } catch {
    return fileURLToPath(new URL("../index.js", import.meta.url));
  }
}
