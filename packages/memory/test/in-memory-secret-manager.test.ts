import { inspect } from "node:util";
import {
  AbortedError,
  CustomSecretManager,
  InvalidArgumentError,
  InvalidSecretNameError,
  SecretManagerError,
} from "@dheera-ai/secret-manager";
import { describe, expect, it } from "vitest";
import { createInMemorySecretManager, InMemorySecretManager } from "../src/index.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const START = Date.UTC(2025, 0, 1);

/** A manager on a clock the test moves by hand. */
function withClock(secrets: Record<string, string> = {}) {
  const clock = { now: START };
  const manager = new InMemorySecretManager({ secrets, now: () => clock.now });
  return { manager, clock };
}

async function rejectionOf(promise: Promise<unknown>): Promise<SecretManagerError> {
  const error = await promise.then(
    () => expect.fail("the call resolved"),
    (e: unknown) => e,
  );
  expect(SecretManagerError.isInstance(error)).toBe(true);
  return error as SecretManagerError;
}

describe("InMemorySecretManager", () => {
  describe("constructor", () => {
    it("is a CustomSecretManager named in_memory by default", () => {
      const manager = new InMemorySecretManager();
      expect(manager).toBeInstanceOf(CustomSecretManager);
      expect(CustomSecretManager.isInstance(manager)).toBe(true);
      expect(manager.secretManagerName).toBe("in_memory");
    });

    it("takes the name given", () => {
      expect(new InMemorySecretManager({ secretManagerName: "in_memory_secrets" }).secretManagerName).toBe(
        "in_memory_secrets",
      );
    });

    it("starts with the secrets of an object", async () => {
      const manager = new InMemorySecretManager({
        secrets: { OPENAI_API_KEY: "sk-1", ANTHROPIC_API_KEY: "sk-ant-2" },
      });
      await expect(manager.asyncReadSecret("OPENAI_API_KEY")).resolves.toBe("sk-1");
      await expect(manager.asyncReadSecret("ANTHROPIC_API_KEY")).resolves.toBe("sk-ant-2");
    });

    it("starts with the secrets of [name, value] pairs", () => {
      const manager = new InMemorySecretManager({
        secrets: new Map([
          ["A", "1"],
          ["B", "2"],
        ]),
      });
      expect(manager.syncReadSecret("A")).toBe("1");
      expect(manager.syncReadSecret("B")).toBe("2");
    });

    it("starts empty without secrets", () => {
      expect(new InMemorySecretManager().syncReadSecret("A")).toBeUndefined();
    });

    it("rejects an initial secret with an empty name, naming the manager and not the value", () => {
      let thrown: unknown;
      try {
        new InMemorySecretManager({ secretManagerName: "mem", secrets: { "": "sk-hidden-initial" } });
      } catch (error) {
        thrown = error;
      }
      expect(InvalidSecretNameError.isInstance(thrown)).toBe(true);
      expect((thrown as InvalidSecretNameError).backend).toBe("mem");
      expect(inspect(thrown)).not.toContain("sk-hidden-initial");
    });

    it("offers every operation of the contract", () => {
      expect(new InMemorySecretManager().capabilities).toEqual({
        read: true,
        syncRead: true,
        write: true,
        delete: true,
        describe: true,
        restore: true,
        batchRead: true,
      });
    });
  });

  describe("createInMemorySecretManager", () => {
    it("creates a manager with the options given", async () => {
      const manager = createInMemorySecretManager({ secretManagerName: "factory", secrets: { A: "1" } });
      expect(manager).toBeInstanceOf(InMemorySecretManager);
      expect(manager.secretManagerName).toBe("factory");
      await expect(manager.asyncReadSecret("A")).resolves.toBe("1");
    });

    it("works with no options", () => {
      expect(createInMemorySecretManager().secretManagerName).toBe("in_memory");
    });
  });

  describe("asyncReadSecret", () => {
    it("resolves to the value, or undefined for a missing secret", async () => {
      const { manager } = withClock({ A: "value-a" });
      await expect(manager.asyncReadSecret("A")).resolves.toBe("value-a");
      await expect(manager.asyncReadSecret("MISSING")).resolves.toBeUndefined();
    });

    it("rejects an empty name with an InvalidSecretNameError naming the manager", async () => {
      const { manager } = withClock();
      const error = await rejectionOf(manager.asyncReadSecret(""));
      expect(error).toBeInstanceOf(InvalidSecretNameError);
      expect(error.backend).toBe("in_memory");
    });

    it("rejects with an AbortedError when the caller's signal is aborted", async () => {
      const { manager } = withClock({ A: "1" });
      const reason = new Error("client went away");
      const error = await rejectionOf(manager.asyncReadSecret("A", { signal: AbortSignal.abort(reason) }));
      expect(error).toBeInstanceOf(AbortedError);
      expect(error.cause).toBe(reason);
      expect(error.secretName).toBe("A");
      expect(error.backend).toBe("in_memory");
    });

    it("rejects an invalid timeout with an InvalidArgumentError", async () => {
      const { manager } = withClock({ A: "1" });
      const error = await rejectionOf(manager.asyncReadSecret("A", { timeoutMs: -5 }));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.secretName).toBe("A");
    });

    it("answers within a generous timeout", async () => {
      const { manager } = withClock({ A: "1" });
      await expect(manager.asyncReadSecret("A", { timeoutMs: 60_000 })).resolves.toBe("1");
    });
  });

  describe("syncReadSecret", () => {
    it("returns the value, or undefined for a missing secret", () => {
      const { manager } = withClock({ A: "value-a" });
      expect(manager.syncReadSecret("A")).toBe("value-a");
      expect(manager.syncReadSecret("MISSING")).toBeUndefined();
    });

    it("throws an InvalidSecretNameError for an empty name", () => {
      const { manager } = withClock();
      expect(() => manager.syncReadSecret("")).toThrow(InvalidSecretNameError);
    });
  });

  describe("asyncBatchReadSecrets", () => {
    it("reads every name, undefined for the missing and the deleted", async () => {
      const { manager } = withClock({ A: "1", B: "2" });
      await manager.asyncDeleteSecret("B");
      const result = await manager.asyncBatchReadSecrets(["A", "B", "C"]);
      expect([...result]).toEqual([
        ["A", "1"],
        ["B", undefined],
        ["C", undefined],
      ]);
    });

    it("resolves to an empty map for no names", async () => {
      const { manager } = withClock({ A: "1" });
      expect((await manager.asyncBatchReadSecrets([])).size).toBe(0);
    });

    it("rejects when one of the names is invalid", async () => {
      const { manager } = withClock({ A: "1" });
      const error = await rejectionOf(manager.asyncBatchReadSecrets(["A", ""]));
      expect(error).toBeInstanceOf(InvalidSecretNameError);
      expect(error.backend).toBe("in_memory");
    });

    it("rejects with an AbortedError when the caller's signal is aborted", async () => {
      const { manager } = withClock({ A: "1" });
      const error = await rejectionOf(manager.asyncBatchReadSecrets(["A"], { signal: AbortSignal.abort() }));
      expect(error).toBeInstanceOf(AbortedError);
    });
  });

  describe("asyncWriteSecret", () => {
    it("creates a secret at version 1", async () => {
      const { manager } = withClock();
      await expect(manager.asyncWriteSecret("NEW", "v1")).resolves.toEqual({
        name: "NEW",
        created: true,
        versionId: "1",
      });
      await expect(manager.asyncReadSecret("NEW")).resolves.toBe("v1");
      expect(manager.syncReadSecret("NEW")).toBe("v1");
    });

    it("rejects a value that is not a string, naming the secret and keeping the old value", async () => {
      const { manager } = withClock({ A: "kept" });
      const error = await rejectionOf(manager.asyncWriteSecret("A", 42 as unknown as string));
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect(error.secretName).toBe("A");
      await expect(manager.asyncReadSecret("A")).resolves.toBe("kept");
      expect(
        () => new InMemorySecretManager({ secrets: { B: { nested: true } as unknown as string } }),
      ).toThrow(/a secret value must be a string, got object/);
    });

    it("gives an existing secret a new value and version", async () => {
      const { manager } = withClock({ A: "old" });
      await expect(manager.asyncWriteSecret("A", "new")).resolves.toEqual({
        name: "A",
        created: false,
        versionId: "2",
      });
      await expect(manager.asyncReadSecret("A")).resolves.toBe("new");
    });

    it("keeps description and tags, readable through asyncDescribeSecret", async () => {
      const { manager, clock } = withClock();
      await manager.asyncWriteSecret("dheera_ai/key-1", "sk-virtual", {
        description: "Dheera AI virtual key",
        tags: { Environment: "Production", Team: "AI" },
      });
      clock.now += 1000;
      await expect(manager.asyncDescribeSecret("dheera_ai/key-1")).resolves.toEqual({
        name: "dheera_ai/key-1",
        description: "Dheera AI virtual key",
        tags: { Environment: "Production", Team: "AI" },
        createdAt: new Date(START),
        updatedAt: new Date(START),
      });
    });

    it("keeps description and tags over a write that gives none, and replaces them when given", async () => {
      const { manager, clock } = withClock();
      await manager.asyncWriteSecret("A", "1", { description: "first", tags: { team: "ai" } });
      clock.now += 5000;
      await manager.asyncWriteSecret("A", "2");
      let metadata = await manager.asyncDescribeSecret("A");
      expect(metadata?.description).toBe("first");
      expect(metadata?.tags).toEqual({ team: "ai" });
      expect(metadata?.createdAt).toEqual(new Date(START));
      expect(metadata?.updatedAt).toEqual(new Date(START + 5000));

      await manager.asyncWriteSecret("A", "3", { description: "second", tags: { team: "platform" } });
      metadata = await manager.asyncDescribeSecret("A");
      expect(metadata?.description).toBe("second");
      expect(metadata?.tags).toEqual({ team: "platform" });
    });

    it("stores a copy of the tags, not the caller's object", async () => {
      const { manager } = withClock();
      const tags: Record<string, string> = { team: "ai" };
      await manager.asyncWriteSecret("A", "1", { tags });
      tags.team = "changed";
      tags.extra = "added";
      expect((await manager.asyncDescribeSecret("A"))?.tags).toEqual({ team: "ai" });

      await manager.asyncWriteSecret("A", "2", { tags });
      tags.team = "changed again";
      expect((await manager.asyncDescribeSecret("A"))?.tags).toEqual({ team: "changed", extra: "added" });
    });

    it("creates the secret anew over a pending deletion", async () => {
      const { manager } = withClock();
      await manager.asyncWriteSecret("A", "old", { description: "old description", tags: { old: "yes" } });
      await manager.asyncDeleteSecret("A");
      const result = await manager.asyncWriteSecret("A", "new");
      expect(result.created).toBe(true);
      expect(result.versionId).toBe("2");
      await expect(manager.asyncReadSecret("A")).resolves.toBe("new");
      // The new secret is live, so there is nothing left to restore, and the old metadata is gone with the old one.
      await expect(manager.asyncRestoreSecret("A")).resolves.toEqual({ name: "A", restored: false });
      const metadata = await manager.asyncDescribeSecret("A");
      expect(metadata?.description).toBeUndefined();
      expect(metadata?.tags).toBeUndefined();
    });

    it("rejects an empty name without putting the value in the error", async () => {
      const { manager } = withClock();
      const error = await rejectionOf(manager.asyncWriteSecret("", "sk-never-shown"));
      expect(error).toBeInstanceOf(InvalidSecretNameError);
      expect(`${error.message} ${error.stack} ${inspect(error)}`).not.toContain("sk-never-shown");
    });

    it("rejects with an AbortedError and writes nothing when the caller's signal is aborted", async () => {
      const { manager } = withClock();
      const aborted = await rejectionOf(manager.asyncWriteSecret("A", "1", { signal: AbortSignal.abort() }));
      expect(aborted).toBeInstanceOf(AbortedError);
      await expect(manager.asyncReadSecret("A")).resolves.toBeUndefined();
      expect(aborted.secretName).toBe("A");
    });
  });

  describe("asyncDeleteSecret", () => {
    it("keeps the secret restorable for 7 days by default", async () => {
      const { manager } = withClock({ A: "1" });
      await expect(manager.asyncDeleteSecret("A")).resolves.toEqual({
        name: "A",
        deleted: true,
        recoverableUntil: new Date(START + 7 * DAY_MS),
      });
      await expect(manager.asyncReadSecret("A")).resolves.toBeUndefined();
      expect(manager.syncReadSecret("A")).toBeUndefined();
      await expect(manager.asyncDescribeSecret("A")).resolves.toBeUndefined();
    });

    it("keeps the secret restorable within the window, with its metadata", async () => {
      const { manager, clock } = withClock();
      await manager.asyncWriteSecret("A", "1", { description: "kept", tags: { t: "v" } });
      await manager.asyncDeleteSecret("A", { recoveryWindowInDays: 3 });
      clock.now = START + 3 * DAY_MS - 1;
      await expect(manager.asyncRestoreSecret("A")).resolves.toEqual({ name: "A", restored: true });
      await expect(manager.asyncReadSecret("A")).resolves.toBe("1");
      const metadata = await manager.asyncDescribeSecret("A");
      expect(metadata?.description).toBe("kept");
      expect(metadata?.tags).toEqual({ t: "v" });
    });

    it("lets the secret go for good once the window has passed", async () => {
      const { manager, clock } = withClock({ A: "1" });
      await manager.asyncDeleteSecret("A", { recoveryWindowInDays: 3 });
      clock.now = START + 3 * DAY_MS;
      await expect(manager.asyncRestoreSecret("A")).resolves.toEqual({ name: "A", restored: false });
      await expect(manager.asyncReadSecret("A")).resolves.toBeUndefined();
      await expect(manager.asyncDeleteSecret("A")).resolves.toEqual({ name: "A", deleted: false });
    });

    it("removes the secret at once with a window of 0", async () => {
      const { manager } = withClock({ A: "1" });
      const result = await manager.asyncDeleteSecret("A", { recoveryWindowInDays: 0 });
      expect(result).toEqual({ name: "A", deleted: true });
      expect(result.recoverableUntil).toBeUndefined();
      await expect(manager.asyncRestoreSecret("A")).resolves.toEqual({ name: "A", restored: false });
      await expect(manager.asyncReadSecret("A")).resolves.toBeUndefined();
    });

    it("purges a pending deletion with a window of 0", async () => {
      const { manager } = withClock({ A: "1" });
      await manager.asyncDeleteSecret("A");
      await expect(manager.asyncDeleteSecret("A", { recoveryWindowInDays: 0 })).resolves.toEqual({
        name: "A",
        deleted: true,
      });
      await expect(manager.asyncRestoreSecret("A")).resolves.toEqual({ name: "A", restored: false });
    });

    it("reports deleted: false for a missing secret, which is not an error", async () => {
      const { manager } = withClock();
      await expect(manager.asyncDeleteSecret("MISSING")).resolves.toEqual({
        name: "MISSING",
        deleted: false,
      });
      await expect(manager.asyncDeleteSecret("MISSING", { recoveryWindowInDays: 0 })).resolves.toEqual({
        name: "MISSING",
        deleted: false,
      });
    });

    it("reports deleted: false for a secret already pending deletion and keeps its first window", async () => {
      const { manager, clock } = withClock({ A: "1" });
      await manager.asyncDeleteSecret("A", { recoveryWindowInDays: 1 });
      clock.now += DAY_MS / 2;
      await expect(manager.asyncDeleteSecret("A", { recoveryWindowInDays: 30 })).resolves.toEqual({
        name: "A",
        deleted: false,
      });
      clock.now = START + DAY_MS;
      await expect(manager.asyncRestoreSecret("A")).resolves.toEqual({ name: "A", restored: false });
    });

    it.each([
      ["negative", -1],
      ["fractional", 1.5],
      ["NaN", Number.NaN],
      ["infinite", Number.POSITIVE_INFINITY],
    ])("rejects a %s window with an InvalidArgumentError and keeps the secret", async (_label, days) => {
      const { manager } = withClock({ A: "sk-keep-me" });
      const error = await rejectionOf(manager.asyncDeleteSecret("A", { recoveryWindowInDays: days }));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.code).toBe("INVALID_ARGUMENT");
      expect(error.backend).toBe("in_memory");
      expect(error.secretName).toBe("A");
      expect(error.message).toContain("recoveryWindowInDays");
      expect(error.message).not.toContain("sk-keep-me");
      await expect(manager.asyncReadSecret("A")).resolves.toBe("sk-keep-me");
    });

    it("rejects an empty name", async () => {
      const { manager } = withClock();
      expect(await rejectionOf(manager.asyncDeleteSecret(""))).toBeInstanceOf(InvalidSecretNameError);
    });
  });

  describe("asyncRestoreSecret", () => {
    it("reports restored: false for a missing secret and for a live one", async () => {
      const { manager } = withClock({ A: "1" });
      await expect(manager.asyncRestoreSecret("MISSING")).resolves.toEqual({
        name: "MISSING",
        restored: false,
      });
      await expect(manager.asyncRestoreSecret("A")).resolves.toEqual({ name: "A", restored: false });
      await expect(manager.asyncReadSecret("A")).resolves.toBe("1");
    });

    it("makes a restored secret deletable again with a fresh window", async () => {
      const { manager, clock } = withClock({ A: "1" });
      await manager.asyncDeleteSecret("A", { recoveryWindowInDays: 1 });
      await manager.asyncRestoreSecret("A");
      clock.now = START + 2 * DAY_MS;
      await expect(manager.asyncReadSecret("A")).resolves.toBe("1");
      const result = await manager.asyncDeleteSecret("A", { recoveryWindowInDays: 1 });
      expect(result.recoverableUntil).toEqual(new Date(START + 3 * DAY_MS));
    });

    it("rejects an empty name", async () => {
      const { manager } = withClock();
      expect(await rejectionOf(manager.asyncRestoreSecret(""))).toBeInstanceOf(InvalidSecretNameError);
    });
  });

  describe("asyncDescribeSecret", () => {
    it("describes an initial secret with no description or tags", async () => {
      const { manager } = withClock({ A: "1" });
      await expect(manager.asyncDescribeSecret("A")).resolves.toEqual({
        name: "A",
        description: undefined,
        tags: undefined,
        createdAt: new Date(START),
        updatedAt: new Date(START),
      });
    });

    it("resolves to undefined for a missing secret", async () => {
      const { manager } = withClock();
      await expect(manager.asyncDescribeSecret("MISSING")).resolves.toBeUndefined();
    });

    it("returns copies: changing the result does not change the store", async () => {
      const { manager } = withClock();
      await manager.asyncWriteSecret("A", "1", { tags: { team: "ai" } });
      const first = await manager.asyncDescribeSecret("A");
      (first?.tags as Record<string, string>).team = "mutated";
      expect((await manager.asyncDescribeSecret("A"))?.tags).toEqual({ team: "ai" });
    });

    it("never includes the value", async () => {
      const { manager } = withClock();
      await manager.asyncWriteSecret("A", "sk-value-not-metadata", { description: "d" });
      expect(JSON.stringify(await manager.asyncDescribeSecret("A"))).not.toContain("sk-value-not-metadata");
    });
  });

  describe("secret values", () => {
    it("never show in util.inspect, JSON or string forms of the manager", async () => {
      const manager = new InMemorySecretManager({ secrets: { A: "sk-initial-hidden" } });
      await manager.asyncWriteSecret("B", "sk-written-hidden", { description: "desc" });
      await manager.asyncWriteSecret("C", "sk-deleted-hidden");
      await manager.asyncDeleteSecret("C");
      const forms = [
        inspect(manager),
        inspect(manager, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
        JSON.stringify(manager),
        String(manager),
      ].join("\n");
      for (const value of ["sk-initial-hidden", "sk-written-hidden", "sk-deleted-hidden"]) {
        expect(forms).not.toContain(value);
      }
      expect(forms).toContain("in_memory");
    });
  });
});
