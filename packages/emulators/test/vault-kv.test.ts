import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startVaultEmulator, type VaultEmulator } from "../src/vault/index.js";
import { vaultClient, vaultFailure } from "./vault-test-helpers.js";

describe("Vault emulator KV v2", () => {
  let emulator: VaultEmulator;
  let vault: ReturnType<typeof vaultClient>;

  beforeEach(async () => {
    emulator = await startVaultEmulator();
    vault = vaultClient(emulator);
  });
  afterEach(() => emulator.close());

  describe("data", () => {
    it("writes a version and reads it back with its metadata", async () => {
      const written = await vault.write("secret/data/app/db", { data: { password: "s3cret", port: 5432 } });
      expect(written.data).toMatchObject({
        version: 1,
        deletion_time: "",
        destroyed: false,
        custom_metadata: null,
      });
      expect(written.data.created_time).toMatch(/^\d{4}-\d\d-\d\dT/);

      const read = await vault.read("secret/data/app/db");
      expect(read.data.data).toEqual({ password: "s3cret", port: 5432 });
      expect(read.data.metadata).toMatchObject({
        version: 1,
        deletion_time: "",
        destroyed: false,
        custom_metadata: null,
      });
      expect(read).toMatchObject({ lease_id: "", renewable: false, lease_duration: 0, mount_type: "kv" });
      expect(emulator.counters.get("kv.write")).toBe(1);
      expect(emulator.counters.get("kv.read")).toBe(1);
    });

    it("reads an older version with ?version=N", async () => {
      await vault.write("secret/data/app", { data: { v: "one" } });
      await vault.write("secret/data/app", { data: { v: "two" } });
      expect((await vault.read("secret/data/app")).data.data).toEqual({ v: "two" });
      const old = await vault.read("secret/data/app?version=1");
      expect(old.data.data).toEqual({ v: "one" });
      expect(old.data.metadata.version).toBe(1);
    });

    it("answers 404 with an empty error list for a missing secret or version", async () => {
      expect(await vaultFailure(vault.read("secret/data/nothing"))).toEqual({
        statusCode: 404,
        body: { errors: [] },
      });
      await vault.write("secret/data/one", { data: { a: "b" } });
      expect(await vaultFailure(vault.read("secret/data/one?version=7"))).toEqual({
        statusCode: 404,
        body: { errors: [] },
      });
    });

    it("accepts a write when options.cas matches and rejects it with 400 when it does not", async () => {
      await vault.write("secret/data/cas", { data: { a: "1" }, options: { cas: 0 } });
      await vault.write("secret/data/cas", { data: { a: "2" }, options: { cas: 1 } });
      const mismatch = await vaultFailure(
        vault.write("secret/data/cas", { data: { a: "3" }, options: { cas: 1 } }),
      );
      expect(mismatch).toEqual({
        statusCode: 400,
        body: { errors: ["check-and-set parameter did not match the current version"] },
      });
      const createOnly = await vaultFailure(
        vault.write("secret/data/cas", { data: { a: "3" }, options: { cas: 0 } }),
      );
      expect(createOnly.statusCode).toBe(400);
      expect(emulator.readSecret("cas")).toEqual({ a: "2" });
    });

    it("requires cas when the key's metadata sets cas_required", async () => {
      await vault.write("secret/metadata/guarded", { cas_required: true });
      const missing = await vaultFailure(vault.write("secret/data/guarded", { data: { a: "1" } }));
      expect(missing.body).toEqual({ errors: ["check-and-set parameter required for this call"] });
      await vault.write("secret/data/guarded", { data: { a: "1" }, options: { cas: 0 } });
      expect(emulator.readSecret("guarded")).toEqual({ a: "1" });
    });

    it("rejects a write without data with 400", async () => {
      expect(await vaultFailure(vault.write("secret/data/empty", {}))).toEqual({
        statusCode: 400,
        body: { errors: ["no data provided"] },
      });
    });

    it("merges a PATCH into a new version", async () => {
      await vault.write("secret/data/patched", { data: { a: "1", b: "2" } });
      const patched = await vault.update("secret/data/patched", { data: { b: null, c: "3" } });
      expect(patched.data.version).toBe(2);
      expect(emulator.readSecret("patched")).toEqual({ a: "1", c: "3" });
      expect(emulator.counters.get("kv.patch")).toBe(1);
    });

    it("keeps at most max_versions versions, dropping the oldest", async () => {
      await vault.write("secret/metadata/short", { max_versions: 2 });
      for (const v of ["1", "2", "3"]) await vault.write("secret/data/short", { data: { v } });
      const metadata = await vault.read("secret/metadata/short");
      expect(Object.keys(metadata.data.versions)).toEqual(["2", "3"]);
      expect(metadata.data).toMatchObject({ current_version: 3, oldest_version: 2, max_versions: 2 });
      expect(await vaultFailure(vault.read("secret/data/short?version=1"))).toEqual({
        statusCode: 404,
        body: { errors: [] },
      });
    });
  });

  describe("delete, undelete and destroy", () => {
    it("soft-deletes the latest version: a read is a 404 that still carries the version's metadata", async () => {
      await vault.write("secret/data/gone", { data: { a: "1" } });
      await vault.write("secret/data/gone", { data: { a: "2" } });
      await vault.delete("secret/data/gone");

      const failure = await vaultFailure(vault.read("secret/data/gone"));
      expect(failure.statusCode).toBe(404);
      expect(failure.body.data.data).toBeNull();
      expect(failure.body.data.metadata).toMatchObject({ version: 2, destroyed: false });
      expect(failure.body.data.metadata.deletion_time).not.toBe("");
      expect((await vault.read("secret/data/gone?version=1")).data.data).toEqual({ a: "1" });
      expect(emulator.counters.get("kv.delete")).toBe(1);
    });

    it("deletes chosen versions and undeletes them", async () => {
      for (const v of ["1", "2", "3"]) await vault.write("secret/data/multi", { data: { v } });
      await vault.write("secret/delete/multi", { versions: [1, 3] });
      expect((await vaultFailure(vault.read("secret/data/multi?version=1"))).statusCode).toBe(404);
      expect((await vaultFailure(vault.read("secret/data/multi"))).statusCode).toBe(404);
      expect((await vault.read("secret/data/multi?version=2")).data.data).toEqual({ v: "2" });

      await vault.write("secret/undelete/multi", { versions: [3] });
      expect((await vault.read("secret/data/multi")).data.data).toEqual({ v: "3" });
      expect(emulator.counters.get("kv.delete-versions")).toBe(1);
      expect(emulator.counters.get("kv.undelete")).toBe(1);
    });

    it("destroys versions for good: undelete cannot bring them back", async () => {
      await vault.write("secret/data/burn", { data: { a: "1" } });
      await vault.write("secret/destroy/burn", { versions: [1] });
      const failure = await vaultFailure(vault.read("secret/data/burn"));
      expect(failure.statusCode).toBe(404);
      expect(failure.body.data.metadata).toMatchObject({ version: 1, destroyed: true });
      await vault.write("secret/undelete/burn", { versions: [1] });
      expect((await vaultFailure(vault.read("secret/data/burn"))).statusCode).toBe(404);
      expect(emulator.counters.get("kv.destroy")).toBe(1);
    });

    it("destroys versions through node-vault's destroySecretVersions", async () => {
      await vault.write("secret/data/helper", { data: { a: "1" } });
      await vault.destroySecretVersions({ path: "helper", versions: [1] });
      const metadata = await vault.read("secret/metadata/helper");
      expect(metadata.data.versions["1"].destroyed).toBe(true);
    });

    it("rejects delete, undelete and destroy without versions with 400", async () => {
      await vault.write("secret/data/v", { data: { a: "1" } });
      for (const action of ["delete", "undelete", "destroy"])
        expect(await vaultFailure(vault.write(`secret/${action}/v`, {}))).toEqual({
          statusCode: 400,
          body: { errors: ["no version number provided"] },
        });
    });
  });

  describe("metadata", () => {
    it("reads metadata with every version's times and flags", async () => {
      await vault.write("secret/data/meta", { data: { a: "1" } });
      await vault.write("secret/data/meta", { data: { a: "2" } });
      await vault.delete("secret/data/meta");
      const metadata = await vault.read("secret/metadata/meta");
      expect(metadata.data).toMatchObject({
        cas_required: false,
        current_version: 2,
        oldest_version: 1,
        max_versions: 0,
        delete_version_after: "0s",
        custom_metadata: null,
      });
      expect(metadata.data.versions["1"]).toMatchObject({ deletion_time: "", destroyed: false });
      expect(metadata.data.versions["2"].deletion_time).not.toBe("");
      expect(emulator.counters.get("kv.metadata.read")).toBe(1);
    });

    it("writes custom_metadata that later reads and writes return", async () => {
      await vault.write("secret/metadata/tagged", {
        custom_metadata: { owner: "team-a", description: "db" },
      });
      const written = await vault.write("secret/data/tagged", { data: { a: "1" } });
      expect(written.data.custom_metadata).toEqual({ owner: "team-a", description: "db" });
      const read = await vault.read("secret/data/tagged");
      expect(read.data.metadata.custom_metadata).toEqual({ owner: "team-a", description: "db" });
      expect(emulator.counters.get("kv.metadata.write")).toBe(1);
    });

    it("rejects custom_metadata values that are not strings", async () => {
      const failure = await vaultFailure(vault.write("secret/metadata/bad", { custom_metadata: { n: 1 } }));
      expect(failure.statusCode).toBe(400);
    });

    it("lists keys and folders with LIST and with GET ?list=true", async () => {
      emulator.seedSecret("apps/web/token", { t: "1" });
      emulator.seedSecret("apps/api", { t: "2" });
      emulator.seedSecret("root-key", { t: "3" });

      expect((await vault.list("secret/metadata")).data.keys).toEqual(["apps/", "root-key"]);
      expect((await vault.list("secret/metadata/apps")).data.keys).toEqual(["api", "web/"]);
      const viaGet = await vault.read("secret/metadata/apps/?list=true");
      expect(viaGet.data.keys).toEqual(["api", "web/"]);
      const noVerbs = vaultClient(emulator, { noCustomHTTPVerbs: true });
      expect((await noVerbs.list("secret/metadata/apps/web")).data.keys).toEqual(["token"]);
      expect(emulator.counters.get("kv.metadata.list")).toBe(4);
    });

    it("answers 404 with an empty error list when there is nothing to list", async () => {
      expect(await vaultFailure(vault.list("secret/metadata/none"))).toEqual({
        statusCode: 404,
        body: { errors: [] },
      });
    });

    it("deletes metadata and every version", async () => {
      await vault.write("secret/data/all", { data: { a: "1" } });
      await vault.write("secret/data/all", { data: { a: "2" } });
      await vault.delete("secret/metadata/all");
      expect(await vaultFailure(vault.read("secret/metadata/all"))).toEqual({
        statusCode: 404,
        body: { errors: [] },
      });
      expect(await vaultFailure(vault.read("secret/data/all?version=1"))).toEqual({
        statusCode: 404,
        body: { errors: [] },
      });
      expect((await vault.write("secret/data/all", { data: { a: "3" } })).data.version).toBe(1);
      expect(emulator.counters.get("kv.metadata.delete")).toBe(1);
    });
  });

  describe("mounts", () => {
    it("lists the default secret/ mount as KV version 2", async () => {
      const mounts = await vault.mounts();
      expect(mounts.data["secret/"]).toMatchObject({ type: "kv", options: { version: "2" } });
      expect(mounts["secret/"]).toMatchObject({ type: "kv" });
      expect(emulator.counters.get("sys.mounts.list")).toBe(1);
    });

    it("enables a KV v2 mount through sys/mounts and keeps its secrets apart", async () => {
      await vault.mount({ mount_point: "team", type: "kv", options: { version: "2" } });
      await vault.write("team/data/shared", { data: { owner: "team" } });
      await vault.write("secret/data/shared", { data: { owner: "secret" } });
      expect((await vault.read("team/data/shared")).data.data).toEqual({ owner: "team" });
      expect(emulator.readSecret("shared", { mount: "team" })).toEqual({ owner: "team" });
      expect((await vault.mounts()).data["team/"]).toMatchObject({ type: "kv", options: { version: "2" } });
      expect(emulator.counters.get("sys.mounts.enable")).toBe(1);
    });

    it("rejects a KV version 1 mount and a path already in use with 400", async () => {
      expect((await vaultFailure(vault.mount({ mount_point: "old", type: "kv" }))).statusCode).toBe(400);
      const taken = await vaultFailure(
        vault.mount({ mount_point: "secret", type: "kv", options: { version: "2" } }),
      );
      expect(taken).toEqual({ statusCode: 400, body: { errors: ["path is already in use at secret/"] } });
    });

    it("unmounts a KV mount, after which its paths have no handler", async () => {
      await vault.mount({ mount_point: "temp", type: "kv-v2" });
      await vault.unmount({ mount_point: "temp" });
      const failure = await vaultFailure(vault.read("temp/data/x"));
      expect(failure).toEqual({
        statusCode: 404,
        body: { errors: ['no handler for route "temp/data/x". route entry not found.'] },
      });
    });

    it("keeps two emulators' state apart", async () => {
      await using other = await startVaultEmulator();
      emulator.seedSecret("only-here", { a: "1" });
      expect(other.readSecret("only-here")).toBeUndefined();
      expect(await vaultFailure(vaultClient(other).read("secret/data/only-here"))).toEqual({
        statusCode: 404,
        body: { errors: [] },
      });
    });
  });
});
