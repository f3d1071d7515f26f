import { describe, expect, it } from "vitest";
import { assertSecretValue, InvalidArgumentError } from "../src/index.js";

describe("assertSecretValue", () => {
  it("accepts any string, the empty one included", () => {
    expect(() => assertSecretValue("", "b", "A")).not.toThrow();
    expect(() => assertSecretValue("sk-123", "b", "A")).not.toThrow();
  });

  it.each([
    [42, "number"],
    [null, "null"],
    [{ key: "sk-in-an-object" }, "object"],
    [undefined, "undefined"],
  ])("rejects %j with InvalidArgumentError naming the type and the secret, not the value", (value, type) => {
    let caught: unknown;
    try {
      assertSecretValue(value, "backend_x", "OPENAI_API_KEY");
    } catch (error) {
      caught = error;
    }
    expect(InvalidArgumentError.isInstance(caught)).toBe(true);
    const error = caught as InvalidArgumentError;
    expect(error.message).toBe(
      `a secret value must be a string, got ${type} (backend "backend_x", secret "OPENAI_API_KEY")`,
    );
    expect(error.secretName).toBe("OPENAI_API_KEY");
    expect(error.message).not.toContain("sk-in-an-object");
  });
});
