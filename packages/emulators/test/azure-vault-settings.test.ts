import { describe, expect, it } from "vitest";
import { startAzureEmulator } from "../src/azure/index.js";
import { clientFor, fastPolling } from "./azure-client.js";
import { rejectionOf } from "./rejections.js";

const DAY_MS = 24 * 60 * 60 * 1000;

function innerCodeOf(error: Record<string, unknown>): unknown {
  return (error.details as { error?: { innerError?: { code?: string } } } | undefined)?.error?.innerError
    ?.code;
}

/** A frozen clock: only the emulator's advanceTime() moves it. */
const START = Date.parse("2030-06-01T12:00:00Z");
const frozenAt = (start: number) => () => start;

describe("Azure Key Vault emulator vault settings", () => {
  describe("purgeProtection", () => {
    it("refuses purges with 403 Forbidden and reports the Recoverable level", async () => {
      await using emulator = await startAzureEmulator({ purgeProtection: true });
      const client = clientFor(emulator);
      const secret = await client.setSecret("protected", "v");
      expect(secret.properties.recoveryLevel).toBe("Recoverable");
      await (await client.beginDeleteSecret("protected", fastPolling)).pollUntilDone();

      const error = await rejectionOf(client.purgeDeletedSecret("protected"));

      expect(error).toMatchObject({ statusCode: 403, code: "Forbidden" });
      expect(error.message).toContain('Operation "purge" is not allowed because purge protection is enabled');
      expect(emulator.secrets.deletedNames()).toEqual(["protected"]);
      const recovered = await (
        await client.beginRecoverDeletedSecret("protected", fastPolling)
      ).pollUntilDone();
      expect(recovered.name).toBe("protected");
    });
  });

  describe("softDeleteRetentionDays", () => {
    it("sets scheduledPurgeDate and recoverableDays, and the vault purges on its own when the date comes", async () => {
      await using emulator = await startAzureEmulator({ softDeleteRetentionDays: 7, now: frozenAt(START) });
      const client = clientFor(emulator);
      const secret = await client.setSecret("short-lived", "v");
      expect(secret.properties).toMatchObject({
        recoverableDays: 7,
        recoveryLevel: "CustomizedRecoverable+Purgeable",
        createdOn: new Date(START),
      });

      emulator.advanceTime(60_000);
      const deleted = await (await client.beginDeleteSecret("short-lived", fastPolling)).pollUntilDone();
      expect(deleted.deletedOn).toEqual(new Date(START + 60_000));
      expect(deleted.scheduledPurgeDate).toEqual(new Date(START + 60_000 + 7 * DAY_MS));

      emulator.advanceTime(7 * DAY_MS - 1000);
      expect((await client.getDeletedSecret("short-lived")).name).toBe("short-lived");
      emulator.advanceTime(1000);
      expect(await rejectionOf(client.getDeletedSecret("short-lived"))).toMatchObject({ statusCode: 404 });
      expect((await client.setSecret("short-lived", "again")).value).toBe("again");
    });

    it("refuses to move the clock backwards", async () => {
      await using emulator = await startAzureEmulator();
      expect(() => emulator.advanceTime(-1)).toThrow(RangeError);
    });

    it("refuses a retention outside 7-90 days", async () => {
      await expect(startAzureEmulator({ softDeleteRetentionDays: 6 })).rejects.toThrow(RangeError);
      await expect(startAzureEmulator({ softDeleteRetentionDays: 91 })).rejects.toThrow(RangeError);
    });
  });

  describe("softDelete: false", () => {
    it("deletes for good: no recovery id, the poller finishes without polling, the name is free at once", async () => {
      await using emulator = await startAzureEmulator({ softDelete: false });
      const client = clientFor(emulator);
      const secret = await client.setSecret("gone", "v");
      expect(secret.properties.recoveryLevel).toBe("Purgeable");
      expect(secret.properties.recoverableDays).toBeUndefined();

      const deleted = await (await client.beginDeleteSecret("gone", fastPolling)).pollUntilDone();

      expect(deleted.recoveryId).toBeUndefined();
      expect(emulator.counters.get("getDeletedSecret")).toBe(0);
      expect(emulator.secrets.deletedNames()).toEqual([]);
      expect((await client.setSecret("gone", "fresh")).value).toBe("fresh");
    });
  });

  describe("pollsUntilDone", () => {
    it("keeps a deleted secret invisible for that many status reads, so the delete poller really polls", async () => {
      await using emulator = await startAzureEmulator({ pollsUntilDone: 3 });
      const client = clientFor(emulator);
      emulator.secrets.set("slow-delete", "v");

      const poller = await client.beginDeleteSecret("slow-delete", fastPolling);
      // beginDeleteSecret sends the delete and one status read; the name is now being deleted.
      expect(poller.isDone()).toBe(false);
      const conflict = await rejectionOf(client.purgeDeletedSecret("slow-delete"));
      expect(conflict).toMatchObject({ statusCode: 409, code: "Conflict" });
      expect(innerCodeOf(conflict)).toBe("ObjectIsBeingDeleted");

      const deleted = await poller.pollUntilDone();

      expect(deleted.name).toBe("slow-delete");
      expect(emulator.counters.get("deleteSecret")).toBe(1);
      expect(emulator.counters.get("getDeletedSecret")).toBe(4);
    });

    it("keeps a recovered secret invisible for that many reads, so the recover poller really polls", async () => {
      await using emulator = await startAzureEmulator({ pollsUntilDone: 2 });
      const client = clientFor(emulator);
      emulator.secrets.set("slow-recover", "v");
      emulator.secrets.delete("slow-recover");

      const recovered = await (
        await client.beginRecoverDeletedSecret("slow-recover", fastPolling)
      ).pollUntilDone();

      expect(recovered.name).toBe("slow-recover");
      expect(emulator.counters.get("recoverDeletedSecret")).toBe(1);
      // One read before recovering (the secret is deleted), two that miss it while it comes back, one that finds it.
      expect(emulator.counters.get("getSecret")).toBe(4);
    });
  });

  describe("state helpers", () => {
    it("seed, read and remove secrets without HTTP, counters or auth", async () => {
      await using emulator = await startAzureEmulator();
      const seeded = emulator.secrets.set("seeded", "v1", {
        contentType: "application/json",
        tags: { a: "1" },
        enabled: false,
        expiresOn: new Date("2040-01-01T00:00:00Z"),
      });
      // seedSecret is secrets.set under the name the other emulators use.
      expect(emulator.seedSecret("seeded", "v2")).toMatchObject({ name: "seeded", value: "v2" });

      expect(seeded).toMatchObject({
        name: "seeded",
        value: "v1",
        enabled: false,
        contentType: "application/json",
      });
      expect(seeded.expiresOn).toEqual(new Date("2040-01-01T00:00:00Z"));
      expect(emulator.secrets.get("seeded")?.value).toBe("v2");
      expect(emulator.secrets.get("seeded", seeded.version)?.value).toBe("v1");
      expect(emulator.secrets.get("missing")).toBeUndefined();

      expect(emulator.counters.total).toBe(0);

      const listed = [];
      for await (const version of clientFor(emulator).listPropertiesOfSecretVersions("seeded"))
        listed.push(version);
      expect(listed.map((p) => [p.version, p.enabled, p.tags])).toEqual([
        [seeded.version, false, { a: "1" }],
        [emulator.secrets.get("seeded")?.version, true, undefined],
      ]);
    });

    it("delete soft-deletes, purge removes even under protection, clear empties everything", async () => {
      await using emulator = await startAzureEmulator({ purgeProtection: true });
      emulator.secrets.set("one", "v");
      emulator.secrets.set("two", "v");
      emulator.secrets.delete("one");

      expect(emulator.secrets.names()).toEqual(["two"]);
      expect(emulator.secrets.getDeleted("one")).toMatchObject({ name: "one", versions: 1 });
      emulator.secrets.purge("one");
      expect(emulator.secrets.deletedNames()).toEqual([]);

      emulator.secrets.set("three", "v");
      emulator.secrets.delete("three");
      emulator.secrets.clear();
      expect(emulator.secrets.names()).toEqual([]);
      expect(emulator.secrets.deletedNames()).toEqual([]);
    });

    it("refuse names the service would refuse", async () => {
      await using emulator = await startAzureEmulator();
      expect(() => emulator.secrets.set("no_underscores", "v")).toThrow(TypeError);
    });

    it("reset empties the vault, clears faults and counters", async () => {
      await using emulator = await startAzureEmulator();
      const client = clientFor(emulator);
      await client.setSecret("before-reset", "v");
      emulator.faults.set({ failureRate: 1 });

      emulator.reset();

      expect(emulator.counters.total).toBe(0);
      expect(emulator.faults.plan).toEqual({});
      expect(emulator.secrets.names()).toEqual([]);
      expect(await rejectionOf(client.getSecret("before-reset"))).toMatchObject({ statusCode: 404 });
    });
  });

  describe("instances", () => {
    it("keep separate state", async () => {
      await using first = await startAzureEmulator();
      await using second = await startAzureEmulator();
      await clientFor(first).setSecret("only-in-first", "v");

      expect(first.port).not.toBe(second.port);
      expect(second.secrets.names()).toEqual([]);
      expect(await rejectionOf(clientFor(second).getSecret("only-in-first"))).toMatchObject({
        statusCode: 404,
      });
    });
  });
});
