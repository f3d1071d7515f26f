/**
 * Verifies AWS Signature Version 4 (`Authorization: AWS4-HMAC-SHA256 ...` header form), following AWS's
 * documented algorithm ("Create a signed AWS API request", IAM User Guide): canonical request → string to sign →
 * signing key derived by HMAC-SHA256 chain (date, region, service, "aws4_request") → hex signature.
 *
 * Not checked: request age against the clock (AWS rejects signatures older than 5 minutes). The emulator's clock
 * is meant to be moved by tests, so a skew check would reject every request after `advanceTime`.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { AwsServiceError, awsMessages } from "./aws-errors.js";

/** A key pair the emulator accepts. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** When set, requests signed with this key must carry this `x-amz-security-token`. */
  readonly sessionToken?: string | undefined;
}

export interface SigV4Expectation {
  readonly credentials: readonly AwsCredentials[];
  readonly region: string;
  readonly service: string;
}

const ALGORITHM = "AWS4-HMAC-SHA256";

/** Throws the `AwsServiceError` AWS would answer when the request is not correctly signed. */
export function verifySigV4(raw: IncomingMessage, body: Buffer, expected: SigV4Expectation): AwsCredentials {
  const authorization = raw.headers.authorization;
  if (authorization === undefined || authorization.trim() === "") {
    throw new AwsServiceError("MissingAuthenticationTokenException", awsMessages.missingToken, 400);
  }
  const parsed = parseAuthorization(authorization);
  const amzDate = headerValue(raw, "x-amz-date");
  if (amzDate === undefined) {
    throw new AwsServiceError(
      "IncompleteSignatureException",
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  if (!parsed.signedHeaders.includes("host")) {
    throw new AwsServiceError(
      "IncompleteSignatureException",
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  }

  const [accessKeyId, scopeDate, scopeRegion, scopeService, terminator, ...extra] =
    parsed.credential.split("/");
  if (
    !accessKeyId ||
    !scopeDate ||
    !scopeRegion ||
    !scopeService ||
    terminator !== "aws4_request" ||
    extra.length > 0
  ) {
    throw new AwsServiceError(
      "IncompleteSignatureException",
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.",
    );
  }
  const credentials = expected.credentials.find((c) => c.accessKeyId === accessKeyId);
  if (credentials === undefined) {
    throw new AwsServiceError("UnrecognizedClientException", awsMessages.unknownClient, 400);
  }
  if (
    credentials.sessionToken !== undefined &&
    headerValue(raw, "x-amz-security-token") !== credentials.sessionToken
  ) {
    throw new AwsServiceError("UnrecognizedClientException", awsMessages.unknownClient, 400);
  }
  if (scopeDate !== amzDate.slice(0, 8)) {
    throw new AwsServiceError(
      "InvalidSignatureException",
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (scopeRegion !== expected.region) {
    throw new AwsServiceError(
      "InvalidSignatureException",
      `Credential should be scoped to a valid region. This emulator serves '${expected.region}'.`,
    );
  }
  if (scopeService !== expected.service) {
    throw new AwsServiceError(
      "InvalidSignatureException",
      `Credential should be scoped to correct service: '${expected.service}'.`,
    );
  }

  const canonical = canonicalRequest(raw, body, parsed.signedHeaders);
  const scope = `${scopeDate}/${scopeRegion}/${scopeService}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join("\n");
  const key = signingKey(credentials.secretAccessKey, scopeDate, scopeRegion, scopeService);
  const signature = createHmac("sha256", key).update(stringToSign, "utf8").digest();
  const given = Buffer.from(parsed.signature, "hex");
  if (given.length !== signature.length || !timingSafeEqual(given, signature)) {
    throw new AwsServiceError("InvalidSignatureException", awsMessages.badSignature, 400);
  }
  return credentials;
}

interface ParsedAuthorization {
  credential: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(header: string): ParsedAuthorization {
  const trimmed = header.trim();
  const space = trimmed.indexOf(" ");
  const algorithm = space === -1 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== ALGORITHM) {
    throw new AwsServiceError(
      "IncompleteSignatureException",
      `Unsupported AWS 'algorithm': '${algorithm}'. Only ${ALGORITHM} is supported.`,
    );
  }
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(space + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  for (const required of ["Credential", "SignedHeaders", "Signature"]) {
    if (!fields.get(required)) {
      throw new AwsServiceError(
        "IncompleteSignatureException",
        `Authorization header requires '${required}' parameter.`,
      );
    }
  }
  const signature = fields.get("Signature") ?? "";
  if (!/^[0-9a-f]{64}$/.test(signature)) {
    throw new AwsServiceError("InvalidSignatureException", awsMessages.badSignature, 400);
  }
  return {
    credential: fields.get("Credential") ?? "",
    signedHeaders: (fields.get("SignedHeaders") ?? "").split(";").map((h) => h.trim().toLowerCase()),
    signature,
  };
}

/** The canonical request of AWS's algorithm, step 1. */
export function canonicalRequest(
  raw: IncomingMessage,
  body: Buffer,
  signedHeaders: readonly string[],
): string {
  const target = raw.url ?? "/";
  const queryStart = target.indexOf("?");
  const path = queryStart === -1 ? target : target.slice(0, queryStart);
  const query = queryStart === -1 ? "" : target.slice(queryStart + 1);
  const headerLines = [...signedHeaders].sort().map((name) => `${name}:${canonicalHeaderValue(raw, name)}\n`);
  return [
    raw.method ?? "POST",
    canonicalUri(path),
    canonicalQuery(query),
    headerLines.join(""),
    [...signedHeaders].sort().join(";"),
    sha256Hex(body),
  ].join("\n");
}

/** Services other than S3 sign the normalised path with each segment URI-encoded twice (once by HTTP, once here). */
function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const normalised = `/${segments.join("/")}${path.endsWith("/") && segments.length > 0 ? "/" : ""}`;
  return normalised
    .split("/")
    .map((segment) => uriEncode(segment))
    .join("/");
}

function canonicalQuery(query: string): string {
  if (query === "") return "";
  const pairs = query
    .split("&")
    .filter((p) => p !== "")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const key = decodeURIComponent(eq === -1 ? pair : pair.slice(0, eq));
      const value = eq === -1 ? "" : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, " "));
      return [uriEncode(key), uriEncode(value)] as const;
    });
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

/** RFC 3986 encoding as AWS specifies it: everything but unreserved characters is percent-encoded. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** All values of one header, trimmed, inner runs of spaces collapsed, joined with commas. */
function canonicalHeaderValue(raw: IncomingMessage, name: string): string {
  const values: string[] = [];
  for (let i = 0; i + 1 < raw.rawHeaders.length; i += 2) {
    if (raw.rawHeaders[i]?.toLowerCase() === name) {
      values.push((raw.rawHeaders[i + 1] ?? "").trim().replace(/ +/g, " "));
    }
  }
  return values.join(",");
}

function headerValue(raw: IncomingMessage, name: string): string | undefined {
  const value = raw.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac("sha256", `AWS4${secretAccessKey}`).update(date, "utf8").digest();
  const kRegion = createHmac("sha256", kDate).update(region, "utf8").digest();
  const kService = createHmac("sha256", kRegion).update(service, "utf8").digest();
  return createHmac("sha256", kService).update("aws4_request", "utf8").digest();
}

function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
