// `npm run demo` / `./dev demo`: the main job. For now it runs the quick-start example; a later issue replaces it
// with the full demo app. The example is TypeScript, run as is: Node >= 22.18 strips the types.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const example = join(root, "examples", "quick-start", "quick-start.ts");

if (!process.features.typescript) {
  console.error(
    `dheera-ai demo: Node ${process.version} cannot run TypeScript files; use Node >= 22.18, or run ./dev demo, ` +
      "which installs one.",
  );
  process.exit(1);
}

// The example imports the workspace packages by name, which resolve to their dist/: build them (turbo skips
// what is up to date). The repository tests build before they run and pass --no-build, so the demo never rewrites
// dist/ while other tests read it.
const args = process.argv.slice(2);
const skipBuild = args.includes("--no-build");
if (!skipBuild) {
  const build = spawnSync(
    join(root, "node_modules", ".bin", "turbo"),
    [
      "run",
      "build",
      "--filter=@dheera-ai/secret-manager",
      "--filter=@dheera-ai/secret-manager-memory",
      "--output-logs=errors-only",
    ],
    { cwd: root, stdio: ["ignore", "ignore", "inherit"] },
  );
  if (build.status !== 0) {
    console.error("dheera-ai demo: building the packages failed (see above)");
    process.exit(build.status ?? 1);
  }
}

const demo = spawnSync(process.execPath, [example, ...args.filter((arg) => arg !== "--no-build")], {
  cwd: root,
  stdio: "inherit",
});
process.exit(demo.status ?? 1);
