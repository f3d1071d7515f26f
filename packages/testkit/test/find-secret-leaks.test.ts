import { inspect } from "node:util";
import { AbortedError, InvalidArgumentError } from "@dheera-ai/secret-manager";
import { describe, expect, it } from "vitest";
import { findSecretLeaks, findSecretLeaksInObject } from "../src/index.js";

const secret = "sk-test-5f0c9e1d2b7a4c38";

describe("findSecretLeaks", () => {
  it("returns nothing for an error that holds only the secret's name", () => {
    const error = new InvalidArgumentError("bad window", { backend: "b", secretName: "OPENAI_API_KEY" });
    expect(findSecretLeaks(error, [secret])).toEqual([]);
  });

  it("finds a secret in the message, naming every view it shows in", () => {
    const leaks = findSecretLeaks(new Error(`cannot store ${secret}`), [secret]);
    expect(leaks).toEqual(
      expect.arrayContaining([
        "error (message)",
        "error (stack)",
        "error (String())",
        "error (util.inspect)",
      ]),
    );
  });

  it("finds a secret two causes deep", () => {
    const sdkError = new Error(`body: {"SecretString":"${secret}"}`);
    const error = new AbortedError("aborted", { cause: new Error("request failed", { cause: sdkError }) });
    expect(findSecretLeaks(error, [secret])).toContain("error.cause.cause (message)");
  });

  it("finds a secret inside an aggregated error", () => {
    const error = new AggregateError([new Error("fine"), new Error(secret)], "two failures");
    expect(findSecretLeaks(error, [secret])).toContain("error.errors[1] (message)");
  });

  it("finds a secret in a non-enumerable property that only util.inspect with showHidden shows", () => {
    const error = new Error("request failed");
    Object.defineProperty(error, "requestBody", { value: secret, enumerable: false });
    expect(inspect(error)).not.toContain(secret);
    expect(findSecretLeaks(error, [secret])).toContain("error (util.inspect)");
  });

  it("finds a secret in an enumerable property through JSON", () => {
    const error = Object.assign(new Error("request failed"), { body: { SecretString: secret } });
    expect(findSecretLeaks(error, [secret])).toContain("error (JSON.stringify)");
  });

  it("stops on a cause cycle instead of recursing forever", () => {
    const first = new Error("first");
    const second = new Error(secret, { cause: first });
    Object.defineProperty(first, "cause", { value: second });
    expect(findSecretLeaks(first, [secret])).toContain("error.cause (message)");
  });
});

describe("findSecretLeaksInObject", () => {
  it("finds a value in a public field and not in a private one", () => {
    class Holder {
      readonly #hidden = secret;
      visible: string | undefined;
      reveal() {
        return this.#hidden;
      }
    }
    const holder = new Holder();
    expect(findSecretLeaksInObject(holder, [holder.reveal()])).toEqual([]);
    holder.visible = secret;
    expect(findSecretLeaksInObject(holder, [secret])).toEqual(["util.inspect", "JSON.stringify"]);
  });

  it("survives a circular object that JSON cannot render", () => {
    const node: Record<string, unknown> = { name: "client" };
    node.self = node;
    expect(findSecretLeaksInObject(node, [secret])).toEqual([]);
  });
});
