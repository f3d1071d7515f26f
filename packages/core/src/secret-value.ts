import { InvalidArgumentError } from "./errors.js";

/**
 * Rejects a value that is not a string (a plain-JavaScript caller passing a number or an object). Secrets stay
 * strings end to end; the error names the secret and the type received, never the value.
 */
export function assertSecretValue(
  secretValue: unknown,
  backend: string,
  secretName: string,
): asserts secretValue is string {
  if (typeof secretValue !== "string") {
    const received = secretValue === null ? "null" : typeof secretValue;
    throw new InvalidArgumentError(`a secret value must be a string, got ${received}`, {
      backend,
      secretName,
    });
  }
}
