import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  loadProxyConfig,
  type ReadSecretOptions,
  SecretResolver,
  silentLogger,
  UnavailableError,
} from "../src/index.js";
import { configFolder, recordingLogger } from "./helpers/config-folder.js";
import { BatchCountingManager, CountingManager } from "./helpers/counting-manager.js";
import { MapSecretManager } from "./helpers/map-secret-manager.js";

describe("SecretResolver", () => {
  describe("order: manager, then environment", () => {
    it("reads the manager first", async () => {
      const manager = new CountingManager({ A: "from-manager" });
      const resolver = new SecretResolver({ manager, env: { A: "from-env" }, logger: silentLogger });
      expect(await resolver.resolve("A")).toEqual({
        status: "resolved",
        value: "from-manager",
        source: "manager",
      });
    });

    it("falls back to the environment when the manager does not have the name", async () => {
      const resolver = new SecretResolver({ manager: new CountingManager(), env: { A: "from-env" } });
      expect(await resolver.resolve("A")).toEqual({
        status: "resolved",
        value: "from-env",
        source: "environment",
      });
    });

    it("reads only the environment without a manager", async () => {
      const resolver = new SecretResolver({ env: { A: "from-env" } });
      expect(await resolver.get("A")).toBe("from-env");
      expect(await resolver.resolve("B")).toEqual({ status: "missing" });
    });

    it("write_only reads nothing from the manager", async () => {
      const manager = new CountingManager({ A: "from-manager" });
      const resolver = new SecretResolver({ manager, accessMode: "write_only", env: { A: "from-env" } });
      expect(await resolver.get("A")).toBe("from-env");
      expect(manager.reads).toBe(0);
    });

    it("read_and_write reads from the manager", async () => {
      const manager = new CountingManager({ A: "from-manager" });
      const resolver = new SecretResolver({ manager, accessMode: "read_and_write", env: {} });
      expect(await resolver.get("A")).toBe("from-manager");
    });

    it("hosted_keys: only those names go to the manager", async () => {
      const manager = new CountingManager({ A: "m-a", B: "m-b" });
      const resolver = new SecretResolver({ manager, hostedKeys: ["A"], env: { B: "env-b" } });
      expect(await resolver.get("A")).toBe("m-a");
      expect(await resolver.get("B")).toBe("env-b");
      expect(manager.reads).toBe(1);
    });

    it("a manager failure falls back to the environment with a warning that names the failure, not the value", async () => {
      const manager = new CountingManager({ A: "m" });
      manager.failWith = new UnavailableError("503 from backend", { backend: "counting", secretName: "A" });
      const log = recordingLogger();
      const resolver = new SecretResolver({ manager, env: { A: "env-secret-value" }, logger: log.logger });
      expect(await resolver.get("A")).toBe("env-secret-value");
      expect(log.warnings).toHaveLength(1);
      expect(log.warnings[0]?.message).toContain('"A"');
      expect(String(log.warnings[0]?.fields?.error)).toContain("503 from backend");
      expect(log.text()).not.toContain("env-secret-value");
    });

    it("passes a 10-second timeout to each manager read by default", async () => {
      const timeouts: (number | undefined)[] = [];
      class Timed extends CountingManager {
        override async asyncReadSecret(name: string, options?: ReadSecretOptions) {
          timeouts.push(options?.timeoutMs);
          return super.asyncReadSecret(name, options);
        }
      }
      const resolver = new SecretResolver({ manager: new Timed({ A: "v" }), env: {} });
      await resolver.get("A");
      expect(timeouts).toEqual([10_000]);
    });

    it("a manager failure with nothing in the environment is an error", async () => {
      const manager = new CountingManager();
      manager.failWith = new UnavailableError("down", { backend: "counting" });
      const resolver = new SecretResolver({ manager, env: {}, logger: silentLogger });
      await expect(resolver.get("A")).rejects.toBe(manager.failWith);
      expect(await resolver.resolve("A")).toEqual({ status: "failed", error: manager.failWith });
    });
  });

  describe("caching", () => {
    it("1,000 concurrent reads of one uncached name make exactly one backend call", async () => {
      const manager = new CountingManager({ A: "v" }, { delayMs: 5 });
      const resolver = new SecretResolver({ manager, env: {} });
      const values = await Promise.all(Array.from({ length: 1000 }, () => resolver.get("A")));
      expect(values.every((value) => value === "v")).toBe(true);
      expect(manager.reads).toBe(1);
    });

    it("a write through the resolver updates the cache; a delete drops it", async () => {
      const manager = new MapSecretManager({ A: "v1" });
      const resolver = new SecretResolver({ manager, env: {} });
      expect(await resolver.get("A")).toBe("v1");
      await resolver.write("A", "v2");
      expect(resolver.cache.peek("A")).toBe("v2");
      expect(await resolver.get("A")).toBe("v2");
      await resolver.delete("A", { recoveryWindowInDays: 0 });
      expect(resolver.cache.peek("A")).toBeUndefined();
      expect(await resolver.get("A")).toBeUndefined();
    });

    it("getSync returns a cached value without touching the manager", async () => {
      const manager = new CountingManager({ A: "v" });
      const resolver = new SecretResolver({ manager, env: {} });
      await resolver.get("A");
      expect(resolver.getSync("A")).toBe("v");
      expect(manager.reads).toBe(1);
    });

    it("getSync falls back to the environment when syncReadSecret fails, and throws when it cannot", () => {
      const manager = new CountingManager({ A: "m" });
      manager.failWith = new UnavailableError("503 from backend", { backend: "counting", secretName: "A" });
      const log = recordingLogger();
      const resolver = new SecretResolver({ manager, env: { A: "env-secret-value" }, logger: log.logger });
      expect(resolver.getSync("A")).toBe("env-secret-value");
      expect(log.warnings[0]?.message).toContain('"A"');
      expect(log.text()).not.toContain("env-secret-value");
      expect(() => resolver.getSync("B")).toThrow(manager.failWith);
    });

    it("getSync under write_only or outside hosted_keys reads only the environment", () => {
      const manager = new CountingManager({ A: "from-manager", B: "from-manager" });
      const writeOnly = new SecretResolver({ manager, accessMode: "write_only", env: { A: "env-a" } });
      expect(writeOnly.getSync("A")).toBe("env-a");
      const hosted = new SecretResolver({ manager, hostedKeys: ["A"], env: { B: "env-b" } });
      expect(hosted.getSync("B")).toBe("env-b");
      expect(manager.reads).toBe(0);
    });

    it("getSync reads an uncached name through the manager's syncReadSecret and caches it", () => {
      const manager = new CountingManager({ A: "v" });
      const resolver = new SecretResolver({ manager, env: { B: "env-b" } });
      expect(resolver.getSync("A")).toBe("v");
      expect(resolver.getSync("A")).toBe("v");
      expect(resolver.getSync("B")).toBe("env-b");
      expect(manager.reads).toBe(2);
    });
  });

  describe("resolveMany (start-up)", () => {
    const names = Array.from({ length: 200 }, (_, i) => `SECRET_${i}`);
    const secrets = Object.fromEntries(names.map((name) => [name, `value-${name}`]));

    it("overlaps reads, never more than the concurrency bound", async () => {
      const manager = new CountingManager(secrets, { delayMs: 20 });
      const resolver = new SecretResolver({ manager, env: {}, concurrency: 16 });
      const outcomes = await resolver.resolveMany(names);
      expect([...outcomes.values()].every((outcome) => outcome.status === "resolved")).toBe(true);
      expect(manager.reads).toBe(200);
      expect(manager.maxInFlight).toBeGreaterThan(1);
      expect(manager.maxInFlight).toBeLessThanOrEqual(16);
    });

    it("uses batch calls when the manager reads in batches", async () => {
      const manager = new BatchCountingManager(secrets, { delayMs: 20 });
      const resolver = new SecretResolver({ manager, env: {}, batchSize: 50 });
      const outcomes = await resolver.resolveMany([...names, "NOT_THERE"]);
      expect(manager.batchCalls).toBe(5);
      expect(manager.batchSizes).toEqual([50, 50, 50, 50, 1]);
      expect(manager.reads).toBe(0);
      expect(manager.maxInFlight).toBeGreaterThan(1);
      expect(outcomes.get("SECRET_7")).toEqual({
        status: "resolved",
        value: "value-SECRET_7",
        source: "manager",
      });
      expect(outcomes.get("NOT_THERE")).toEqual({ status: "missing" });
      // The batch filled the cache: a later read does not call the backend.
      expect(await resolver.get("SECRET_7")).toBe("value-SECRET_7");
      expect(manager.batchCalls + manager.reads).toBe(5);
    });

    it("batch reads honour hosted_keys: other names read the environment", async () => {
      const manager = new BatchCountingManager({ A: "m-a", B: "m-b", C: "m-c" });
      const resolver = new SecretResolver({ manager, hostedKeys: ["A", "C"], env: { B: "env-b" } });
      const outcomes = await resolver.resolveMany(["A", "B", "C"]);
      expect(manager.batchSizes).toEqual([2]);
      expect(outcomes.get("A")).toEqual({ status: "resolved", value: "m-a", source: "manager" });
      expect(outcomes.get("B")).toEqual({ status: "resolved", value: "env-b", source: "environment" });
    });

    it("batch reads skip names already fresh in the cache", async () => {
      const manager = new BatchCountingManager({ A: "m-a", B: "m-b", C: "m-c" });
      const resolver = new SecretResolver({ manager, env: {} });
      await resolver.get("A");
      await resolver.resolveMany(["A", "B", "C"]);
      expect(manager.reads).toBe(1);
      expect(manager.batchSizes).toEqual([2]);
    });

    it("a name the batch reports as failed falls back to the environment, or fails when it cannot", async () => {
      class PartlyFailing extends CountingManager {
        override async asyncBatchReadSecrets(names: readonly string[]) {
          return new Map<string, string | undefined | UnavailableError>(
            names.map((name) => [
              name,
              name === "A"
                ? this.secrets.get(name)
                : new UnavailableError("503 for one name", { backend: "counting", secretName: name }),
            ]),
          );
        }
      }
      const log = recordingLogger();
      const resolver = new SecretResolver({
        manager: new PartlyFailing({ A: "m-a", B: "m-b", C: "m-c" }),
        env: { B: "env-b" },
        logger: log.logger,
      });
      const outcomes = await resolver.resolveMany(["A", "B", "C"]);
      expect(outcomes.get("A")).toMatchObject({ status: "resolved", source: "manager" });
      expect(outcomes.get("B")).toEqual({ status: "resolved", value: "env-b", source: "environment" });
      expect(outcomes.get("C")).toMatchObject({ status: "failed" });
      expect(UnavailableError.isInstance((outcomes.get("C") as { error: unknown }).error)).toBe(true);
      expect(log.warnings.map((warning) => warning.message)).toContainEqual(expect.stringContaining('"B"'));
    });

    it("a failed batch call falls back to the environment for each name it holds", async () => {
      class BatchDown extends CountingManager {
        override async asyncBatchReadSecrets(): Promise<Map<string, string | undefined>> {
          throw new UnavailableError("batch endpoint down", { backend: "counting" });
        }
      }
      const resolver = new SecretResolver({
        manager: new BatchDown({ A: "m-a", B: "m-b" }),
        env: { A: "env-a" },
        logger: silentLogger,
      });
      const outcomes = await resolver.resolveMany(["A", "B"]);
      expect(outcomes.get("A")).toEqual({ status: "resolved", value: "env-a", source: "environment" });
      expect(outcomes.get("B")).toMatchObject({ status: "failed" });
    });

    const slowManagerFile = (
      withBatch: boolean,
    ) => `import { CustomSecretManager } from "@dheera-ai/secret-manager";
import { setTimeout as sleep } from "node:timers/promises";
export class Slow extends CustomSecretManager {
  reads = 0; batchCalls = 0; inFlight = 0; maxInFlight = 0;
  async track<T>(work: () => T): Promise<T> {
    this.inFlight++; this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try { await sleep(20); return work(); } finally { this.inFlight--; }
  }
  async asyncReadSecret(name: string) { this.reads++; return this.track(() => "v-" + name); }
  syncReadSecret(name: string) { return "v-" + name; }
  ${
    withBatch
      ? `async asyncBatchReadSecrets(names: readonly string[]) {
    this.batchCalls++; return this.track(() => new Map(names.map((n) => [n, "v-" + n])));
  }`
      : ""
  }
}
`;
    const slowConfig = `general_settings:
  key_management_system: custom
  key_management_settings:
    custom_secret_manager: slow.Slow
model_list:
${names.map((name) => `  - api_key: os.environ/${name}`).join("\n")}
`;
    type SlowStats = { reads: number; batchCalls: number; maxInFlight: number };

    it.each([
      ["one read per name", false],
      ["batch reads", true],
    ])(
      "loadProxyConfig resolves 200 references at start-up with overlapping calls (%s)",
      async (_, withBatch) => {
        const dir = await configFolder({ "slow.ts": slowManagerFile(withBatch), "config.yaml": slowConfig });
        const loaded = await loadProxyConfig(join(dir, "config.yaml"), {
          env: {},
          logger: silentLogger,
          concurrency: 8,
        });
        const list = loaded.config.model_list as { api_key: string }[];
        expect(list.map((entry) => entry.api_key)).toEqual(names.map((name) => `v-${name}`));
        expect(loaded.references).toHaveLength(200);
        const stats = loaded.manager as unknown as SlowStats;
        if (withBatch) {
          expect(stats.reads).toBe(0);
          expect(stats.batchCalls).toBe(2);
        } else {
          expect(stats.reads).toBe(200);
          expect(stats.maxInFlight).toBeGreaterThan(1);
          expect(stats.maxInFlight).toBeLessThanOrEqual(8);
        }
      },
    );
  });

  it("write without a manager is a configuration error", async () => {
    const resolver = new SecretResolver({ env: {} });
    await expect(resolver.write("A", "v")).rejects.toSatisfy((e) => ConfigurationError.isInstance(e));
  });
});
