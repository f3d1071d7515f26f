import { Agent } from "node:https";
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
  type SecretsManagerClientConfig,
} from "@aws-sdk/client-secrets-manager";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AWS_UNKNOWN_OPERATION,
  type AwsEmulator,
  DEFAULT_AWS_EMULATOR_CREDENTIALS,
  startAwsEmulator,
} from "../src/aws/index.js";
import { awsFailure as failure } from "./rejections.js";

const clients: SecretsManagerClient[] = [];
function clientFor(
  emulator: AwsEmulator,
  overrides: Partial<SecretsManagerClientConfig> = {},
): SecretsManagerClient {
  const client = new SecretsManagerClient({ ...emulator.clientConfig, maxAttempts: 1, ...overrides });
  clients.push(client);
  return client;
}

interface WireRequest {
  body: unknown;
  headers: Record<string, string>;
}

/** Edits the HTTP request just before or just after the SDK signs it. */
function editRequest(
  client: SecretsManagerClient,
  relation: "before" | "after",
  name: string,
  edit: (request: WireRequest) => void,
): void {
  type Middleware = Parameters<typeof client.middlewareStack.addRelativeTo>[0];
  const middleware =
    (next: (args: { request: unknown }) => Promise<unknown>) => async (args: { request: unknown }) => {
      edit(args.request as WireRequest);
      return next(args);
    };
  client.middlewareStack.addRelativeTo(middleware as unknown as Middleware, {
    relation,
    toMiddleware: "httpSigningMiddleware",
    name,
  });
}

let emulator: AwsEmulator;
beforeEach(async () => {
  emulator = await startAwsEmulator();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await emulator.close();
});

describe("AWS emulator SigV4 authentication", () => {
  it("accepts requests signed with the configured key pair", async () => {
    const client = clientFor(emulator);
    const listed = await client.send(new ListSecretsCommand({}));
    expect(listed.SecretList).toEqual([]);
    expect(emulator.credentials).toEqual(DEFAULT_AWS_EMULATOR_CREDENTIALS);
  });

  it("answers a wrong secret key with InvalidSignatureException (400)", async () => {
    const client = clientFor(emulator, {
      credentials: {
        accessKeyId: emulator.credentials.accessKeyId,
        secretAccessKey: "not-the-right-secret-key",
      },
    });
    const error = await failure(client.send(new ListSecretsCommand({})));
    expect(error.name).toBe("InvalidSignatureException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain("does not match the signature you provided");
    expect(error.message).not.toContain("not-the-right-secret-key");
    expect(emulator.counters.get("ListSecrets")).toBe(1);
  });

  it("answers an unknown access key id with UnrecognizedClientException (400)", async () => {
    const client = clientFor(emulator, {
      credentials: {
        accessKeyId: "AKIAUNKNOWN000000000",
        secretAccessKey: emulator.credentials.secretAccessKey,
      },
    });
    const error = await failure(client.send(new ListSecretsCommand({})));
    expect(error.name).toBe("UnrecognizedClientException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe("The security token included in the request is invalid.");
  });

  it("answers a signature scoped to another region with InvalidSignatureException", async () => {
    const client = clientFor(emulator, { region: "eu-west-1" });
    const error = await failure(client.send(new ListSecretsCommand({})));
    expect(error.name).toBe("InvalidSignatureException");
    expect(error.message).toContain("Credential should be scoped to a valid region");
  });

  it("answers a request without Authorization with MissingAuthenticationTokenException", async () => {
    // The SDK always signs; an unsigned request can only be hand-written.
    const response = await fetch(emulator.url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "secretsmanager.ListSecrets" },
      body: "{}",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
    expect(await response.json()).toEqual({
      __type: "MissingAuthenticationTokenException",
      message: "Missing Authentication Token",
    });
    expect(emulator.counters.get("ListSecrets")).toBe(1);
  });

  it("rejects a body changed after signing, because the payload hash is part of the signature", async () => {
    const client = clientFor(emulator);
    editRequest(client, "after", "tamperBody", (request) => {
      const body = JSON.stringify({ Name: "tampered", SecretString: "v" });
      request.body = body;
      request.headers["content-length"] = String(Buffer.byteLength(body));
    });
    const error = await failure(
      client.send(new CreateSecretCommand({ Name: "original", SecretString: "v" })),
    );
    expect(error.name).toBe("InvalidSignatureException");
    expect(emulator.secretNames()).toEqual([]);
  });

  it("rejects a signed header changed after signing", async () => {
    const client = clientFor(emulator);
    editRequest(client, "after", "tamperTarget", (request) => {
      request.headers["x-amz-target"] = "secretsmanager.DescribeSecret";
    });
    const error = await failure(client.send(new ListSecretsCommand({})));
    expect(error.name).toBe("InvalidSignatureException");
    expect(emulator.counters.get("DescribeSecret")).toBe(1);
  });

  it("accepts a session token, and requires the configured one when the key pair has one", async () => {
    const withToken = clientFor(emulator, {
      credentials: { ...emulator.credentials, sessionToken: "any-session-token" },
    });
    expect((await withToken.send(new ListSecretsCommand({}))).SecretList).toEqual([]);

    await using strict = await startAwsEmulator({
      credentials: [
        {
          accessKeyId: "AKIASESSION000000000",
          secretAccessKey: "session-secret",
          sessionToken: "expected-token",
        },
        { accessKeyId: "AKIASECOND0000000000", secretAccessKey: "second-secret" },
      ],
    });
    expect(strict.clientConfig.credentials.sessionToken).toBe("expected-token");
    expect((await clientFor(strict).send(new ListSecretsCommand({}))).SecretList).toEqual([]);
    const wrongToken = clientFor(strict, {
      credentials: { ...strict.clientConfig.credentials, sessionToken: "other" },
    });
    const error = await failure(wrongToken.send(new ListSecretsCommand({})));
    expect(error.name).toBe("UnrecognizedClientException");
    const second = clientFor(strict, {
      credentials: { accessKeyId: "AKIASECOND0000000000", secretAccessKey: "second-secret" },
    });
    expect((await second.send(new ListSecretsCommand({}))).SecretList).toEqual([]);
  });

  it("answers a signed request naming no Secrets Manager operation with UnknownOperationException", async () => {
    const client = clientFor(emulator);
    // Before signing, so the signature is valid and the operation is what fails.
    editRequest(client, "before", "otherTarget", (request) => {
      request.headers["x-amz-target"] = "kms.ListKeys";
    });
    const error = await failure(client.send(new ListSecretsCommand({})));
    expect(error.name).toBe("UnknownOperationException");
    expect(emulator.counters.get(AWS_UNKNOWN_OPERATION)).toBe(1);
  });
});

describe("AWS emulator instances", () => {
  it("keep separate state", async () => {
    await using other = await startAwsEmulator();
    await clientFor(emulator).send(new CreateSecretCommand({ Name: "only-here", SecretString: "v" }));
    expect(emulator.secretNames()).toEqual(["only-here"]);
    expect(other.secretNames()).toEqual([]);
    const error = await failure(clientFor(other).send(new GetSecretValueCommand({ SecretId: "only-here" })));
    expect(error.name).toBe("ResourceNotFoundException");
  });

  it("bind to 127.0.0.1 and use the configured region and account in ARNs", async () => {
    await using custom = await startAwsEmulator({ region: "eu-central-1", accountId: "210987654321" });
    expect(custom.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const created = await clientFor(custom).send(new CreateSecretCommand({ Name: "x", SecretString: "v" }));
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:eu-central-1:210987654321:secret:x-[A-Za-z0-9]{6}$/);
    expect(custom.environment).toMatchObject({
      AWS_REGION: "eu-central-1",
      AWS_ENDPOINT_URL_SECRETS_MANAGER: custom.url,
    });
  });

  it("serve HTTPS with a certificate the client can trust", async () => {
    await using secure = await startAwsEmulator({ tls: true });
    expect(secure.url).toMatch(/^https:\/\//);
    const client = clientFor(secure, {
      requestHandler: { httpsAgent: new Agent({ ca: secure.certificate }) },
    });
    expect((await client.send(new ListSecretsCommand({}))).SecretList).toEqual([]);
  });

  it("start with seeded secrets and expose their state", async () => {
    await using seeded = await startAwsEmulator({
      secrets: [{ name: "seeded", secretString: "seed-value", tags: { team: "core" }, description: "d" }],
    });
    const extra = seeded.seedSecret({ name: "bytes", secretBinary: new Uint8Array([1, 2]) });
    expect(extra.arn).toMatch(/:secret:bytes-[A-Za-z0-9]{6}$/);
    const read = await clientFor(seeded).send(new GetSecretValueCommand({ SecretId: "seeded" }));
    expect(read.SecretString).toBe("seed-value");
    expect(seeded.secret("seeded")).toMatchObject({
      name: "seeded",
      description: "d",
      tags: { team: "core" },
      versions: [{ stages: ["AWSCURRENT"], secretString: "seed-value" }],
    });
    expect(seeded.secret("bytes")?.versions[0]?.secretBinary).toEqual(new Uint8Array([1, 2]));
    // Seeding is state, not traffic.
    expect(seeded.counters.get("CreateSecret")).toBe(0);
    expect(() => seeded.seedSecret({ name: "seeded", secretString: "again" })).toThrow(/already exists/);
    seeded.reset();
    expect(seeded.secretNames()).toEqual([]);
    expect(seeded.counters.total).toBe(0);
  });

  it("write nothing to the console or standard streams, even on errors", async () => {
    const spies = [
      vi.spyOn(console, "log"),
      vi.spyOn(console, "info"),
      vi.spyOn(console, "warn"),
      vi.spyOn(console, "error"),
      vi.spyOn(console, "debug"),
      vi.spyOn(process.stdout, "write"),
      vi.spyOn(process.stderr, "write"),
    ];
    try {
      const client = clientFor(emulator);
      await client.send(new CreateSecretCommand({ Name: "quiet", SecretString: "never-logged" }));
      await client.send(new GetSecretValueCommand({ SecretId: "quiet" }));
      await failure(client.send(new CreateSecretCommand({ Name: "quiet", SecretString: "never-logged" })));
      const badKey = clientFor(emulator, { credentials: { accessKeyId: "AKIAX", secretAccessKey: "y" } });
      await failure(badKey.send(new ListSecretsCommand({})));
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
