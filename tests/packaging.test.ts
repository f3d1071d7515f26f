import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoopbackRegistry, startLoopbackRegistry } from "./loopback-registry.js";
import { type PublishablePackage, publishablePackages, repoRoot } from "./publishable-packages.js";
import { type QuickStart, quickStartOf, toCommonJs } from "./readme-quick-starts.js";

const run = promisify(execFile);

/**
 * The environment of every child process. npm passes its own settings to scripts as `npm_*` variables (among them
 * `npm_config_local_prefix`, the repository root); inherited, they would make `npm install` in the scratch folder
 * act on the repository.
 */
const childEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("npm_"))),
  npm_config_update_notifier: "false",
  npm_config_fund: "false",
  npm_config_audit: "false",
};

/** Runs a command; on failure, the error says what ran, where, and everything it printed. */
async function runIn(
  cwd: string,
  command: string,
  args: string[],
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(command, args, { cwd, env: childEnv, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    throw new Error(
      `\`${command} ${args.join(" ")}\` failed in ${cwd} (exit ${String(failed.code)})\n` +
        `stdout:\n${failed.stdout ?? ""}\nstderr:\n${failed.stderr ?? ""}`,
    );
  }
}

// Everything this file creates lives here, outside the repository, and goes at the end.
const scratch = mkdtempSync(join(tmpdir(), "dheera-ai-packaging-"));
const packDir = join(scratch, "tarballs");
const packages = publishablePackages();
const packed = new Map<string, Promise<string>>();

/** Packs a package once per run (later callers share the tarball) and returns the tarball's path. */
function tarballOf(pkg: PublishablePackage): Promise<string> {
  let tarball = packed.get(pkg.manifest.name);
  if (!tarball) {
    tarball = pack(pkg);
    packed.set(pkg.manifest.name, tarball);
  }
  return tarball;
}

async function pack(pkg: PublishablePackage): Promise<string> {
  if (!existsSync(join(pkg.dir, "dist"))) {
    throw new Error(
      `${pkg.manifest.name}: ${relative(repoRoot, pkg.dir)}/dist is missing, so there is nothing to pack. ` +
        "Build first: `npm test` does, or `npx turbo run build`.",
    );
  }
  await mkdir(packDir, { recursive: true });
  const { stdout } = await runIn(pkg.dir, "npm", [
    "pack",
    "--json",
    "--ignore-scripts",
    "--pack-destination",
    packDir,
  ]);
  const [result] = JSON.parse(stdout) as Array<{ filename: string }>;
  if (!result) throw new Error(`npm pack printed no tarball for ${pkg.manifest.name}: ${stdout}`);
  return join(packDir, result.filename);
}

function packageNamed(name: string): PublishablePackage {
  const pkg = packages.find((candidate) => candidate.manifest.name === name);
  if (!pkg) throw new Error(`no publishable package named ${name} under packages/`);
  return pkg;
}

let registry: LoopbackRegistry | undefined;

afterAll(async () => {
  await registry?.[Symbol.asyncDispose]();
  await rm(scratch, { recursive: true, force: true });
});

describe("README quick starts, run from the packed tarballs", () => {
  const project = join(scratch, "quick-start");
  const quickStarts: Array<QuickStart & { ways: Array<"esm" | "cjs" | "ts">; file: string }> = [
    {
      ...quickStartOf("packages/memory/README.md", "memory"),
      ways: ["esm", "cjs", "ts"],
      file: "memory-readme",
    },
    { ...quickStartOf("README.md", "memory"), ways: ["esm", "cjs", "ts"], file: "root-readme-memory" },
    { ...quickStartOf("packages/core/README.md", "custom"), ways: ["ts"], file: "core-readme" },
    { ...quickStartOf("README.md", "custom"), ways: ["ts"], file: "root-readme-custom" },
  ];

  beforeAll(async () => {
    expect(relative(repoRoot, project).startsWith("..")).toBe(true);
    const tarballs = await Promise.all(
      ["@dheera-ai/secret-manager", "@dheera-ai/secret-manager-memory"].map((name) =>
        tarballOf(packageNamed(name)),
      ),
    );
    await mkdir(project, { recursive: true });
    await writeFile(
      join(project, "package.json"),
      `${JSON.stringify({ name: "quick-start-check", private: true, type: "module" }, null, 2)}\n`,
    );
    // Installed from a registry on loopback that serves the tarballs and their dependencies: a user's install,
    // with no network and nothing taken from the npm cache (a fresh one, thrown away with the scratch folder).
    registry = await startLoopbackRegistry(
      ["@dheera-ai/secret-manager", "@dheera-ai/secret-manager-memory"].map((name, index) => ({
        manifest: packageNamed(name).manifest,
        tarball: tarballs[index] as string,
      })),
      join(repoRoot, "node_modules"),
      join(scratch, "registry"),
      childEnv,
    );
    await runIn(project, "npm", [
      "install",
      "--registry",
      registry.url,
      "--cache",
      join(scratch, "npm-cache"),
      "--no-audit",
      "--no-fund",
      "@dheera-ai/secret-manager-memory",
      "@dheera-ai/secret-manager",
    ]);
    await writeFile(
      join(project, "tsconfig.json"),
      `${JSON.stringify(
        {
          compilerOptions: {
            target: "es2023",
            lib: ["es2023"],
            module: "nodenext",
            moduleResolution: "nodenext",
            types: ["node"],
            // @types/node and the compiler come from the repository: only our packages are under test here.
            typeRoots: [join(repoRoot, "node_modules", "@types")],
            strict: true,
            noUncheckedIndexedAccess: true,
            noImplicitOverride: true,
            verbatimModuleSyntax: true,
            erasableSyntaxOnly: true,
            noEmit: true,
            // The packages' own .d.ts files are checked too: a broken declaration fails here.
            skipLibCheck: false,
          },
          include: ["*.ts"],
        },
        null,
        2,
      )}\n`,
    );
    for (const quickStart of quickStarts) {
      if (quickStart.ways.includes("esm"))
        await writeFile(join(project, `${quickStart.file}.mjs`), quickStart.code);
      if (quickStart.ways.includes("cjs")) {
        await writeFile(join(project, `${quickStart.file}.cjs`), toCommonJs(quickStart.code));
      }
      if (quickStart.ways.includes("ts"))
        await writeFile(join(project, `${quickStart.file}.ts`), quickStart.code);
    }
  });

  it("installs the packages from their tarballs, outside the repository", async () => {
    for (const name of ["@dheera-ai/secret-manager", "@dheera-ai/secret-manager-memory"]) {
      const installed = JSON.parse(
        await readFile(join(project, "node_modules", name, "package.json"), "utf8"),
      );
      expect(installed.name).toBe(name);
      expect(installed.version).toBe(packageNamed(name).manifest.version);
    }
    // A copy, not a link back into the workspace.
    expect(existsSync(join(project, "node_modules", "@dheera-ai", "secret-manager-memory", "src"))).toBe(
      false,
    );
  });

  it("shows the memory quick start reading a secret and a missing one", () => {
    const memory = quickStarts.find((quickStart) => quickStart.id === "memory");
    expect(memory?.expectedOutput).toContain("sk-demo-openai");
    expect(memory?.expectedOutput).toContain("undefined");
    // The root README repeats the package's quick start word for word.
    const copies = quickStarts.filter((quickStart) => quickStart.id === "memory").map(({ code }) => code);
    expect(new Set(copies).size).toBe(1);
  });

  it("type-checks every quick start as strict NodeNext TypeScript against the packed declarations", async () => {
    const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const { stdout } = await runIn(project, process.execPath, [tsc, "-p", "tsconfig.json"]);
    expect(stdout.trim()).toBe("");
  });

  const runs = quickStarts.flatMap((quickStart) =>
    quickStart.ways.map((way) => ({
      ...quickStart,
      way,
      label: { esm: "as an ES module", cjs: "through require()", ts: "as a TypeScript file" }[way],
    })),
  );

  it.each(runs)("runs quick-start:$id of $readme $label", async ({ file, way, expectedOutput }) => {
    const extension = { esm: "mjs", cjs: "cjs", ts: "ts" }[way];
    const { stdout, stderr } = await runIn(project, process.execPath, [`${file}.${extension}`]);
    expect(stderr).not.toMatch(/Error/);
    expect(stdout.trimEnd().split("\n")).toEqual(expectedOutput);
  });
});

// The packages are ESM only and need Node >= 22.12, which loads ESM through require(). attw's "esm-only" profile
// is made for exactly that: it skips the node10 and node16-from-CJS resolutions, where a require() of ESM is an
// error only on Node versions these packages do not support. Everything else (missing types, masquerading
// formats, wrong exports) still counts.
const ignoredByEsmOnlyProfile = new Set(["node10", "node16-cjs"]);

interface AttwProblem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
}

describe.each(packages)("$manifest.name as published", (pkg) => {
  it("passes publint in strict mode", async () => {
    const tarball = await readFile(await tarballOf(pkg));
    // With a tarball, publint reads the files as packed (pkgDir then means a folder inside the tarball).
    const { messages, pkg: manifest } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
      strict: true,
    });
    const problems = messages.map(
      (message) => `${message.type} ${message.code}: ${formatMessage(message, manifest)}`,
    );
    expect(problems).toEqual([]);
  });

  it("passes @arethetypeswrong/cli with the esm-only profile", async () => {
    const tarball = await tarballOf(pkg);
    const cliDir = join(repoRoot, "node_modules", "@arethetypeswrong", "cli");
    const cli = JSON.parse(readFileSync(join(cliDir, "package.json"), "utf8")) as {
      bin: Record<string, string>;
    };
    const bin = join(cliDir, cli.bin.attw ?? "");
    // --no-definitely-typed: never fetch @types from the registry (tests stay offline); our packages ship types.
    const output = await run(
      process.execPath,
      [bin, tarball, "--profile", "esm-only", "--format", "json", "--no-definitely-typed"],
      { env: childEnv, maxBuffer: 64 * 1024 * 1024 },
    ).catch((error: { stdout?: string; stderr?: string; code?: unknown }) => {
      // attw exits 1 when it finds a problem; the JSON on stdout says which.
      if (!error.stdout) throw new Error(`attw failed (exit ${String(error.code)}): ${error.stderr ?? ""}`);
      return { stdout: error.stdout, stderr: error.stderr ?? "" };
    });
    const report = JSON.parse(output.stdout) as { problems?: Record<string, AttwProblem[]> };
    const problems = Object.values(report.problems ?? {})
      .flat()
      .filter((problem) => !problem.resolutionKind || !ignoredByEsmOnlyProfile.has(problem.resolutionKind))
      .map(
        (problem) =>
          `${problem.kind} (entrypoint ${problem.entrypoint ?? "?"}, ${problem.resolutionKind ?? "all"})`,
      );
    expect(problems).toEqual([]);
  });
});
