import { SecretClient, type SecretProperties } from "@azure/keyvault-secrets";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AzureEmulator, startAzureEmulator } from "../src/azure/index.js";
import { clientFor, fastPolling, rawRequest } from "./azure-client.js";

const DAY_MS = 24 * 60 * 60 * 1000;

async function rejectionOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error("expected the call to fail");
  return error as unknown as Record<string, unknown>;
}

function innerCodeOf(error: Record<string, unknown>): unknown {
  return (error.details as { error?: { innerError?: { code?: string } } } | undefined)?.error?.innerError
    ?.code;
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const page of pages) all.push([...page]);
  return all;
}

describe("Azure Key Vault emulator with @azure/keyvault-secrets", () => {
  let emulator: AzureEmulator;
  beforeAll(async () => {
    emulator = await startAzureEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  describe("setSecret", () => {
    it("stores the value, content type, tags and attributes and answers them", async () => {
      const notBefore = new Date("2030-01-01T00:00:00Z");
      const expiresOn = new Date("2031-01-01T00:00:00Z");
      const secret = await clientFor(emulator).setSecret("db-password", "hunter2", {
        contentType: "text/plain",
        tags: { team: "core", env: "test" },
        enabled: true,
        notBefore,
        expiresOn,
      });

      expect(secret.value).toBe("hunter2");
      expect(secret.properties).toMatchObject({
        name: "db-password",
        contentType: "text/plain",
        tags: { team: "core", env: "test" },
        enabled: true,
        notBefore,
        expiresOn,
        recoveryLevel: "Recoverable+Purgeable",
        recoverableDays: 90,
        vaultUrl: emulator.vaultUrl,
      });
      expect(secret.properties.id).toBe(
        `${emulator.vaultUrl}/secrets/db-password/${secret.properties.version}`,
      );
      expect(secret.properties.version).toMatch(/^[0-9a-f]{32}$/);
      expect(emulator.secrets.get("db-password")).toMatchObject({
        value: "hunter2",
        contentType: "text/plain",
        version: secret.properties.version,
      });
    });

    it("adds a new version on each set and answers the newest as latest", async () => {
      const client = clientFor(emulator);
      const first = await client.setSecret("api-key", "one");
      const second = await client.setSecret("api-key", "two");

      expect(second.properties.version).not.toBe(first.properties.version);
      expect((await client.getSecret("api-key")).value).toBe("two");
      expect(emulator.secrets.versions("api-key").map((v) => v.value)).toEqual(["one", "two"]);
    });

    it("treats names case-insensitively, keeping the first spelling", async () => {
      const client = clientFor(emulator);
      await client.setSecret("MixedCase", "v1");
      await client.setSecret("mixedcase", "v2");

      const secret = await client.getSecret("MIXEDCASE");
      expect(secret.value).toBe("v2");
      expect(secret.name).toBe("MixedCase");
      expect(emulator.secrets.names()).toEqual(["MixedCase"]);
    });

    it("rejects a name outside [0-9a-zA-Z-]{1,127} with 400 BadParameter", async () => {
      const client = clientFor(emulator);
      for (const name of ["under_score", "dot.ted", "a".repeat(128)]) {
        const error = await rejectionOf(client.setSecret(name, "value"));
        expect(error).toMatchObject({ statusCode: 400, code: "BadParameter" });
        expect(error.message).toBe(`The request URI contains an invalid name: ${name}`);
      }
      expect(emulator.secrets.names()).toEqual([]);
      await expect(client.setSecret("a".repeat(127), "value")).resolves.toMatchObject({ value: "value" });
    });
  });

  describe("getSecret", () => {
    it("answers a given version", async () => {
      const client = clientFor(emulator);
      const first = await client.setSecret("rotating", "old");
      await client.setSecret("rotating", "new");

      const secret = await client.getSecret("rotating", { version: first.properties.version ?? "" });
      expect(secret.value).toBe("old");
      expect(secret.properties.version).toBe(first.properties.version);
    });

    it("answers 404 SecretNotFound for a missing name or version", async () => {
      const client = clientFor(emulator);
      await client.setSecret("present", "v");

      expect(await rejectionOf(client.getSecret("absent"))).toMatchObject({
        statusCode: 404,
        code: "SecretNotFound",
      });
      expect(
        await rejectionOf(client.getSecret("present", { version: "0123456789abcdef0123456789abcdef" })),
      ).toMatchObject({ statusCode: 404, code: "SecretNotFound" });
    });

    it("answers 403 Forbidden with SecretDisabled for a disabled version", async () => {
      const client = clientFor(emulator);
      await client.setSecret("switched-off", "v", { enabled: false });

      const error = await rejectionOf(client.getSecret("switched-off"));
      expect(error).toMatchObject({ statusCode: 403, code: "Forbidden" });
      expect(innerCodeOf(error)).toBe("SecretDisabled");
    });
  });

  describe("listPropertiesOfSecrets", () => {
    it("pages by maxresults with nextLink, in name order, without values", async () => {
      for (const name of ["g", "c", "a", "e", "b", "f", "d"])
        emulator.secrets.set(`s-${name}`, `value-${name}`);
      emulator.counters.reset();

      const pages = await collect(clientFor(emulator).listPropertiesOfSecrets().byPage({ maxPageSize: 3 }));

      expect(pages.map((page) => page.map((p) => p.name))).toEqual([
        ["s-a", "s-b", "s-c"],
        ["s-d", "s-e", "s-f"],
        ["s-g"],
      ]);
      expect(
        pages.flat().every((p) => (p as SecretProperties & { value?: string }).value === undefined),
      ).toBe(true);
      expect(pages[0]?.[0]?.id).toBe(`${emulator.vaultUrl}/secrets/s-a`);
      expect(emulator.counters.get("listSecrets")).toBe(3);
    });

    it("answers one page of up to 25 when maxresults is absent", async () => {
      for (let i = 0; i < 30; i++) emulator.secrets.set(`bulk-${String(i).padStart(2, "0")}`, "v");
      emulator.counters.reset();

      const pages = await collect(clientFor(emulator).listPropertiesOfSecrets().byPage());

      expect(pages.map((page) => page.length)).toEqual([25, 5]);
      expect(emulator.counters.get("listSecrets")).toBe(2);
    });

    it("rejects maxresults above 25 with 400 BadParameter", async () => {
      const pages = clientFor(emulator).listPropertiesOfSecrets().byPage({ maxPageSize: 26 });
      expect(await rejectionOf(pages.next())).toMatchObject({ statusCode: 400, code: "BadParameter" });
    });
  });

  describe("listPropertiesOfSecretVersions", () => {
    it("pages every version of one secret, oldest first", async () => {
      const versions = ["v1", "v2", "v3", "v4"].map(
        (value) => emulator.secrets.set("versioned", value).version,
      );
      emulator.secrets.set("other", "x");

      const pages = await collect(
        clientFor(emulator).listPropertiesOfSecretVersions("versioned").byPage({ maxPageSize: 3 }),
      );

      expect(pages.map((page) => page.map((p) => p.version))).toEqual([
        versions.slice(0, 3),
        versions.slice(3),
      ]);
      expect(pages.flat().every((p) => p.name === "versioned")).toBe(true);
      expect(emulator.counters.get("listSecretVersions")).toBe(2);
    });
  });

  describe("updateSecretProperties", () => {
    it("changes only the given fields of one version and answers without the value", async () => {
      const client = clientFor(emulator);
      const first = await client.setSecret("tagged", "v1", { contentType: "text/plain", tags: { a: "1" } });
      await client.setSecret("tagged", "v2");

      const updated = await client.updateSecretProperties("tagged", first.properties.version ?? "", {
        tags: { b: "2" },
        enabled: false,
      });

      expect(updated).toMatchObject({ version: first.properties.version, tags: { b: "2" }, enabled: false });
      expect(updated.contentType).toBe("text/plain");
      expect((updated as SecretProperties & { value?: string }).value).toBeUndefined();
      const stored = emulator.secrets.get("tagged", first.properties.version);
      expect(stored).toMatchObject({
        value: "v1",
        tags: { b: "2" },
        enabled: false,
        contentType: "text/plain",
      });
      expect(emulator.secrets.get("tagged")).toMatchObject({ value: "v2", enabled: true });
      expect(emulator.counters.get("updateSecret")).toBe(1);
    });
  });

  describe("beginDeleteSecret", () => {
    it("soft-deletes: answers recoveryId and dates, then the name reads as not found and cannot be reused", async () => {
      const client = clientFor(emulator);
      await client.setSecret("to-delete", "v");

      const poller = await client.beginDeleteSecret("to-delete", fastPolling);
      const deleted = await poller.pollUntilDone();

      expect(deleted.recoveryId).toBe(`${emulator.vaultUrl}/deletedsecrets/to-delete`);
      expect(deleted.deletedOn).toBeInstanceOf(Date);
      expect(deleted.scheduledPurgeDate?.getTime()).toBe((deleted.deletedOn?.getTime() ?? 0) + 90 * DAY_MS);
      expect(deleted.value).toBeUndefined();
      expect(emulator.counters.get("deleteSecret")).toBe(1);
      expect(emulator.counters.get("getDeletedSecret")).toBe(1);

      expect(await rejectionOf(client.getSecret("to-delete"))).toMatchObject({
        statusCode: 404,
        code: "SecretNotFound",
      });
      const conflict = await rejectionOf(client.setSecret("to-delete", "again"));
      expect(conflict).toMatchObject({ statusCode: 409, code: "Conflict" });
      expect(innerCodeOf(conflict)).toBe("ObjectIsDeletedButRecoverable");
      expect(emulator.secrets.deletedNames()).toEqual(["to-delete"]);
    });

    it("answers 404 SecretNotFound for a missing secret", async () => {
      const error = await rejectionOf(clientFor(emulator).beginDeleteSecret("never-was", fastPolling));
      expect(error).toMatchObject({ statusCode: 404, code: "SecretNotFound" });
    });
  });

  describe("getDeletedSecret and listDeletedSecrets", () => {
    it("answer deleted secrets with their recovery data, paged", async () => {
      for (const name of ["d-1", "d-2", "d-3"]) {
        emulator.secrets.set(name, "v", { tags: { name } });
        emulator.secrets.delete(name);
      }
      emulator.secrets.set("alive", "v");
      const client = clientFor(emulator);

      const one = await client.getDeletedSecret("d-2");
      expect(one).toMatchObject({ name: "d-2", recoveryId: `${emulator.vaultUrl}/deletedsecrets/d-2` });
      expect(one.properties.tags).toEqual({ name: "d-2" });

      const pages = await collect(client.listDeletedSecrets().byPage({ maxPageSize: 2 }));
      expect(pages.map((page) => page.map((d) => d.name))).toEqual([["d-1", "d-2"], ["d-3"]]);
      expect(pages.flat().every((d) => d.scheduledPurgeDate instanceof Date)).toBe(true);
      expect(emulator.counters.get("listDeletedSecrets")).toBe(2);

      expect(await rejectionOf(client.getDeletedSecret("alive"))).toMatchObject({
        statusCode: 404,
        code: "SecretNotFound",
        message: "Deleted Secret not found: alive",
      });
    });
  });

  describe("purgeDeletedSecret", () => {
    it("removes a deleted secret for good (204) so the name can be reused", async () => {
      const client = clientFor(emulator);
      emulator.secrets.set("purge-me", "old");
      emulator.secrets.delete("purge-me");

      await expect(client.purgeDeletedSecret("purge-me")).resolves.toBeUndefined();

      expect(emulator.secrets.getDeleted("purge-me")).toBeUndefined();
      expect(await rejectionOf(client.getDeletedSecret("purge-me"))).toMatchObject({ statusCode: 404 });
      expect((await client.setSecret("purge-me", "new")).value).toBe("new");
      expect(emulator.secrets.versions("purge-me")).toHaveLength(1);
    });

    it("answers 404 for a name that is not deleted", async () => {
      expect(await rejectionOf(clientFor(emulator).purgeDeletedSecret("nothing"))).toMatchObject({
        statusCode: 404,
        code: "SecretNotFound",
      });
    });
  });

  describe("beginRecoverDeletedSecret", () => {
    it("brings a deleted secret back with all its versions", async () => {
      const client = clientFor(emulator);
      emulator.secrets.set("comeback", "v1");
      const latest = emulator.secrets.set("comeback", "v2");
      emulator.secrets.delete("comeback");

      const poller = await client.beginRecoverDeletedSecret("comeback", fastPolling);
      const recovered = await poller.pollUntilDone();

      expect(recovered).toMatchObject({ name: "comeback", version: latest.version });
      expect((await client.getSecret("comeback")).value).toBe("v2");
      expect(emulator.secrets.versions("comeback").map((v) => v.value)).toEqual(["v1", "v2"]);
      expect(emulator.secrets.deletedNames()).toEqual([]);
      expect(emulator.counters.get("recoverDeletedSecret")).toBe(1);
    });

    it("answers 409 Conflict when the secret exists and 404 when nothing is deleted", async () => {
      const client = clientFor(emulator);
      emulator.secrets.set("active", "v");

      // The SDK's poller reads the secret first and never sends a recover for one that exists, so this is raw.
      const exists = await rawRequest(emulator, "POST", "/deletedsecrets/active/recover?api-version=7.5");
      expect(exists.status).toBe(409);
      expect(exists.body).toMatchObject({ error: { code: "Conflict" } });
      const missing = await rejectionOf(client.beginRecoverDeletedSecret("missing", fastPolling));
      expect(missing).toMatchObject({ statusCode: 404, code: "SecretNotFound" });
      expect(emulator.counters.get("recoverDeletedSecret")).toBe(2);
    });
  });

  describe("api-version", () => {
    it("serves an older service version the SDK can be pinned to", async () => {
      const client = clientFor(emulator, { serviceVersion: "7.5" });
      await client.setSecret("pinned", "v");
      expect((await client.getSecret("pinned")).value).toBe("v");
    });

    it("rejects an unknown version with 400 BadParameter", async () => {
      const client = clientFor(emulator, { serviceVersion: "1999-01-01" as "7.5" });
      const error = await rejectionOf(client.getSecret("any"));
      expect(error).toMatchObject({ statusCode: 400, code: "BadParameter" });
      expect(error.message).toContain("The specified version (1999-01-01) is not recognized");
    });
  });

  describe("secret ids", () => {
    it("are built from the host the request came to", async () => {
      const viaLocalhost = `https://localhost:${emulator.port}`;
      const client = new SecretClient(viaLocalhost, emulator.credential, {
        ...emulator.clientOptions,
        retryOptions: { maxRetries: 0 },
      });

      const secret = await client.setSecret("by-host", "v");
      expect(secret.properties.id).toBe(`${viaLocalhost}/secrets/by-host/${secret.properties.version}`);
      expect(secret.properties.vaultUrl).toBe(viaLocalhost);
    });
  });
});
