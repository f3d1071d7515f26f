import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import nodeVault from "node-vault";
import { afterEach, describe, expect, it } from "vitest";

// The command as a user runs it: the built bin, in its own process.
const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGKILL");
});

/** Starts the command and resolves with the exported variables once it printed `lines` lines. */
async function start(
  args: string[],
  lines: number,
): Promise<{ child: ChildProcess; env: Record<string, string> }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  let output = "";
  for await (const chunk of child.stdout ?? []) {
    output += String(chunk);
    if (output.split("\n").length > lines) break;
  }
  const env = Object.fromEntries(
    [...output.matchAll(/export (\w+)=(\S+)/g)].map((m) => [m[1] ?? "", m[2] ?? ""]),
  );
  return { child, env };
}

describe("dheera-ai-emulators", () => {
  it("starts Vault and prints VAULT_ADDR and VAULT_TOKEN that node-vault can use", async () => {
    const { child, env } = await start(["vault", "--root-token", "cli-root"], 3);
    expect(env.VAULT_TOKEN).toBe("cli-root");
    const vault = nodeVault({ endpoint: env.VAULT_ADDR, token: env.VAULT_TOKEN });
    await vault.write("secret/data/cli", { data: { key: "from-cli" } });
    expect((await vault.read("secret/data/cli")).data.data).toEqual({ key: "from-cli" });
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it("starts all three and prints how to reach each", async () => {
    const { env } = await start(["all"], 11);
    expect(env.VAULT_ADDR).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.AWS_ENDPOINT_URL_SECRETS_MANAGER).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.AZURE_KEY_VAULT_URI).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(env.NODE_EXTRA_CA_CERTS).toMatch(/\.pem$/);
  });

  it("rejects an unknown backend with its usage and exit code 2", async () => {
    const child = spawn(process.execPath, [CLI, "gcp"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += String(chunk)));
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(stderr).toContain("usage: dheera-ai-emulators <vault|aws|azure|all>");
  });

  it("reports an out-of-range option with the emulator's own message and exit code 2", async () => {
    const child = spawn(process.execPath, [CLI, "azure", "--retention-days", "3"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += String(chunk)));
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(stderr).toBe(
      "dheera-ai-emulators: softDeleteRetentionDays must be an integer from 7 to 90, got 3\n",
    );
  });
});
