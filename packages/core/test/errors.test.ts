import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  AbortedError,
  AccessDeniedError,
  ConfigurationError,
  ConflictError,
  InvalidArgumentError,
  InvalidSecretNameError,
  NotSupportedError,
  SecretManagerError,
  type SecretManagerErrorCode,
  type SecretManagerErrorOptions,
  SecretManagerTimeoutError,
  UnavailableError,
} from "../src/index.js";

type ErrorFactory = (message: string, options?: SecretManagerErrorOptions) => SecretManagerError;

interface ErrorCase {
  name: string;
  create: ErrorFactory;
  isInstance: (value: unknown) => boolean;
  code: SecretManagerErrorCode;
  retryable: boolean;
}

// Every error class of the hierarchy, with the code and retry default its callers rely on.
const errorCases: ErrorCase[] = [
  {
    name: "ConfigurationError",
    create: (m, o) => new ConfigurationError(m, o),
    isInstance: (v) => ConfigurationError.isInstance(v),
    code: "CONFIGURATION",
    retryable: false,
  },
  {
    name: "InvalidSecretNameError",
    create: (m, o) => new InvalidSecretNameError(m, o),
    isInstance: (v) => InvalidSecretNameError.isInstance(v),
    code: "INVALID_NAME",
    retryable: false,
  },
  {
    name: "InvalidArgumentError",
    create: (m, o) => new InvalidArgumentError(m, o),
    isInstance: (v) => InvalidArgumentError.isInstance(v),
    code: "INVALID_ARGUMENT",
    retryable: false,
  },
  {
    name: "AccessDeniedError",
    create: (m, o) => new AccessDeniedError(m, o),
    isInstance: (v) => AccessDeniedError.isInstance(v),
    code: "ACCESS_DENIED",
    retryable: false,
  },
  {
    name: "NotSupportedError",
    // NotSupportedError builds its message from the operation; the "message" here is the operation name.
    create: (m, o) => new NotSupportedError(m, o),
    isInstance: (v) => NotSupportedError.isInstance(v),
    code: "NOT_SUPPORTED",
    retryable: false,
  },
  {
    name: "ConflictError",
    create: (m, o) => new ConflictError(m, o),
    isInstance: (v) => ConflictError.isInstance(v),
    code: "CONFLICT",
    retryable: false,
  },
  {
    name: "SecretManagerTimeoutError",
    create: (m, o) => new SecretManagerTimeoutError(m, o),
    isInstance: (v) => SecretManagerTimeoutError.isInstance(v),
    code: "TIMEOUT",
    retryable: true,
  },
  {
    name: "AbortedError",
    create: (m, o) => new AbortedError(m, o),
    isInstance: (v) => AbortedError.isInstance(v),
    code: "ABORTED",
    retryable: false,
  },
  {
    name: "UnavailableError",
    create: (m, o) => new UnavailableError(m, o),
    isInstance: (v) => UnavailableError.isInstance(v),
    code: "UNAVAILABLE",
    retryable: true,
  },
];

describe("SecretManagerError", () => {
  it("defaults to code UNKNOWN, not retryable, with no backend or secret name", () => {
    const error = new SecretManagerError("something broke");
    expect(error.code).toBe("UNKNOWN");
    expect(error.isRetryable).toBe(false);
    expect(error.backend).toBeUndefined();
    expect(error.secretName).toBeUndefined();
    expect(error.message).toBe("something broke");
    expect(error.name).toBe("SecretManagerError");
    expect(error).toBeInstanceOf(Error);
    expect("cause" in error).toBe(false);
  });

  it("takes a code and a retry default from a subclass, and an explicit isRetryable over both", () => {
    expect(new SecretManagerError("x", { code: "CONFLICT", defaultRetryable: true }).isRetryable).toBe(true);
    expect(
      new SecretManagerError("x", { code: "CONFLICT", defaultRetryable: true, isRetryable: false })
        .isRetryable,
    ).toBe(false);
    expect(new SecretManagerError("x", { code: "CONFLICT" }).code).toBe("CONFLICT");
  });

  it("names the backend and the secret in its message", () => {
    const error = new SecretManagerError("read failed", {
      backend: "hashicorp_vault",
      secretName: "OPENAI_API_KEY",
    });
    expect(error.message).toBe('read failed (backend "hashicorp_vault", secret "OPENAI_API_KEY")');
  });

  it("names only what it was given", () => {
    expect(new SecretManagerError("x", { backend: "aws" }).message).toBe('x (backend "aws")');
    expect(new SecretManagerError("x", { secretName: "A" }).message).toBe('x (secret "A")');
  });

  it("keeps the cause", () => {
    const cause = new Error("ECONNRESET");
    expect(new SecretManagerError("x", { cause }).cause).toBe(cause);
  });

  it("keeps its cross-copy marker non-enumerable, so util.inspect does not show it", () => {
    const marker = Symbol.for("@dheera-ai/secret-manager/error");
    const error = new SecretManagerError("x", { backend: "b", secretName: "s" });
    expect(Object.getOwnPropertySymbols(error)).toContain(marker);
    expect(Object.getOwnPropertyDescriptor(error, marker)?.enumerable).toBe(false);
    expect(inspect(error)).not.toContain("@dheera-ai/secret-manager/error");
  });

  describe("isInstance", () => {
    it("holds for every error of the hierarchy", () => {
      for (const { create } of errorCases) expect(SecretManagerError.isInstance(create("x"))).toBe(true);
      expect(SecretManagerError.isInstance(new SecretManagerError("x"))).toBe(true);
    });

    it("rejects plain errors, look-alikes and non-objects", () => {
      expect(SecretManagerError.isInstance(new Error("x"))).toBe(false);
      expect(SecretManagerError.isInstance({ code: "TIMEOUT", name: "SecretManagerTimeoutError" })).toBe(
        false,
      );
      expect(SecretManagerError.isInstance(null)).toBe(false);
      expect(SecretManagerError.isInstance(undefined)).toBe(false);
      expect(SecretManagerError.isInstance("TIMEOUT")).toBe(false);
    });
  });
});

describe.each(errorCases)("$name", ({ name, create, isInstance, code, retryable }) => {
  it(`has code ${code} and isRetryable ${retryable} by default`, () => {
    const error = create("failed");
    expect(error.code).toBe(code);
    expect(error.isRetryable).toBe(retryable);
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(SecretManagerError);
    expect(error).toBeInstanceOf(Error);
  });

  it("lets the caller override isRetryable", () => {
    expect(create("failed", { isRetryable: !retryable }).isRetryable).toBe(!retryable);
  });

  it("carries backend, secret name and cause, and names both in its message", () => {
    const cause = new Error("underlying");
    const error = create("asyncReadSecret", { backend: "azure_key_vault", secretName: "DB-PASSWORD", cause });
    expect(error.backend).toBe("azure_key_vault");
    expect(error.secretName).toBe("DB-PASSWORD");
    expect(error.cause).toBe(cause);
    expect(error.message).toContain('backend "azure_key_vault"');
    expect(error.message).toContain('secret "DB-PASSWORD"');
  });

  it("is recognised by its own isInstance and by no other class's", () => {
    const error = create("failed");
    expect(isInstance(error)).toBe(true);
    for (const other of errorCases) {
      if (other.name !== name) expect(other.isInstance(error)).toBe(false);
    }
    expect(isInstance(new Error("failed"))).toBe(false);
    expect(isInstance(new SecretManagerError("failed", { code: "UNKNOWN" }))).toBe(false);
  });
});

describe("ConfigurationError", () => {
  it("prefixes the message with the configuration path and keeps it", () => {
    const error = new ConfigurationError("must be one of read_only, write_only, read_and_write", {
      path: "general_settings.key_management_settings.access_mode",
    });
    expect(error.path).toBe("general_settings.key_management_settings.access_mode");
    expect(error.message).toBe(
      "general_settings.key_management_settings.access_mode: must be one of read_only, write_only, read_and_write",
    );
  });

  it("has no path when none is given", () => {
    const error = new ConfigurationError("bad");
    expect(error.path).toBeUndefined();
    expect(error.message).toBe("bad");
  });
});

describe("NotSupportedError", () => {
  it("names the operation in its message and keeps it", () => {
    const error = new NotSupportedError("asyncDeleteSecret", {
      backend: "in_memory_secrets",
      secretName: "A",
    });
    expect(error.operation).toBe("asyncDeleteSecret");
    expect(error.message).toBe(
      'asyncDeleteSecret is not supported by this secret manager (backend "in_memory_secrets", secret "A")',
    );
  });
});

describe("SecretManagerTimeoutError", () => {
  it("keeps the timeout in milliseconds", () => {
    expect(new SecretManagerTimeoutError("timed out", { timeoutMs: 2500 }).timeoutMs).toBe(2500);
    expect(new SecretManagerTimeoutError("timed out").timeoutMs).toBeUndefined();
  });
});

describe("UnavailableError", () => {
  it("keeps how long the backend asked to wait", () => {
    expect(new UnavailableError("throttled", { retryAfterMs: 1000 }).retryAfterMs).toBe(1000);
    expect(new UnavailableError("throttled").retryAfterMs).toBeUndefined();
  });
});

describe("errors from a duplicate copy of the package", () => {
  // A second URL makes the module loader evaluate dist/errors.js again: two class identities, as when two
  // versions of the package sit in one node_modules tree.
  const loadCopy = async (): Promise<typeof import("../src/errors.js")> =>
    import(/* @vite-ignore */ `${new URL("../dist/errors.js", import.meta.url).href}?copy=2`);

  it("fail instanceof but pass isInstance", async () => {
    const copy = await loadCopy();
    expect(copy.SecretManagerError).not.toBe(SecretManagerError);

    const foreign = new copy.AccessDeniedError("denied", { backend: "aws", secretName: "A" });
    expect(foreign instanceof SecretManagerError).toBe(false);
    expect(foreign instanceof AccessDeniedError).toBe(false);
    expect(SecretManagerError.isInstance(foreign)).toBe(true);
    expect(AccessDeniedError.isInstance(foreign)).toBe(true);
    expect(ConflictError.isInstance(foreign)).toBe(false);

    const local = new UnavailableError("down");
    expect(local instanceof copy.SecretManagerError).toBe(false);
    expect(copy.UnavailableError.isInstance(local)).toBe(true);
  });
});
