// Read paths compared in one run, so the figures are ratios against a baseline measured alongside them:
// - an asynchronous HTTP read over loopback (baseline) vs the same read made synchronous through SyncReadBridge;
// - a cached read through SecretResolver vs a direct read of the manager.
// The backend runs in a child process: a synchronous read blocks this thread (see SyncReadBridge).
import { fork } from "node:child_process";
import { once } from "node:events";
import { SecretResolver, silentLogger } from "@dheera-ai/secret-manager";
import { afterAll, test } from "vitest";
import { HttpSecretManager } from "../test/fixtures/http-secret-manager.mjs";

const backend = fork(new URL("../test/fixtures/secret-http-server.mjs", import.meta.url), {
  stdio: "ignore",
});
const [{ port }] = (await once(backend, "message")) as [{ port: number }];
const manager = new HttpSecretManager(`http://127.0.0.1:${port}`);
const resolver = new SecretResolver({ manager, env: {}, logger: silentLogger });
await resolver.get("OPENAI_API_KEY");
manager.syncReadSecret("OPENAI_API_KEY"); // start the worker before measuring

afterAll(async () => {
  await manager.close();
  backend.kill();
});

test("one loopback HTTP read: async baseline vs synchronous through SyncReadBridge", async ({ bench }) => {
  await bench.compare(
    bench("asyncReadSecret (baseline)", async () => {
      await manager.asyncReadSecret("OPENAI_API_KEY");
    }),
    bench("syncReadSecret through SyncReadBridge", () => {
      manager.syncReadSecret("OPENAI_API_KEY");
    }),
    { time: 1000 },
  );
});

test("a cached read vs an uncached backend read", async ({ bench }) => {
  await bench.compare(
    bench("asyncReadSecret, uncached (baseline)", async () => {
      await manager.asyncReadSecret("OPENAI_API_KEY");
    }),
    bench("SecretResolver.get, cached", async () => {
      await resolver.get("OPENAI_API_KEY");
    }),
    bench("SecretResolver.getSync, cached", () => {
      resolver.getSync("OPENAI_API_KEY");
    }),
    { time: 1000 },
  );
});
