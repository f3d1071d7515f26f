import { describe, expect, it } from "vitest";
import { assertSecretName, InvalidSecretNameError } from "../src/index.js";

describe("assertSecretName", () => {
  it("accepts a non-empty string", () => {
    expect(() => assertSecretName("OPENAI_API_KEY", "in_memory")).not.toThrow();
    expect(() => assertSecretName("dheera_ai/virtual-key-1", "in_memory")).not.toThrow();
  });

  it.each([
    ["an empty string", "", "an empty string"],
    ["null", null, "null"],
    ["undefined", undefined, "undefined"],
    ["a number", 42, "number"],
    ["an object", { name: "A" }, "object"],
  ])("rejects %s with an InvalidSecretNameError naming the backend", (_label, value, described) => {
    let thrown: unknown;
    try {
      assertSecretName(value, "hashicorp_vault");
    } catch (error) {
      thrown = error;
    }
    expect(InvalidSecretNameError.isInstance(thrown)).toBe(true);
    const error = thrown as InvalidSecretNameError;
    expect(error.code).toBe("INVALID_NAME");
    expect(error.backend).toBe("hashicorp_vault");
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain(`got ${described}`);
    expect(error.message).toContain('backend "hashicorp_vault"');
  });

  it("describes a rejected value by its type, never by its content", () => {
    const error = (() => {
      try {
        assertSecretName({ value: "sk-do-not-print" }, "in_memory");
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.message).not.toContain("sk-do-not-print");
  });

  it("narrows the type for the compiler", () => {
    const name: unknown = "A";
    assertSecretName(name, "in_memory");
    // Compiles only because `name` is now a string.
    expect(name.toLowerCase()).toBe("a");
  });
});
