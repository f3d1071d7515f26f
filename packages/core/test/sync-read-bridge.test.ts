// These tests import the built package: the bridge's worker thread loads compiled files.
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import {
  loadProxyConfig,
  SecretManagerTimeoutError,
  SecretResolver,
  SyncReadBridge,
  silentLogger,
  UnavailableError,
} from "@dheera-ai/secret-manager";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpSecretManager } from "./fixtures/http-secret-manager.mjs";
import { configFolder } from "./helpers/config-folder.js";

let backend: ChildProcess;
let baseUrl: string;

beforeAll(async () => {
  backend = fork(new URL("./fixtures/secret-http-server.mjs", import.meta.url), { stdio: "ignore" });
  const [message] = (await once(backend, "message")) as [{ port: number }];
  baseUrl = `http://127.0.0.1:${message.port}`;
});

afterAll(() => {
  backend.kill();
});

async function backendHits(): Promise<number> {
  return ((await (await fetch(`${baseUrl}/stats`)).json()) as { hits: number }).hits;
}

describe("SyncReadBridge", () => {
  it("reads an uncached name synchronously from a manager whose only I/O is asynchronous", async () => {
    const manager = new HttpSecretManager(baseUrl);
    try {
      expect(manager.syncReadSecret("OPENAI_API_KEY")).toBe("sk-from-http-backend");
      expect(manager.syncReadSecret("path/with spaces")).toBe("awkward-value");
      expect(manager.syncReadSecret("MISSING")).toBeUndefined();
    } finally {
      await manager.close();
    }
  });

  it("rethrows the manager's typed error on the calling thread", async () => {
    const manager = new HttpSecretManager(baseUrl);
    try {
      let caught: unknown;
      try {
        manager.syncReadSecret("BROKEN");
      } catch (error) {
        caught = error;
      }
      expect(UnavailableError.isInstance(caught)).toBe(true);
      expect(caught).toBeInstanceOf(UnavailableError);
      expect((caught as UnavailableError).message).toBe(
        'backend answered 503 (backend "http_fixture", secret "BROKEN")',
      );
      expect((caught as UnavailableError).isRetryable).toBe(true);
    } finally {
      await manager.close();
    }
  });

  it("gives up after its timeout, and later reads still get their own answers", async () => {
    const bridge = new SyncReadBridge(
      {
        moduleUrl: new URL("./fixtures/http-secret-manager.mjs", import.meta.url).href,
        exportName: "HttpSecretManager",
        args: [baseUrl],
      },
      { backend: "http_fixture" },
    );
    try {
      let caught: unknown;
      try {
        bridge.read("NEVER_ANSWERS", { timeoutMs: 200 });
      } catch (error) {
        caught = error;
      }
      expect(SecretManagerTimeoutError.isInstance(caught)).toBe(true);
      expect((caught as SecretManagerTimeoutError).timeoutMs).toBe(200);
      expect(bridge.read("OPENAI_API_KEY")).toBe("sk-from-http-backend");
    } finally {
      await bridge.close();
    }
  });

  it("drops the late reply to a read that timed out instead of handing it to the next read", async () => {
    const manager = new HttpSecretManager(baseUrl);
    try {
      expect(() => manager.syncReadSecret("HELD", { timeoutMs: 200 })).toThrow(/timed out/);
      // The backend answers HELD first, then RELEASE: the first reply the bridge sees is not this read's.
      expect(manager.syncReadSecret("RELEASE")).toBe("release-value");
    } finally {
      await manager.close();
    }
  });

  it("SecretResolver.getSync blocks on the worker for an uncached name and serves the cache after", async () => {
    const manager = new HttpSecretManager(baseUrl);
    try {
      const resolver = new SecretResolver({ manager, env: {}, logger: silentLogger });
      const before = await backendHits();
      expect(resolver.getSync("OPENAI_API_KEY")).toBe("sk-from-http-backend");
      expect(resolver.getSync("OPENAI_API_KEY")).toBe("sk-from-http-backend");
      expect(await backendHits()).toBe(before + 1);
    } finally {
      await manager.close();
    }
  });

  it("works for a TypeScript manager next to a config (the worker loads it the way the config loader does)", async () => {
    const managerTs = `import { CustomSecretManager, SyncReadBridge } from "@dheera-ai/secret-manager";
import { setTimeout as sleep } from "node:timers/promises";
export class SlowManager extends CustomSecretManager {
  #bridge: SyncReadBridge | undefined;
  async asyncReadSecret(name: string): Promise<string | undefined> {
    await sleep(10);
    return name === "A" ? "value-after-async-io" : undefined;
  }
  syncReadSecret(name: string): string | undefined {
    this.#bridge ??= new SyncReadBridge({ moduleUrl: import.meta.url, exportName: "SlowManager", kind: "file" });
    return this.#bridge.read(name);
  }
}
`;
    const dir = await configFolder({
      "slow.ts": managerTs,
      "config.yaml":
        "general_settings:\n  key_management_system: custom\n  key_management_settings:\n    custom_secret_manager: slow.SlowManager\n",
    });
    const loaded = await loadProxyConfig(join(dir, "config.yaml"), { env: {}, logger: silentLogger });
    expect(loaded.resolver.getSync("A")).toBe("value-after-async-io");
    expect(loaded.resolver.getSync("B")).toBeUndefined();
  });
});
