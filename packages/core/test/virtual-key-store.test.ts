import { describe, expect, it } from "vitest";
import {
  CustomSecretManager,
  type DeleteSecretOptions,
  SecretResolver,
  storedVirtualKeyName,
  UnavailableError,
  VirtualKeyStore,
  type VirtualKeyStoreSettings,
  type WriteSecretOptions,
} from "../src/index.js";
import { recordingLogger } from "./helpers/config-folder.js";
import { MapSecretManager } from "./helpers/map-secret-manager.js";

const WRITING: VirtualKeyStoreSettings = { storeVirtualKeys: true, accessMode: "read_and_write" };

function storeWith(
  settings: VirtualKeyStoreSettings = WRITING,
  manager: CustomSecretManager = new MapSecretManager(),
) {
  const log = recordingLogger();
  const resolver = new SecretResolver({ manager, env: {}, logger: log.logger });
  return { store: new VirtualKeyStore(resolver, settings, log.logger), manager, resolver, log };
}

/** A memory manager whose writes and/or deletes fail, to see that failures are reported, not swallowed. */
class FlakyManager extends MapSecretManager {
  failWrites = false;
  failDeletes = false;
  corruptWrites = false;
  override async asyncWriteSecret(name: string, value: string, options?: WriteSecretOptions) {
    if (this.failWrites)
      throw new UnavailableError("write failed upstream", { backend: "flaky", secretName: name });
    return super.asyncWriteSecret(name, this.corruptWrites ? `${value}-corrupted` : value, options);
  }
  override async asyncDeleteSecret(name: string, options?: DeleteSecretOptions) {
    if (this.failDeletes)
      throw new UnavailableError("delete failed upstream", { backend: "flaky", secretName: name });
    return super.asyncDeleteSecret(name, options);
  }
}

/** A memory manager that records the recovery window of each delete. */
class RecordingDeletes extends MapSecretManager {
  readonly windows: (number | undefined)[] = [];
  override async asyncDeleteSecret(name: string, options: DeleteSecretOptions = {}) {
    this.windows.push(options.recoveryWindowInDays);
    return super.asyncDeleteSecret(name, options);
  }
}

describe("storedVirtualKeyName", () => {
  it.each([
    [{ tokenId: "t1", alias: "team-a" }, "dheera_ai/", "dheera_ai/team-a"],
    [{ tokenId: "t1" }, "dheera_ai/", "dheera_ai/virtual-key-t1"],
    [{ tokenId: "t1", alias: "team-a" }, "keys", "keys/team-a"],
    [{ tokenId: "t1", alias: "team-a" }, "", "team-a"],
    [{ tokenId: "t1" }, "", "virtual-key-t1"],
  ])("%j with prefix %j is %j", (key, prefix, expected) => {
    expect(storedVirtualKeyName(key, prefix)).toBe(expected);
  });
});

describe("VirtualKeyStore", () => {
  it("stores a new key under prefix + alias, with the description and tags of the settings", async () => {
    const { store, manager } = storeWith({
      ...WRITING,
      description: "Dheera AI virtual key",
      tags: { Team: "AI" },
    });
    const outcome = await store.store({ tokenId: "t1", alias: "team-a", key: "sk-virtual-1" });
    expect(outcome).toEqual({ stored: true, secretName: "dheera_ai/team-a", action: "written" });
    expect(await manager.asyncReadSecret("dheera_ai/team-a")).toBe("sk-virtual-1");
    expect(await manager.asyncDescribeSecret("dheera_ai/team-a")).toMatchObject({
      description: "Dheera AI virtual key",
      tags: { Team: "AI" },
    });
  });

  it.each([
    ["store_virtual_keys is off", { storeVirtualKeys: false, accessMode: "read_and_write" }, "disabled"],
    ["access_mode read_only", { storeVirtualKeys: true, accessMode: "read_only" }, "access_mode"],
  ] as const)("writes nothing when %s", async (_, settings, reason) => {
    const { store, manager } = storeWith(settings);
    const outcome = await store.store({ tokenId: "t1", alias: "a", key: "sk-1" });
    expect(outcome).toMatchObject({ stored: false, reason });
    expect(await manager.asyncReadSecret("dheera_ai/a")).toBeUndefined();
  });

  it("writes under write_only", async () => {
    const { store } = storeWith({ storeVirtualKeys: true, accessMode: "write_only" });
    expect(await store.store({ tokenId: "t1", alias: "a", key: "sk-1" })).toMatchObject({ stored: true });
  });

  it("reports a manager without writes as unsupported", async () => {
    class ReadOnly extends CustomSecretManager {
      override async asyncReadSecret() {
        return undefined;
      }
      override syncReadSecret() {
        return undefined;
      }
    }
    const { store } = storeWith(WRITING, new ReadOnly({ secretManagerName: "read_only_backend" }));
    const outcome = await store.store({ tokenId: "t1", key: "sk-1" });
    expect(outcome).toMatchObject({ stored: false, reason: "unsupported" });
    expect(outcome.stored === false && outcome.message).toContain("read_only_backend");
  });

  it("deletes the secret of a deleted key, with or without an alias, recoverable for the configured window", async () => {
    const { store, manager } = storeWith({ ...WRITING, recoveryWindowInDays: 7 });
    await store.store({ tokenId: "t1", alias: "a", key: "sk-1" });
    await store.store({ tokenId: "t2", key: "sk-2" });
    expect(await store.delete({ tokenId: "t1", alias: "a" })).toMatchObject({
      stored: true,
      action: "deleted",
    });
    expect(await store.delete({ tokenId: "t2" })).toMatchObject({
      stored: true,
      secretName: "dheera_ai/virtual-key-t2",
    });
    expect(await manager.asyncReadSecret("dheera_ai/a")).toBeUndefined();
    expect(await manager.asyncReadSecret("dheera_ai/virtual-key-t2")).toBeUndefined();
    // Recoverable, not gone: the window was 7 days.
    expect(await manager.asyncRestoreSecret("dheera_ai/a")).toEqual({ name: "dheera_ai/a", restored: true });
  });

  it("deletes with a recovery window of 7 days by default, or the configured one", async () => {
    const byDefault = new RecordingDeletes({ "dheera_ai/a": "sk-1" });
    await storeWith(WRITING, byDefault).store.delete({ tokenId: "t1", alias: "a" });
    expect(byDefault.windows).toEqual([7]);
    const configured = new RecordingDeletes({ "dheera_ai/a": "sk-1" });
    await storeWith({ ...WRITING, recoveryWindowInDays: 0 }, configured).store.delete({
      tokenId: "t1",
      alias: "a",
    });
    expect(configured.windows).toEqual([0]);
  });

  describe.each([
    ["store_virtual_keys is off", { storeVirtualKeys: false, accessMode: "read_and_write" }, "disabled"],
    ["access_mode is read_only", { storeVirtualKeys: true, accessMode: "read_only" }, "access_mode"],
  ] as const)("when %s", (_, settings, reason) => {
    const existing = { "dheera_ai/old": "sk-old", "dheera_ai/virtual-key-t1": "sk-t1" };

    it("delete leaves the secret alone", async () => {
      const manager = new MapSecretManager(existing);
      const outcome = await storeWith(settings, manager).store.delete({ tokenId: "t1", alias: "old" });
      expect(outcome).toMatchObject({ stored: false, reason });
      expect(await manager.asyncReadSecret("dheera_ai/old")).toBe("sk-old");
    });

    it("rename neither writes the new name nor deletes the old one", async () => {
      const manager = new MapSecretManager(existing);
      const { store } = storeWith(settings, manager);
      const outcome = await store.rename({ tokenId: "t1", alias: "new", key: "sk-old" }, "old");
      expect(outcome).toMatchObject({ stored: false, reason });
      expect(await manager.asyncReadSecret("dheera_ai/old")).toBe("sk-old");
      expect(await manager.asyncReadSecret("dheera_ai/new")).toBeUndefined();
    });

    it("rotate neither writes the new name nor deletes the old one", async () => {
      const manager = new MapSecretManager(existing);
      const { store } = storeWith(settings, manager);
      const outcome = await store.rotate({ tokenId: "t1" }, { tokenId: "t2", key: "sk-t2" });
      expect(outcome).toMatchObject({ stored: false, reason });
      expect(await manager.asyncReadSecret("dheera_ai/virtual-key-t1")).toBe("sk-t1");
      expect(await manager.asyncReadSecret("dheera_ai/virtual-key-t2")).toBeUndefined();
    });
  });

  it("rename with an unchanged alias rewrites the secret in place and deletes nothing", async () => {
    const manager = new RecordingDeletes();
    const { store } = storeWith(WRITING, manager);
    await store.store({ tokenId: "t1", alias: "a", key: "sk-1" });
    const outcome = await store.rename({ tokenId: "t1", alias: "a", key: "sk-1" }, "a");
    expect(outcome).toMatchObject({ stored: true, secretName: "dheera_ai/a" });
    expect(await manager.asyncReadSecret("dheera_ai/a")).toBe("sk-1");
    expect(manager.windows).toEqual([]);
  });

  it("moves the secret when the alias changes: the new name is written, then the old one deleted", async () => {
    const { store, manager } = storeWith();
    await store.store({ tokenId: "t1", alias: "old", key: "sk-1" });
    const outcome = await store.rename({ tokenId: "t1", alias: "new", key: "sk-1" }, "old");
    expect(outcome).toEqual({
      stored: true,
      secretName: "dheera_ai/new",
      action: "moved",
      previousName: "dheera_ai/old",
    });
    expect(await manager.asyncReadSecret("dheera_ai/new")).toBe("sk-1");
    expect(await manager.asyncReadSecret("dheera_ai/old")).toBeUndefined();
  });

  it("keeps the old secret when writing the new name fails", async () => {
    const manager = new FlakyManager();
    const { store, log } = storeWith(WRITING, manager);
    await store.store({ tokenId: "t1", alias: "old", key: "sk-secret-1" });
    manager.failWrites = true;
    const outcome = await store.rename({ tokenId: "t1", alias: "new", key: "sk-secret-1" }, "old");
    expect(outcome).toMatchObject({ stored: false, reason: "failed", secretName: "dheera_ai/new" });
    expect(await manager.asyncReadSecret("dheera_ai/old")).toBe("sk-secret-1");
    expect(log.warnings[0]?.message).toContain("dheera_ai/new");
    expect(log.text()).not.toContain("sk-secret-1");
  });

  it("regenerated with the same name: the value is replaced in place", async () => {
    const { store, manager } = storeWith();
    await store.store({ tokenId: "t1", alias: "a", key: "sk-old" });
    const outcome = await store.rotate(
      { tokenId: "t1", alias: "a" },
      { tokenId: "t2", alias: "a", key: "sk-new" },
    );
    expect(outcome).toEqual({ stored: true, secretName: "dheera_ai/a", action: "replaced" });
    expect(await manager.asyncReadSecret("dheera_ai/a")).toBe("sk-new");
  });

  it("regenerated with a new name: written, read back, then the old one deleted", async () => {
    const { store, manager } = storeWith();
    await store.store({ tokenId: "t1", key: "sk-old" });
    const outcome = await store.rotate({ tokenId: "t1" }, { tokenId: "t2", key: "sk-new" });
    expect(outcome).toEqual({
      stored: true,
      secretName: "dheera_ai/virtual-key-t2",
      action: "moved",
      previousName: "dheera_ai/virtual-key-t1",
    });
    expect(await manager.asyncReadSecret("dheera_ai/virtual-key-t2")).toBe("sk-new");
    expect(await manager.asyncReadSecret("dheera_ai/virtual-key-t1")).toBeUndefined();
  });

  it("keeps the old secret when the new one does not read back", async () => {
    const manager = new FlakyManager();
    const { store } = storeWith(WRITING, manager);
    await store.store({ tokenId: "t1", key: "sk-old" });
    manager.corruptWrites = true;
    const outcome = await store.rotate({ tokenId: "t1" }, { tokenId: "t2", key: "sk-new" });
    expect(outcome).toMatchObject({ stored: false, reason: "verification_failed" });
    expect(await manager.asyncReadSecret("dheera_ai/virtual-key-t1")).toBe("sk-old");
  });

  it("reports a failed delete instead of swallowing it", async () => {
    const manager = new FlakyManager();
    const { store } = storeWith(WRITING, manager);
    await store.store({ tokenId: "t1", alias: "a", key: "sk-1" });
    manager.failDeletes = true;
    const outcome = await store.delete({ tokenId: "t1", alias: "a" });
    expect(outcome).toMatchObject({ stored: false, reason: "failed" });
    expect(outcome.stored === false && UnavailableError.isInstance(outcome.error)).toBe(true);
  });

  it("writes go through the resolver's cache", async () => {
    const { store, resolver } = storeWith();
    await store.store({ tokenId: "t1", alias: "a", key: "sk-1" });
    expect(resolver.cache.peek("dheera_ai/a")).toBe("sk-1");
    await store.delete({ tokenId: "t1", alias: "a" });
    expect(resolver.cache.peek("dheera_ai/a")).toBeUndefined();
  });
});
