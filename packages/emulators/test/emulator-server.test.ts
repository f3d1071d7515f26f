import { describe, expect, it } from "vitest";
import { type EmulatorDefinition, listenEmulator } from "../src/shared/emulator-server.js";
import { FaultController } from "../src/shared/fault-plan.js";

/**
 * The server every emulator runs on, driven with a made-up definition: no SDK speaks its protocol, so these few
 * requests are plain `fetch`. What each backend does on top is tested through its real SDK.
 */
function definitionThat(handle: EmulatorDefinition["handle"]): EmulatorDefinition {
  return {
    name: "test",
    classify: (request) => request.url.pathname.slice(1) || "root",
    handle,
    renderFault: (response, failure) => {
      response.writeHead(failure.status === "throttle" ? 429 : failure.status).end();
    },
  };
}

describe("listenEmulator", () => {
  it("answers a handler's crash with 500 without repeating the error's message, which may quote the body", async () => {
    await using server = await listenEmulator(
      definitionThat((request) => {
        throw new TypeError(`cannot store ${request.body.toString("utf8")}`);
      }),
    );
    const response = await fetch(`${server.url}/write`, { method: "POST", body: "sk-live-do-not-echo" });
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).toBe("internal emulator error (TypeError)");
    expect(server.counters.get("write")).toBe(1);
  });

  it("closes while a request hangs, ending the hung connection", async () => {
    const server = await listenEmulator(
      definitionThat((_request, response) => {
        response.end("ok");
      }),
    );
    server.faults.set({ hangRate: 1, operations: ["hang"] });
    const hung = fetch(`${server.url}/hang`).then(
      () => "answered",
      () => "connection ended",
    );
    // Wait until the request has reached the server, so close() really meets a hung request.
    while (server.counters.get("hang") === 0) await new Promise((resolve) => setImmediate(resolve));
    await server.close();
    expect(await hung).toBe("connection ended");
  });
});

describe("FaultController", () => {
  it("gives every 429 a Retry-After of 1 second unless told otherwise, and other statuses none", () => {
    const faults = new FaultController();
    faults.set({ failureRate: 1, failWith: 429 });
    expect(faults.decide("op")).toMatchObject({ kind: "fail", status: 429, retryAfterSeconds: 1 });
    faults.set({ failureRate: 1, failWith: 429, retryAfterSeconds: 9 });
    expect(faults.decide("op")).toMatchObject({ retryAfterSeconds: 9 });
    faults.set({ failureRate: 1, failWith: 503 });
    expect(faults.decide("op")).not.toHaveProperty("retryAfterSeconds");
  });

  it("refuses a rate outside [0, 1], naming it", () => {
    expect(() => new FaultController().set({ hangRate: 2 })).toThrow(/hangRate must be in \[0, 1\], got 2/);
  });
});
