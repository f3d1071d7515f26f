/**
 * The AWS Secrets Manager wire protocol (API 2017-10-17, `awsJson1_1`): `POST /` with
 * `Content-Type: application/x-amz-json-1.1` and `X-Amz-Target: secretsmanager.<Operation>`, signed with SigV4.
 * `@aws-sdk/client-secrets-manager` 3.1178 sends exactly this (its `AwsJson1_1Protocol`, no `smithy-protocol`
 * header); the operation comes from the target header only, so the content type is not enforced.
 */
import type { ServerResponse } from "node:http";
import { type EmulatorDefinition, type EmulatorRequest, sendJson } from "../shared/emulator-server.js";
import { AwsServiceError, awsMessages } from "./aws-errors.js";
import { RequestInput } from "./request-input.js";
import type { SecretStore } from "./secret-store.js";
import { operations } from "./secrets-manager-operations.js";
import { type AwsCredentials, verifySigV4 } from "./sigv4-verifier.js";

const TARGET_PREFIX = "secretsmanager.";
/** The operation name counted for requests that name no Secrets Manager operation. */
export const UNKNOWN_OPERATION = "UnknownOperation";

export interface AwsEmulatorState {
  readonly store: SecretStore;
  readonly region: string;
  readonly credentials: readonly AwsCredentials[];
}

export function createAwsEmulatorDefinition(state: AwsEmulatorState): EmulatorDefinition {
  let requestNumber = 0;
  // AWS answers every request with an id; a counter keeps them reproducible from run to run.
  const nextRequestId = () => `00000000-0000-4000-a000-${(++requestNumber).toString(16).padStart(12, "0")}`;

  const sendError = (response: ServerResponse, error: AwsServiceError) => {
    sendJson(response, error.status, error.toBody(), {
      "content-type": "application/x-amz-json-1.1",
      "x-amzn-requestid": nextRequestId(),
      "x-amzn-errortype": error.code,
      ...error.headers,
    });
  };

  return {
    name: "aws",

    classify(request: EmulatorRequest): string {
      const target = header(request, "x-amz-target");
      return target?.startsWith(TARGET_PREFIX) && target.length > TARGET_PREFIX.length
        ? target.slice(TARGET_PREFIX.length)
        : UNKNOWN_OPERATION;
    },

    handle(request, response, operation) {
      try {
        verifySigV4(request.raw, request.body, {
          credentials: state.credentials,
          region: state.region,
          service: "secretsmanager",
        });
        const handler = request.method === "POST" ? operations[operation] : undefined;
        if (!handler) {
          throw new AwsServiceError(
            "UnknownOperationException",
            operation === UNKNOWN_OPERATION
              ? "The request names no Secrets Manager operation in X-Amz-Target."
              : `This emulator does not implement ${operation}.`,
          );
        }
        const output = handler(new RequestInput(request.body), state.store);
        sendJson(response, 200, output, {
          "content-type": "application/x-amz-json-1.1",
          "x-amzn-requestid": nextRequestId(),
        });
      } catch (error) {
        if (!(error instanceof AwsServiceError)) throw error;
        sendError(response, error);
      }
    },

    renderFault(response, failure) {
      const retryAfter: Record<string, string> =
        failure.retryAfterSeconds === undefined ? {} : { "retry-after": String(failure.retryAfterSeconds) };
      switch (failure.status) {
        case "throttle":
          return sendError(
            response,
            new AwsServiceError("ThrottlingException", awsMessages.throttled, 400, retryAfter),
          );
        case 429:
          return sendError(
            response,
            new AwsServiceError("ThrottlingException", awsMessages.throttled, 429, retryAfter),
          );
        case 500:
          return sendError(
            response,
            new AwsServiceError("InternalServiceError", awsMessages.internal, 500, retryAfter),
          );
        case 502:
          return sendError(response, new AwsServiceError("InternalFailure", "Bad Gateway", 502, retryAfter));
        case 503:
          return sendError(
            response,
            new AwsServiceError("ServiceUnavailable", "Service Unavailable", 503, retryAfter),
          );
      }
    },
  };
}

function header(request: EmulatorRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
