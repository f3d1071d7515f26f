import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InternalServiceError,
  SecretsManagerClient,
  type SecretsManagerClientConfig,
  type SecretsManagerServiceException,
} from "@aws-sdk/client-secrets-manager";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AwsEmulator, startAwsEmulator } from "../src/aws/index.js";
import { rejectionOf } from "./rejections.js";

let emulator: AwsEmulator;
const clients: SecretsManagerClient[] = [];

function clientFor(overrides: Partial<SecretsManagerClientConfig> = {}): SecretsManagerClient {
  const client = new SecretsManagerClient({ ...emulator.clientConfig, maxAttempts: 1, ...overrides });
  clients.push(client);
  return client;
}

function httpStatus(error: Error): number | undefined {
  return (error as Partial<SecretsManagerServiceException>).$metadata?.httpStatusCode;
}

function responseHeaders(error: Error): Record<string, string> {
  return (error as { $response?: { headers: Record<string, string> } }).$response?.headers ?? {};
}

beforeEach(async () => {
  emulator = await startAwsEmulator({ secrets: [{ name: "app/key", secretString: "fault-test-value" }] });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await emulator.close();
});

const read = (client: SecretsManagerClient) =>
  client.send(new GetSecretValueCommand({ SecretId: "app/key" }));

describe("AWS emulator faults", () => {
  it("delays answers by latencyMs, enough for a short client timeout to fire", async () => {
    emulator.faults.set({ latencyMs: 2000 });
    const impatient = clientFor({ requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true } });
    const error = await rejectionOf(read(impatient));
    expect(error.name).toBe("TimeoutError");
    expect(emulator.counters.get("GetSecretValue")).toBe(1);

    emulator.faults.set({ latencyMs: 20 });
    const patient = clientFor({ requestHandler: { requestTimeout: 10_000 } });
    expect((await read(patient)).SecretString).toBe("fault-test-value");
    expect(emulator.counters.get("GetSecretValue")).toBe(2);
  });

  it("fails exactly the configured share of requests with InternalServiceError (500)", async () => {
    emulator.faults.set({ failureRate: 0.5, failWith: 500 });
    const client = clientFor();
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const result = await read(client).then(
        (r) => r.SecretString ?? "",
        (error: Error) => error,
      );
      if (typeof result === "string") {
        outcomes.push("ok");
      } else {
        expect(result).toBeInstanceOf(InternalServiceError);
        expect(httpStatus(result)).toBe(500);
        expect((result as InternalServiceError).$fault).toBe("server");
        expect(result.message).not.toContain("fault-test-value");
        outcomes.push("fail");
      }
    }
    expect(outcomes).toEqual(["ok", "fail", "ok", "fail"]);
    expect(emulator.counters.get("GetSecretValue")).toBe(4);
  });

  it("answers 503 with ServiceUnavailable (and a Retry-After when given) and 502 with InternalFailure", async () => {
    const client = clientFor();
    emulator.faults.set({ failureRate: 1, failWith: 503 });
    const unavailable = await rejectionOf(read(client));
    expect(unavailable.name).toBe("ServiceUnavailable");
    expect(httpStatus(unavailable)).toBe(503);
    expect(responseHeaders(unavailable)["retry-after"]).toBeUndefined();
    emulator.faults.set({ failureRate: 1, failWith: 503, retryAfterSeconds: 4 });
    expect(responseHeaders(await rejectionOf(read(client)))["retry-after"]).toBe("4");
    emulator.faults.set({ failureRate: 1, failWith: 502 });
    const badGateway = await rejectionOf(read(client));
    expect(badGateway.name).toBe("InternalFailure");
    expect(httpStatus(badGateway)).toBe(502);
  });

  it("answers 429 with ThrottlingException and Retry-After", async () => {
    emulator.faults.set({ failureRate: 1, failWith: 429, retryAfterSeconds: 7 });
    const error = await rejectionOf(read(clientFor()));
    expect(error.name).toBe("ThrottlingException");
    expect(httpStatus(error)).toBe(429);
    expect(responseHeaders(error)["retry-after"]).toBe("7");
  });

  it("sends Retry-After: 1 with a 429 when no retryAfterSeconds is given", async () => {
    emulator.faults.set({ failureRate: 1, failWith: 429 });
    const error = await rejectionOf(read(clientFor()));
    expect(httpStatus(error)).toBe(429);
    expect(responseHeaders(error)["retry-after"]).toBe("1");
  });

  it("answers the throttle fault with AWS's own ThrottlingException (400, Rate exceeded)", async () => {
    emulator.faults.set({ failureRate: 1, failWith: "throttle" });
    const error = await rejectionOf(read(clientFor()));
    expect(error.name).toBe("ThrottlingException");
    expect(httpStatus(error)).toBe(400);
    expect(error.message).toBe("Rate exceeded");
    expect(responseHeaders(error)["retry-after"]).toBeUndefined();
  });

  it("lets the SDK's own retries reach the emulator once per attempt on 503", async () => {
    emulator.faults.set({ failureRate: 1, failWith: 503 });
    const retrying = clientFor({ maxAttempts: 3 });
    const error = await rejectionOf(read(retrying));
    expect(httpStatus(error)).toBe(503);
    expect((error as Partial<SecretsManagerServiceException>).$metadata?.attempts).toBe(3);
    expect(emulator.counters.get("GetSecretValue")).toBe(3);
  });

  it("lets the SDK retry a throttled request and succeed on the next attempt", async () => {
    emulator.faults.set({ failureRate: 0.5, failWith: "throttle" });
    const retrying = clientFor({ maxAttempts: 3 });
    // The plan fails every second request: the first passes, the second is throttled, its retry passes.
    expect((await read(retrying)).$metadata.attempts).toBe(1);
    const second = await read(retrying);
    expect(second.SecretString).toBe("fault-test-value");
    expect(second.$metadata.attempts).toBe(2);
    expect(emulator.counters.get("GetSecretValue")).toBe(3);
  });

  it("resets connections, which the SDK reports as a network error and retries", async () => {
    emulator.faults.set({ resetRate: 1 });
    const error = await rejectionOf(read(clientFor()));
    expect(error.code ?? error.name).toMatch(/ECONNRESET|socket hang up/);
    expect(emulator.counters.get("GetSecretValue")).toBe(1);

    emulator.faults.set({ resetRate: 0.5 });
    const retrying = clientFor({ maxAttempts: 2 });
    expect((await read(retrying)).SecretString).toBe("fault-test-value");
    const afterReset = await read(retrying);
    expect(afterReset.$metadata.attempts).toBe(2);
    expect(emulator.counters.get("GetSecretValue")).toBe(4);
  });

  it("leaves hung requests unanswered until the client gives up, and still closes", async () => {
    emulator.faults.set({ hangRate: 1 });
    const client = clientFor({ requestHandler: { requestTimeout: 150, throwOnRequestTimeout: true } });
    const error = await rejectionOf(read(client));
    expect(error.name).toBe("TimeoutError");
    expect(emulator.counters.get("GetSecretValue")).toBe(1);
    // afterEach closes the emulator while the hung request still holds its socket open.
  });

  it("limits faults to the listed operations", async () => {
    emulator.faults.set({ failureRate: 1, failWith: 500, operations: ["GetSecretValue"] });
    const client = clientFor();
    expect((await client.send(new DescribeSecretCommand({ SecretId: "app/key" }))).Name).toBe("app/key");
    expect(await rejectionOf(read(client))).toBeInstanceOf(InternalServiceError);
    emulator.faults.clear();
    expect((await read(client)).SecretString).toBe("fault-test-value");
  });

  it("counts requests by AWS operation name, faulted ones included", async () => {
    const client = clientFor();
    await client.send(new CreateSecretCommand({ Name: "other", SecretString: "v" }));
    await read(client);
    emulator.faults.set({ failureRate: 1, failWith: 503, operations: ["DescribeSecret"] });
    await rejectionOf(client.send(new DescribeSecretCommand({ SecretId: "other" })));
    await read(client);
    expect(emulator.counters.snapshot()).toEqual({ CreateSecret: 1, GetSecretValue: 2, DescribeSecret: 1 });
    expect(emulator.counters.total).toBe(4);
  });
});
