import { SecretManagerError, type SecretManagerErrorCode } from "@dheera-ai/secret-manager";
import { expect } from "vitest";

/** What a rejection must carry. */
export interface ExpectedError {
  code: SecretManagerErrorCode;
  /** The manager's `secretManagerName`. */
  backend: string;
  /**
   * The names the error may carry as `secretName` (the caller's name, or the adapter's mapped one);
   * `undefined` when the call was not about one secret, and nothing is checked.
   */
  secretName?: readonly string[] | undefined;
}

/** Awaits `operation` and returns what it rejected with, or `undefined` when it resolved. */
export async function rejectionOf(operation: () => Promise<unknown>): Promise<unknown> {
  try {
    await operation();
    return undefined;
  } catch (error) {
    return error;
  }
}

/**
 * Asserts that `operation` rejects with a `SecretManagerError` of `expected.code` naming the backend (and the
 * secret). A resolved value is never printed: it might be a secret.
 */
export async function expectSecretManagerError(
  operation: () => Promise<unknown>,
  expected: ExpectedError,
): Promise<SecretManagerError> {
  let resolved = false;
  const error = await rejectionOf(async () => {
    await operation();
    resolved = true;
  });
  expect(resolved, `expected a rejection with code ${expected.code}, but the call resolved`).toBe(false);
  expectTypedError(error, expected.backend);
  const typed = error as SecretManagerError;
  expect(typed.code, `expected code ${expected.code}, got ${typed.name} (${typed.code})`).toBe(expected.code);
  if (expected.secretName) {
    expect(expected.secretName, "the error's secretName should be the name the call was about").toContain(
      typed.secretName,
    );
  }
  return typed;
}

/** Asserts `error` belongs to the library's hierarchy and names `backend`. */
export function expectTypedError(error: unknown, backend: string): asserts error is SecretManagerError {
  expect(
    SecretManagerError.isInstance(error),
    `expected a SecretManagerError, got ${describeThrown(error)}`,
  ).toBe(true);
  expect((error as SecretManagerError).backend, "the error's backend should be the manager's name").toBe(
    backend,
  );
}

/**
 * Names what was thrown, for a failure message. The message is shown to help the adapter's author: the only
 * values in play are the suite's own made-up ones.
 */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.constructor.name}: ${error.message.slice(0, 200)}`;
  return error === null ? "null" : typeof error;
}
