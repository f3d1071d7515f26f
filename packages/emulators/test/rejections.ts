import { SecretsManagerServiceException } from "@aws-sdk/client-secrets-manager";

/**
 * What `promise` rejected with; throws when it resolves. A resolved value is never printed: it may be a secret.
 * One helper for every emulator's tests, since each SDK rejects with its own error class.
 */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) {
    throw new Error(
      `expected the call to reject with an Error, it ${outcome === undefined ? "resolved" : `threw a ${typeof outcome}`}`,
    );
  }
  return outcome as Error & Record<string, unknown>;
}

/** The AWS service error `promise` rejected with; throws on any other outcome. */
export async function awsFailure(promise: Promise<unknown>): Promise<SecretsManagerServiceException> {
  const error = await rejectionOf(promise);
  if (!(error instanceof SecretsManagerServiceException)) {
    throw new Error(`expected a SecretsManagerServiceException, got ${error.name}: ${error.message}`);
  }
  return error;
}
