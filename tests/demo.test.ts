import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./publishable-packages.js";

const run = promisify(execFile);
const exampleDir = join(repoRoot, "examples", "quick-start");

/** Collapses runs of spaces, so assertions do not depend on the demo's column widths. */
const squeeze = (line: string) => line.trim().replace(/\s+/g, " ");

describe("the main job (npm run demo)", () => {
  let lines: string[] = [];
  let output = "";

  beforeAll(async () => {
    // The test command has built the packages; skipping the demo's own build keeps it from rewriting dist/
    // while other test files read it.
    const { stdout, stderr } = await run(
      process.execPath,
      [join(repoRoot, "scripts", "demo.mjs"), "--no-build"],
      {
        cwd: repoRoot,
      },
    );
    output = `${stdout}\n${stderr}`;
    lines = stdout.split("\n").map(squeeze);
  });

  it("type-checks the example as strict TypeScript", async () => {
    const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const { stdout } = await run(process.execPath, [tsc, "-p", join(exampleDir, "tsconfig.json")], {
      cwd: repoRoot,
    });
    expect(stdout.trim()).toBe("");
  });

  it("reads the seed's secrets through my_secret_manager.ts and reports the missing one", () => {
    expect(lines).toContain("1. The seed's example, my_secret_manager.ts (in_memory_secrets)");
    expect(lines).toContain("supports: read, syncRead, write, delete");
    expect(lines).toContain("OPENAI_API_KEY found sk-…3f");
    expect(lines).toContain("ANTHROPIC_API_KEY found sk-…a9");
    expect(lines).toContain("MISSING_KEY missing");
    expect(lines).toContain("OPENAI_API_KEY (sync) found sk-…3f");
    expect(
      lines.some(
        (line) => line.startsWith("describe rejected: NOT_SUPPORTED") && line.includes("in_memory_secrets"),
      ),
    ).toBe(true);
  });

  it("writes, describes, deletes, restores and purges with the packaged in-memory manager", () => {
    const start = lines.indexOf("2. @dheera-ai/secret-manager-memory (in_memory)");
    expect(start).toBeGreaterThan(0);
    const memory = lines.slice(start);
    expect(memory).toContain("wrote dheera_ai/team-ai: created=true, version 1");
    expect(memory).toContain(
      'description: Dheera AI virtual key; tags: {"Environment":"Production","Team":"AI"}',
    );
    expect(memory.filter((line) => line === "dheera_ai/team-ai found sk-…a8")).toHaveLength(2);
    expect(memory.filter((line) => line === "dheera_ai/team-ai missing")).toHaveLength(2);
    expect(memory.some((line) => /^deleted=true, restorable until \d{4}-\d\d-\d\dT/.test(line))).toBe(true);
    expect(memory).toContain("restored=true");
    expect(memory).toContain("deleted with recoveryWindowInDays 0: deleted=true, restored=false");
  });

  it("loads the seed's config.yaml with my_secret_manager.ts next to it and stores a virtual key", () => {
    const start = lines.indexOf("3. The seed's config.yaml, with my_secret_manager.ts next to it");
    expect(start).toBeGreaterThan(0);
    const proxy = lines.slice(start);
    expect(proxy).toContain("manager: in_memory_secrets, access_mode: read_and_write");
    expect(proxy).toContain("general_settings.master_key from environment sk-…41");
    expect(proxy).toContain("model_list[0].dheera_ai_params.api_key from manager sk-…3f");
    expect(proxy).toContain("model_list[1].dheera_ai_params.api_key from manager sk-…a9");
    expect(proxy).toContain("virtual key team-ai: stored as dheera_ai/team-ai");
    expect(proxy).toContain("dheera_ai/team-ai found sk-…7e");
  });

  it("never prints a secret value in full", () => {
    const source = ["quick-start.ts", "my_secret_manager.ts"]
      .map((file) => readFileSync(join(exampleDir, file), "utf8"))
      .join("\n");
    const values = [...new Set([...source.matchAll(/"(sk-[^"]+)"/g)].map((match) => match[1] ?? ""))];
    // The example holds three distinct values; if it held none, this check would prove nothing.
    expect(values.length).toBeGreaterThanOrEqual(3);
    for (const value of values) expect(output).not.toContain(value);
  });
});
