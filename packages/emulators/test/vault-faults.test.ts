import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startVaultEmulator, type VaultEmulator } from "../src/vault/index.js";
import { vaultClient, vaultFailure } from "./vault-test-helpers.js";

/** The axios error code node-vault rejects with when no HTTP answer came back. */
async function transportFailure(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    expect((error as { response?: unknown }).response).toBeUndefined();
    return (error as { code?: string }).code;
  }
  throw new Error("expected the Vault call to fail, it succeeded");
}

describe("Vault emulator faults", () => {
  let emulator: VaultEmulator;
  let vault: ReturnType<typeof vaultClient>;

  beforeEach(async () => {
    emulator = await startVaultEmulator();
    emulator.seedSecret("app", { key: "value" });
    vault = vaultClient(emulator);
  });
  afterEach(() => emulator.close());

  it("adds latency that makes a client timeout fire, and none once cleared", async () => {
    emulator.faults.set({ latencyMs: 2_000, operations: ["kv.read"] });
    const impatient = vaultClient(emulator, { requestOptions: { timeout: 100 } });
    expect(await transportFailure(impatient.read("secret/data/app"))).toBe("ECONNABORTED");
    expect(emulator.counters.get("kv.read")).toBe(1);

    emulator.faults.clear();
    expect((await impatient.read("secret/data/app")).data.data).toEqual({ key: "value" });
    expect(emulator.counters.get("kv.read")).toBe(2);
  });

  it("fails exactly the given share of requests with 500 in Vault's error shape", async () => {
    emulator.faults.set({ failureRate: 0.5, failWith: 500 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      try {
        await vault.read("secret/data/app");
        statuses.push(200);
      } catch (error) {
        const { statusCode, body } = (error as { response: { statusCode: number; body: unknown } }).response;
        expect(body).toEqual({ errors: ["internal error"] });
        statuses.push(statusCode);
      }
    }
    expect(statuses).toEqual([200, 500, 200, 500]);
    expect(emulator.counters.get("kv.read")).toBe(4);
  });

  it("fails with 503 when told to", async () => {
    emulator.faults.set({ failureRate: 1, failWith: 503 });
    expect(await vaultFailure(vault.read("secret/data/app"))).toEqual({
      statusCode: 503,
      body: { errors: ["Vault is sealed"] },
    });
  });

  it("answers 429 with Retry-After when told to", async () => {
    emulator.faults.set({ failureRate: 1, failWith: 429, retryAfterSeconds: 7 });
    const failure = await vaultFailure(vault.read("secret/data/app"));
    expect(failure.statusCode).toBe(429);
    expect(failure.body.errors[0]).toMatch(/rate limit quota exceeded/);
    // node-vault does not expose response headers, so the header is checked with fetch.
    const response = await fetch(`${emulator.url}/v1/secret/data/app`, {
      headers: { "X-Vault-Token": emulator.rootToken },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
  });

  it("throttles like a Vault rate limit quota: 429, Retry-After, rate limit message", async () => {
    emulator.faults.set({ failureRate: 1, failWith: "throttle", operations: ["kv.write"] });
    const failure = await vaultFailure(vault.write("secret/data/app", { data: { key: "other" } }));
    expect(failure).toEqual({
      statusCode: 429,
      body: { errors: ['request for operation "kv.write": rate limit quota exceeded'] },
    });
    const response = await fetch(`${emulator.url}/v1/secret/data/app`, {
      method: "POST",
      headers: { "X-Vault-Token": emulator.rootToken, "content-type": "application/json" },
      body: JSON.stringify({ data: { key: "other" } }),
    });
    expect(response.headers.get("retry-after")).toBe("1");
    expect((await vault.read("secret/data/app")).data.data).toEqual({ key: "value" });
    expect(emulator.readSecret("app")).toEqual({ key: "value" });
  });

  it("resets the connection of the given share of requests", async () => {
    emulator.faults.set({ resetRate: 1, operations: ["kv.read"] });
    expect(await transportFailure(vault.read("secret/data/app"))).toBe("ECONNRESET");
    expect(emulator.counters.get("kv.read")).toBe(1);
    emulator.faults.clear();
    expect((await vault.read("secret/data/app")).data.data).toEqual({ key: "value" });
  });

  it("never answers a hung request, so only the client timeout ends it", async () => {
    emulator.faults.set({ hangRate: 1, operations: ["token.lookup-self"] });
    const impatient = vaultClient(emulator, { requestOptions: { timeout: 100 } });
    expect(await transportFailure(impatient.tokenLookupSelf())).toBe("ECONNABORTED");
    expect(emulator.counters.get("token.lookup-self")).toBe(1);
    // Other operations are untouched.
    expect((await impatient.read("secret/data/app")).data.data).toEqual({ key: "value" });
  });

  it("counts requests by operation, faulted ones included, and resets the counts", async () => {
    emulator.faults.set({ failureRate: 1, failWith: 500, operations: ["kv.metadata.list"] });
    await vault.read("secret/data/app");
    await vault.write("secret/data/app", { data: { key: "two" } });
    await vaultFailure(vault.list("secret/metadata"));
    await vault.health();
    await vault.approleLogin({ role_id: "x", secret_id: "y" }).catch(() => undefined);
    expect(emulator.counters.snapshot()).toEqual({
      "kv.read": 1,
      "kv.write": 1,
      "kv.metadata.list": 1,
      "sys.health": 1,
      unsupported: 1,
    });
    expect(emulator.counters.total).toBe(5);
    emulator.counters.reset();
    expect(emulator.counters.total).toBe(0);
  });

  it("counts an AppRole login under auth.approle.login once AppRole is enabled", async () => {
    const { roleId, secretId } = emulator.createAppRole("svc");
    emulator.faults.set({ failureRate: 1, failWith: 503, operations: ["auth.approle.login"] });
    const app = vaultClient(emulator, { token: "" });
    expect((await vaultFailure(app.approleLogin({ role_id: roleId, secret_id: secretId }))).statusCode).toBe(
      503,
    );
    emulator.faults.clear();
    await app.approleLogin({ role_id: roleId, secret_id: secretId });
    expect(emulator.counters.get("auth.approle.login")).toBe(2);
  });
});
