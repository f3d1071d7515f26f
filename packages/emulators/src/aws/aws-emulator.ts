import { EmulatorClock } from "../shared/emulator-clock.js";
import {
  type EmulatorListenOptions,
  type EmulatorServer,
  listenEmulator,
} from "../shared/emulator-server.js";
import { createAwsEmulatorDefinition } from "./aws-emulator-definition.js";
import { AwsServiceError } from "./aws-errors.js";
import { type SecretPayload, SecretStore, type SecretTag } from "./secret-store.js";
import type { AwsCredentials } from "./sigv4-verifier.js";

/** The key pair a fresh emulator accepts when none is configured. Not a real AWS key. */
export const DEFAULT_AWS_EMULATOR_CREDENTIALS: AwsCredentials = Object.freeze({
  accessKeyId: "AKIAEMULATOR00000000",
  secretAccessKey: "emulator/secret/access/key/0000000000000",
});

export interface AwsEmulatorOptions extends EmulatorListenOptions {
  /** The region requests must be signed for, and the region in every ARN. @default "us-east-1" */
  region?: string | undefined;
  /** The account id in every ARN. @default "123456789012" */
  accountId?: string | undefined;
  /**
   * Key pairs whose SigV4 signatures are accepted. A pair with a `sessionToken` also requires that token.
   * @default DEFAULT_AWS_EMULATOR_CREDENTIALS
   */
  credentials?: AwsCredentials | readonly AwsCredentials[] | undefined;
  /**
   * The emulator's clock: created, changed and deletion dates read it. `advanceTime()` moves it further.
   * Milliseconds since the epoch, like the other emulators' clocks.
   * @default Date.now
   */
  now?: (() => number) | undefined;
  /** Secrets present from the start. */
  secrets?: readonly AwsSeedSecret[] | undefined;
}

/** A secret written directly into the emulator's state, without a signed request. */
export interface AwsSeedSecret {
  name: string;
  /** The value as text; give this or `secretBinary` (or neither, for a secret with no version yet). */
  secretString?: string | undefined;
  secretBinary?: Uint8Array | undefined;
  description?: string | undefined;
  kmsKeyId?: string | undefined;
  tags?: Readonly<Record<string, string>> | undefined;
  /** The id of the first version. @default a reproducible id */
  versionId?: string | undefined;
}

/** One version of a secret, as `AwsEmulator.secret()` shows it. */
export interface AwsSecretVersionSnapshot {
  versionId: string;
  stages: string[];
  createdDate: Date;
  secretString?: string;
  secretBinary?: Uint8Array;
}

/** A secret's full state, as `AwsEmulator.secret()` shows it (values included: it is for tests). */
export interface AwsSecretSnapshot {
  arn: string;
  name: string;
  description: string | undefined;
  kmsKeyId: string | undefined;
  tags: Record<string, string>;
  createdDate: Date;
  lastChangedDate: Date;
  lastAccessedDate: Date | undefined;
  /** When DeleteSecret was called, while the secret is scheduled for deletion. */
  deletedDate: Date | undefined;
  /** When a scheduled deletion takes effect. */
  deletionDate: Date | undefined;
  versions: AwsSecretVersionSnapshot[];
}

/** What `new SecretsManagerClient(...)` needs to talk to this emulator. */
export interface AwsClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** A running AWS Secrets Manager emulator. */
export interface AwsEmulator extends EmulatorServer {
  readonly region: string;
  readonly accountId: string;
  /** The first accepted key pair. */
  readonly credentials: AwsCredentials;
  /** Spread into `new SecretsManagerClient({ ...emulator.clientConfig, maxAttempts: 1 })`. */
  readonly clientConfig: AwsClientConfig;
  /** The environment variables that point an unconfigured AWS SDK at this emulator. */
  readonly environment: Readonly<Record<string, string>>;
  /** Creates a secret directly (no request is counted). Throws like CreateSecret when the name is taken. */
  seedSecret(secret: AwsSeedSecret): { arn: string; name: string; versionId: string | undefined };
  /** A secret's state by name or ARN, or `undefined` when it does not exist (or its deletion took effect). */
  secret(secretId: string): AwsSecretSnapshot | undefined;
  /** The names of the secrets held, scheduled deletions included, in creation order. */
  secretNames(): string[];
  /** The emulator's current time. */
  now(): Date;
  /** Moves the emulator's clock forward, e.g. past a recovery window. */
  advanceTime(milliseconds: number): void;
  /** Forgets every secret, request count and fault. */
  reset(): void;
}

/** Starts an AWS Secrets Manager emulator on loopback (a free port unless `port` is given). */
export async function startAwsEmulator(options: AwsEmulatorOptions = {}): Promise<AwsEmulator> {
  const region = options.region ?? "us-east-1";
  const accountId = options.accountId ?? "123456789012";
  const credentialList: readonly AwsCredentials[] =
    options.credentials === undefined
      ? [DEFAULT_AWS_EMULATOR_CREDENTIALS]
      : "accessKeyId" in options.credentials
        ? [options.credentials]
        : options.credentials;
  const primary = credentialList[0];
  if (!primary) throw new RangeError("AwsEmulatorOptions.credentials must hold at least one key pair");
  const clock = new EmulatorClock(options.now);
  const now = () => new Date(clock.now());
  const store = new SecretStore({ region, accountId, now });

  const seed = (secret: AwsSeedSecret) => {
    const payload = seedPayload(secret);
    const tags: SecretTag[] = Object.entries(secret.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
    const { record, version } = store.create({
      name: secret.name,
      versionId: secret.versionId,
      payload,
      description: secret.description,
      kmsKeyId: secret.kmsKeyId,
      tags,
    });
    return { arn: record.arn, name: record.name, versionId: version?.versionId };
  };
  for (const secret of options.secrets ?? []) seed(secret);

  const server = await listenEmulator(
    createAwsEmulatorDefinition({ store, region, credentials: credentialList }),
    {
      host: options.host,
      port: options.port,
      tls: options.tls,
    },
  );
  const credentials = {
    accessKeyId: primary.accessKeyId,
    secretAccessKey: primary.secretAccessKey,
    ...(primary.sessionToken === undefined ? {} : { sessionToken: primary.sessionToken }),
  };
  return {
    ...server,
    region,
    accountId,
    credentials: primary,
    clientConfig: { endpoint: server.url, region, credentials },
    environment: {
      AWS_ACCESS_KEY_ID: primary.accessKeyId,
      AWS_SECRET_ACCESS_KEY: primary.secretAccessKey,
      ...(primary.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: primary.sessionToken }),
      AWS_REGION: region,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: server.url,
    },
    seedSecret: seed,
    secret(secretId) {
      const record = store.find(secretId);
      if (!record) return undefined;
      return {
        arn: record.arn,
        name: record.name,
        description: record.description,
        kmsKeyId: record.kmsKeyId,
        tags: Object.fromEntries(record.tags.map((t) => [t.Key, t.Value])),
        createdDate: record.createdDate,
        lastChangedDate: record.lastChangedDate,
        lastAccessedDate: record.lastAccessedDate,
        deletedDate: record.deletedDate,
        deletionDate: record.deletionDate,
        versions: [...record.versions.values()].map((v) => ({
          versionId: v.versionId,
          stages: [...v.stages],
          createdDate: v.createdDate,
          ...("text" in v.payload
            ? { secretString: v.payload.text }
            : { secretBinary: new Uint8Array(v.payload.bytes) }),
        })),
      };
    },
    secretNames: () => store.all().map((r) => r.name),
    now,
    advanceTime: (milliseconds) => clock.advance(milliseconds),
    reset() {
      store.clear();
      server.counters.reset();
      server.faults.clear();
    },
  };
}

function seedPayload(secret: AwsSeedSecret): SecretPayload | undefined {
  if (secret.secretString !== undefined && secret.secretBinary !== undefined) {
    throw new AwsServiceError(
      "InvalidParameterException",
      `Seed secret '${secret.name}': give secretString or secretBinary, not both.`,
    );
  }
  if (secret.secretString !== undefined) return { text: secret.secretString };
  if (secret.secretBinary !== undefined) return { bytes: Buffer.from(secret.secretBinary) };
  return undefined;
}
