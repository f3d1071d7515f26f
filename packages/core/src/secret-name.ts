import { InvalidSecretNameError } from "./errors.js";

/** Rejects what no backend can store: a non-string or an empty name. Backends add their own rules on top. */
export function assertSecretName(secretName: unknown, backend: string): asserts secretName is string {
  if (typeof secretName !== "string" || secretName.length === 0) {
    throw new InvalidSecretNameError(
      `a secret name must be a non-empty string, got ${describeValue(secretName)}`,
      {
        backend,
      },
    );
  }
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return "an empty string";
  return value === null ? "null" : typeof value;
}
