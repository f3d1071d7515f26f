import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AzureEmulator, startAzureEmulator } from "../src/azure/index.js";
import { clientFor } from "./azure-client.js";
import { rejectionOf } from "./rejections.js";

/** Retries without waiting, so a test sees the SDK's retry decisions, not its back-off. */
const immediateRetries = (maxRetries: number) => ({ maxRetries, retryDelayInMs: 1, maxRetryDelayInMs: 1 });

describe("Azure Key Vault emulator faults, seen through @azure/keyvault-secrets", () => {
  let emulator: AzureEmulator;
  beforeAll(async () => {
    emulator = await startAzureEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(async () => {
    emulator.reset();
    emulator.secrets.set("target", "value");
  });

  /** A client that has already answered its challenge, so every later request is the operation itself. */
  async function warmClient(options: Parameters<typeof clientFor>[1] = {}) {
    const client = clientFor(emulator, options);
    await client.getSecret("target");
    emulator.counters.reset();
    return client;
  }

  it("adds latency, which a client timeout shorter than it turns into a failure", async () => {
    const client = await warmClient();
    emulator.faults.set({ latencyMs: 400, operations: ["getSecret"] });

    const error = await rejectionOf(client.getSecret("target", { requestOptions: { timeout: 50 } }));
    expect(error.name).toBe("AbortError");

    emulator.faults.set({ latencyMs: 20, operations: ["getSecret"] });
    expect((await client.getSecret("target", { requestOptions: { timeout: 5000 } })).value).toBe("value");
    expect(emulator.counters.get("getSecret")).toBe(2);
  });

  it("fails a share of requests with 500 InternalServerError", async () => {
    const client = await warmClient();
    emulator.faults.set({ failureRate: 0.5, failWith: 500 });

    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(
        await client.getSecret("target").then(
          () => "ok",
          (error: { statusCode?: number; code?: string }) => `${error.statusCode} ${error.code}`,
        ),
      );
    }

    expect(outcomes).toEqual(["ok", "500 InternalServerError", "ok", "500 InternalServerError"]);
    expect(emulator.counters.get("getSecret")).toBe(4);
  });

  it("fails with 503 ServiceUnavailable, which the SDK's retry gets past", async () => {
    const noRetry = await warmClient();
    emulator.faults.set({ failureRate: 1, failWith: 503 });
    expect(await rejectionOf(noRetry.getSecret("target"))).toMatchObject({
      statusCode: 503,
      code: "ServiceUnavailable",
    });

    emulator.faults.clear();
    const retrying = await warmClient({ retryOptions: immediateRetries(3) });
    emulator.faults.set({ failureRate: 0.5, failWith: 503, operations: ["setSecret"] });
    // The plan lets the first request through and fails the second: warm with one set, then the next fails once.
    await retrying.setSecret("target", "first");
    emulator.counters.reset();

    expect((await retrying.setSecret("target", "second")).value).toBe("second");
    expect(emulator.counters.get("setSecret")).toBe(2);
    expect(emulator.secrets.get("target")?.value).toBe("second");
  });

  it("throttles with 429 Throttled and Retry-After", async () => {
    const client = await warmClient();
    emulator.faults.set({ failureRate: 1, failWith: "throttle", retryAfterSeconds: 7 });

    const error = await rejectionOf(client.getSecret("target"));

    expect(error).toMatchObject({ statusCode: 429, code: "Throttled" });
    const response = error.response as { headers: { get(name: string): string | undefined } };
    expect(response.headers.get("retry-after")).toBe("7");
    expect(emulator.counters.get("getSecret")).toBe(1);
  });

  it("answers failWith 429 as the same throttling error, which the SDK retries after Retry-After", async () => {
    const client = await warmClient({ retryOptions: immediateRetries(2) });
    emulator.faults.set({ failureRate: 0.5, failWith: 429, retryAfterSeconds: 0 });
    await client.getSecret("target");
    emulator.counters.reset();

    expect((await client.getSecret("target")).value).toBe("value");
    expect(emulator.counters.get("getSecret")).toBe(2);
  });

  it("resets connections without an answer", async () => {
    const client = await warmClient();
    emulator.faults.set({ resetRate: 1, operations: ["getSecret"] });

    const error = await rejectionOf(client.getSecret("target"));

    expect(error).toMatchObject({ code: "ECONNRESET" });
    expect(emulator.counters.get("getSecret")).toBe(1);
  });

  it("leaves requests unanswered until the client gives up", async () => {
    const client = await warmClient();
    emulator.faults.set({ hangRate: 1, operations: ["listSecrets"] });

    const pages = client.listPropertiesOfSecrets({ requestOptions: { timeout: 100 } }).byPage();
    const error = await rejectionOf(pages.next());

    expect(error.name).toBe("AbortError");
    expect(emulator.counters.get("listSecrets")).toBe(1);
    emulator.faults.clear();
    expect((await client.getSecret("target")).value).toBe("value");
  });

  it("faults only the operations named in the plan", async () => {
    const client = await warmClient();
    emulator.faults.set({ failureRate: 1, failWith: 500, operations: ["setSecret"] });

    expect(await rejectionOf(client.setSecret("target", "new"))).toMatchObject({ statusCode: 500 });
    expect((await client.getSecret("target")).value).toBe("value");
    expect(emulator.secrets.get("target")?.value).toBe("value");
  });

  it("counts requests by operation, faulted ones included", async () => {
    const client = clientFor(emulator);
    emulator.counters.reset();
    await client.setSecret("counted", "v");
    await client.getSecret("counted");
    await client.getSecret("counted");
    emulator.faults.set({ failureRate: 1, operations: ["getSecret"] });
    await rejectionOf(client.getSecret("counted"));
    emulator.faults.clear();
    await client.updateSecretProperties("counted", emulator.secrets.get("counted")?.version ?? "", {
      tags: {},
    });
    for await (const _ of client.listPropertiesOfSecrets()) {
      // draining the pages is the request
    }

    expect(emulator.counters.snapshot()).toEqual({
      challenge: 1,
      setSecret: 1,
      getSecret: 3,
      updateSecret: 1,
      listSecrets: 1,
    });
    expect(emulator.counters.total).toBe(7);
  });
});
