/**
 * Errors as AWS Secrets Manager (API 2017-10-17, `awsJson1_1` protocol) sends them: an HTTP status and a JSON
 * body `{"__type": "<ErrorCode>", "Message": "..."}`. The SDK reads the code from `__type` first, then from the
 * `x-amzn-errortype` header, and the text from `message ?? Message`, so both are sent. Modelled Secrets Manager
 * errors spell the member `Message`; errors raised by AWS's front end (signature, throttling, validation) spell it
 * `message`, as AWS does. No message built here ever contains a secret value.
 */

/** The error codes this emulator answers with. */
export type AwsErrorCode =
  // Modelled by Secrets Manager (they become the SDK's own exception classes).
  | "ResourceNotFoundException"
  | "InvalidRequestException"
  | "InvalidParameterException"
  | "ResourceExistsException"
  | "InvalidNextTokenException"
  | "LimitExceededException"
  | "InternalServiceError"
  // Common to AWS JSON services (the SDK raises `SecretsManagerServiceException` with this `name`).
  | "ValidationException"
  | "SerializationException"
  | "UnknownOperationException"
  | "ThrottlingException"
  | "ServiceUnavailable"
  | "InternalFailure"
  | "MissingAuthenticationTokenException"
  | "IncompleteSignatureException"
  | "InvalidSignatureException"
  | "UnrecognizedClientException";

/** Codes whose body uses `Message` (modelled members) rather than the front end's `message`. */
const MODELLED: ReadonlySet<AwsErrorCode> = new Set([
  "ResourceNotFoundException",
  "InvalidRequestException",
  "InvalidParameterException",
  "ResourceExistsException",
  "InvalidNextTokenException",
  "LimitExceededException",
  "InternalServiceError",
]);

/** An error answered to the client in AWS's shape. */
export class AwsServiceError extends Error {
  override readonly name = "AwsServiceError";
  readonly code: AwsErrorCode;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: AwsErrorCode, message: string, status = 400, headers: Record<string, string> = {}) {
    super(message);
    this.code = code;
    this.status = status;
    this.headers = headers;
  }

  /** The JSON body AWS sends for this error. */
  toBody(): Record<string, string> {
    return MODELLED.has(this.code)
      ? { __type: this.code, Message: this.message }
      : { __type: this.code, message: this.message };
  }
}

/** The texts AWS uses, kept in one place so tests and operations agree. */
export const awsMessages = {
  secretNotFound: "Secrets Manager can't find the specified secret.",
  markedForDeletion: "You can't perform this operation on the secret because it was marked for deletion.",
  alreadyScheduledForDeletion:
    "You can't perform this operation on the secret because it was already scheduled for deletion.",
  createWhileScheduled:
    "You can't create this secret because a secret with this name is already scheduled for deletion.",
  bothValues: "You can't specify both a binary secret value and a string secret value in the same secret.",
  valueRequired: "You must provide either SecretString or SecretBinary.",
  versionImmutable: "You can't modify an existing version, you can only create new versions.",
  recoveryWindowRange: "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).",
  forceWithWindow: "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
  invalidNextToken: "The NextToken value is invalid.",
  missingToken: "Missing Authentication Token",
  badSignature:
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  unknownClient: "The security token included in the request is invalid.",
  throttled: "Rate exceeded",
  internal: "An error occurred on the server side.",
} as const;

export function secretExists(name: string): string {
  return `The operation failed because the secret ${name} already exists.`;
}

export function versionNotFound(selector: { versionId?: string; versionStage?: string }): string {
  const parts: string[] = [];
  if (selector.versionId !== undefined) parts.push(`VersionId: ${selector.versionId}`);
  if (selector.versionStage !== undefined) parts.push(`staging label: ${selector.versionStage}`);
  return `Secrets Manager can't find the specified secret value for ${parts.join(" and ")}`;
}

/** One failed constraint, in the words of AWS's request validation ("Value at 'name' failed to satisfy ..."). */
export interface ConstraintViolation {
  /** The member path in camelCase, as AWS names it (`name`, `filters.1.member.values`). */
  readonly member: string;
  readonly constraint: string;
  /** True when the value was absent (`Value null at ...`). */
  readonly isNull?: boolean;
}

/**
 * AWS's `ValidationException` for one or more constraint failures. The offending value is never quoted, so a
 * secret that breaks a length limit does not travel back in the error.
 */
export function validationError(violations: readonly ConstraintViolation[]): AwsServiceError {
  const count = violations.length;
  const details = violations
    .map(
      (v) => `Value ${v.isNull ? "null " : ""}at '${v.member}' failed to satisfy constraint: ${v.constraint}`,
    )
    .join("; ");
  return new AwsServiceError(
    "ValidationException",
    `${count} validation error${count === 1 ? "" : "s"} detected: ${details}`,
  );
}
