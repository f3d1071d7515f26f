import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  CustomSecretManager,
  type DeleteSecretOptions,
  type DeleteSecretResult,
  NotSupportedError,
  type OptionalOperation,
  SecretManagerError,
  type WriteSecretOptions,
  type WriteSecretResult,
} from "../src/index.js";

// The seed's example, written as the TypeScript twin of its Python class: the two reads and nothing else.
class InMemorySecretManager extends CustomSecretManager {
  readonly #secrets = new Map<string, string>([
    ["OPENAI_API_KEY", "sk-seed-openai"],
    ["ANTHROPIC_API_KEY", "sk-ant-seed"],
  ]);

  constructor() {
    super({ secretManagerName: "in_memory_secrets" });
  }

  override async asyncReadSecret(secretName: string): Promise<string | undefined> {
    return this.#secrets.get(secretName);
  }

  override syncReadSecret(secretName: string): string | undefined {
    return this.#secrets.get(secretName);
  }
}

// A manager with no name of its own, to see the default.
class UnnamedManager extends CustomSecretManager {
  override async asyncReadSecret(): Promise<string | undefined> {
    return undefined;
  }
  override syncReadSecret(): string | undefined {
    return undefined;
  }
}

// A partial manager: it writes and deletes, but cannot describe, restore or batch-read.
class WritableManager extends InMemorySecretManager {
  readonly written: string[] = [];

  override async asyncWriteSecret(
    secretName: string,
    _secretValue: string,
    _options?: WriteSecretOptions,
  ): Promise<WriteSecretResult> {
    this.written.push(secretName);
    return { name: secretName, created: true };
  }

  override async asyncDeleteSecret(
    secretName: string,
    _options?: DeleteSecretOptions,
  ): Promise<DeleteSecretResult> {
    return { name: secretName, deleted: true };
  }
}

// Implements writes but, in this configuration, cannot offer them (say, a read-only credential).
class ReadOnlyCredentialManager extends WritableManager {
  override supports(operation: OptionalOperation): boolean {
    return operation === "asyncWriteSecret" ? false : super.supports(operation);
  }
}

const optionalCalls: Array<{
  operation: OptionalOperation;
  call: (manager: CustomSecretManager) => Promise<unknown>;
  secretName: string | undefined;
}> = [
  {
    operation: "asyncWriteSecret",
    call: (m) => m.asyncWriteSecret("NEW_KEY", "sk-never-in-an-error", { description: "d" }),
    secretName: "NEW_KEY",
  },
  {
    operation: "asyncDeleteSecret",
    call: (m) => m.asyncDeleteSecret("OPENAI_API_KEY", { recoveryWindowInDays: 7 }),
    secretName: "OPENAI_API_KEY",
  },
  {
    operation: "asyncDescribeSecret",
    call: (m) => m.asyncDescribeSecret("OPENAI_API_KEY"),
    secretName: "OPENAI_API_KEY",
  },
  {
    operation: "asyncRestoreSecret",
    call: (m) => m.asyncRestoreSecret("OPENAI_API_KEY"),
    secretName: "OPENAI_API_KEY",
  },
  {
    operation: "asyncBatchReadSecrets",
    call: (m) => m.asyncBatchReadSecrets(["OPENAI_API_KEY", "ANTHROPIC_API_KEY"]),
    secretName: undefined,
  },
];

describe("CustomSecretManager", () => {
  describe("constructor", () => {
    it("uses the name the subclass gives", () => {
      expect(new InMemorySecretManager().secretManagerName).toBe("in_memory_secrets");
    });

    it("defaults the name to custom_secret_manager", () => {
      expect(new UnnamedManager().secretManagerName).toBe("custom_secret_manager");
    });
  });

  describe("the seed's example", () => {
    it("reads a secret asynchronously and synchronously", async () => {
      const manager = new InMemorySecretManager();
      await expect(manager.asyncReadSecret("OPENAI_API_KEY")).resolves.toBe("sk-seed-openai");
      expect(manager.syncReadSecret("ANTHROPIC_API_KEY")).toBe("sk-ant-seed");
    });

    it("reads a missing secret as undefined", async () => {
      const manager = new InMemorySecretManager();
      await expect(manager.asyncReadSecret("MISSING")).resolves.toBeUndefined();
      expect(manager.syncReadSecret("MISSING")).toBeUndefined();
    });
  });

  describe.each(optionalCalls)("$operation on a manager that lacks it", ({ operation, call, secretName }) => {
    it("rejects with a NotSupportedError naming the manager, the operation and the secret", async () => {
      const error = await call(new InMemorySecretManager()).then(
        () => expect.fail(`${operation} resolved`),
        (e: unknown) => e,
      );
      expect(NotSupportedError.isInstance(error)).toBe(true);
      expect(error).toBeInstanceOf(NotSupportedError);
      const notSupported = error as NotSupportedError;
      expect(notSupported.code).toBe("NOT_SUPPORTED");
      expect(notSupported.operation).toBe(operation);
      expect(notSupported.backend).toBe("in_memory_secrets");
      expect(notSupported.secretName).toBe(secretName);
      expect(notSupported.isRetryable).toBe(false);
      expect(notSupported.message).toContain(operation);
      expect(notSupported.message).toContain('backend "in_memory_secrets"');
    });

    it("puts no secret value in the error", async () => {
      const error = await call(new InMemorySecretManager()).catch((e: unknown) => e);
      expect(SecretManagerError.isInstance(error)).toBe(true);
      const text = `${inspect(error)} ${JSON.stringify(error)} ${(error as Error).stack}`;
      for (const value of ["sk-never-in-an-error", "sk-seed-openai", "sk-ant-seed"]) {
        expect(text).not.toContain(value);
      }
    });
  });

  describe("capabilities and supports()", () => {
    it("report only the reads for the seed's minimal subclass", () => {
      const manager = new InMemorySecretManager();
      expect(manager.capabilities).toEqual({
        read: true,
        syncRead: true,
        write: false,
        delete: false,
        describe: false,
        restore: false,
        batchRead: false,
      });
      for (const { operation } of optionalCalls) expect(manager.supports(operation)).toBe(false);
    });

    it("report exactly what a partial subclass implements", async () => {
      const manager = new WritableManager();
      expect(manager.capabilities).toEqual({
        read: true,
        syncRead: true,
        write: true,
        delete: true,
        describe: false,
        restore: false,
        batchRead: false,
      });
      expect(manager.supports("asyncWriteSecret")).toBe(true);
      expect(manager.supports("asyncRestoreSecret")).toBe(false);
      // What it reports matches what happens when called.
      await expect(manager.asyncWriteSecret("K", "v")).resolves.toEqual({ name: "K", created: true });
      await expect(manager.asyncDeleteSecret("K")).resolves.toEqual({ name: "K", deleted: true });
      await expect(manager.asyncRestoreSecret("K")).rejects.toBeInstanceOf(NotSupportedError);
    });

    it("follow a subclass that overrides supports() for its configuration", () => {
      const manager = new ReadOnlyCredentialManager();
      expect(manager.supports("asyncWriteSecret")).toBe(false);
      expect(manager.capabilities.write).toBe(false);
      expect(manager.capabilities.delete).toBe(true);
    });

    it("count a method set on the instance as implemented", () => {
      const manager = new InMemorySecretManager();
      manager.asyncRestoreSecret = async (name: string) => ({ name, restored: false });
      expect(manager.capabilities.restore).toBe(true);
    });
  });

  describe("isInstance and isManagerClass", () => {
    it("recognise managers and manager classes", () => {
      expect(CustomSecretManager.isInstance(new InMemorySecretManager())).toBe(true);
      expect(CustomSecretManager.isManagerClass(InMemorySecretManager)).toBe(true);
      expect(CustomSecretManager.isManagerClass(WritableManager)).toBe(true);
    });

    it("reject everything else", () => {
      class NotAManager {
        async asyncReadSecret() {
          return undefined;
        }
        syncReadSecret() {
          return undefined;
        }
      }
      for (const value of [new NotAManager(), {}, null, undefined, "in_memory", 42]) {
        expect(CustomSecretManager.isInstance(value)).toBe(false);
      }
      for (const value of [NotAManager, () => undefined, new InMemorySecretManager(), null, "InMemory"]) {
        expect(CustomSecretManager.isManagerClass(value)).toBe(false);
      }
    });

    it("hold across a duplicate copy of the package where instanceof fails", async () => {
      // A second URL makes the loader evaluate the built module again: another CustomSecretManager class, as
      // when a manager file brings its own copy of the package.
      const copy: typeof import("../src/custom-secret-manager.js") = await import(
        /* @vite-ignore */ `${new URL("../dist/custom-secret-manager.js", import.meta.url).href}?copy=2`
      );
      expect(copy.CustomSecretManager).not.toBe(CustomSecretManager);

      class ForeignManager extends copy.CustomSecretManager {
        override async asyncReadSecret(): Promise<string | undefined> {
          return "x";
        }
        override syncReadSecret(): string | undefined {
          return "x";
        }
      }
      const foreign = new ForeignManager();
      expect(foreign instanceof CustomSecretManager).toBe(false);
      expect(CustomSecretManager.isInstance(foreign)).toBe(true);
      expect(CustomSecretManager.isManagerClass(ForeignManager)).toBe(true);
      expect(new InMemorySecretManager() instanceof copy.CustomSecretManager).toBe(false);
      expect(copy.CustomSecretManager.isInstance(new InMemorySecretManager())).toBe(true);
      expect(copy.CustomSecretManager.isManagerClass(InMemorySecretManager)).toBe(true);
      expect(foreign.capabilities.write).toBe(false);
    });
  });
});
