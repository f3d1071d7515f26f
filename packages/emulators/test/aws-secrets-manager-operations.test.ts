import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidNextTokenException,
  InvalidParameterException,
  InvalidRequestException,
  ListSecretsCommand,
  type ListSecretsCommandInput,
  PutSecretValueCommand,
  paginateListSecrets,
  ResourceExistsException,
  ResourceNotFoundException,
  RestoreSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AwsEmulator, startAwsEmulator } from "../src/aws/index.js";
import { awsFailure as failure } from "./rejections.js";

const START = new Date("2030-01-15T10:20:30.000Z");
const DAY = 24 * 60 * 60 * 1000;
const TOKEN_A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const TOKEN_B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const TOKEN_C = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";

let emulator: AwsEmulator;
let client: SecretsManagerClient;

beforeEach(async () => {
  // A fixed clock makes every date in a response predictable; SigV4 itself still uses the real time.
  emulator = await startAwsEmulator({ now: () => START.getTime() });
  client = new SecretsManagerClient({ ...emulator.clientConfig, maxAttempts: 1 });
});

afterEach(async () => {
  client.destroy();
  await emulator.close();
});

describe("AWS Secrets Manager emulator", () => {
  describe("CreateSecret", () => {
    it("creates a string secret whose ARN carries the region, account, name and a six-character suffix", async () => {
      const created = await client.send(
        new CreateSecretCommand({ Name: "app/db", SecretString: "pw-1", ClientRequestToken: TOKEN_A }),
      );
      expect(created.ARN).toMatch(
        /^arn:aws:secretsmanager:us-east-1:123456789012:secret:app\/db-[A-Za-z0-9]{6}$/,
      );
      expect(created.Name).toBe("app/db");
      expect(created.VersionId).toBe(TOKEN_A);
      const read = await client.send(new GetSecretValueCommand({ SecretId: "app/db" }));
      expect(read.SecretString).toBe("pw-1");
      expect(read.SecretBinary).toBeUndefined();
    });

    it("stores a binary secret byte for byte", async () => {
      const bytes = new Uint8Array([0, 1, 2, 250, 255]);
      await client.send(new CreateSecretCommand({ Name: "bin", SecretBinary: bytes }));
      const read = await client.send(new GetSecretValueCommand({ SecretId: "bin" }));
      expect(read.SecretString).toBeUndefined();
      expect([...(read.SecretBinary ?? [])]).toEqual([...bytes]);
    });

    it("creates a secret with no version when no value is given", async () => {
      const created = await client.send(
        new CreateSecretCommand({ Name: "empty", ClientRequestToken: TOKEN_A }),
      );
      expect(created.VersionId).toBeUndefined();
      const error = await failure(client.send(new GetSecretValueCommand({ SecretId: "empty" })));
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error.message).toBe(
        "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
      );
    });

    it("keeps the description, KMS key id and tags", async () => {
      await client.send(
        new CreateSecretCommand({
          Name: "tagged",
          SecretString: "x",
          Description: "the db password",
          KmsKeyId: "alias/custom",
          Tags: [
            { Key: "team", Value: "core" },
            { Key: "env", Value: "test" },
          ],
        }),
      );
      const described = await client.send(new DescribeSecretCommand({ SecretId: "tagged" }));
      expect(described.Description).toBe("the db password");
      expect(described.KmsKeyId).toBe("alias/custom");
      expect(described.Tags).toEqual([
        { Key: "team", Value: "core" },
        { Key: "env", Value: "test" },
      ]);
    });

    it("answers a retried request with the same token and value as the first, creating one version", async () => {
      const first = await client.send(
        new CreateSecretCommand({ Name: "retry", SecretString: "v", ClientRequestToken: TOKEN_A }),
      );
      const again = await client.send(
        new CreateSecretCommand({ Name: "retry", SecretString: "v", ClientRequestToken: TOKEN_A }),
      );
      expect(again.ARN).toBe(first.ARN);
      expect(again.VersionId).toBe(TOKEN_A);
      expect(emulator.counters.get("CreateSecret")).toBe(2);
      expect(emulator.secret("retry")?.versions).toHaveLength(1);
    });

    it("refuses an existing name with ResourceExistsException", async () => {
      await client.send(
        new CreateSecretCommand({ Name: "taken", SecretString: "v", ClientRequestToken: TOKEN_A }),
      );
      const error = await failure(
        client.send(
          new CreateSecretCommand({ Name: "taken", SecretString: "v", ClientRequestToken: TOKEN_B }),
        ),
      );
      expect(error).toBeInstanceOf(ResourceExistsException);
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toBe("The operation failed because the secret taken already exists.");
    });

    it("refuses a name whose secret is scheduled for deletion with InvalidRequestException", async () => {
      await client.send(new CreateSecretCommand({ Name: "gone", SecretString: "v" }));
      await client.send(new DeleteSecretCommand({ SecretId: "gone" }));
      const error = await failure(client.send(new CreateSecretCommand({ Name: "gone", SecretString: "v" })));
      expect(error).toBeInstanceOf(InvalidRequestException);
      expect(error.message).toContain("already scheduled for deletion");
    });

    it("refuses a string and a binary value together with InvalidParameterException, without echoing them", async () => {
      const error = await failure(
        client.send(
          new CreateSecretCommand({
            Name: "both",
            SecretString: "hunter2-string",
            SecretBinary: new Uint8Array([1]),
          }),
        ),
      );
      expect(error).toBeInstanceOf(InvalidParameterException);
      expect(error.message).not.toContain("hunter2");
    });

    it("rejects a name with characters AWS does not allow with ValidationException", async () => {
      const error = await failure(
        client.send(new CreateSecretCommand({ Name: "bad name!", SecretString: "v" })),
      );
      expect(error.name).toBe("ValidationException");
      expect(error.$metadata.httpStatusCode).toBe(400);
    });

    it("rejects a too long name and a too long value with ValidationException that never quotes the value", async () => {
      const value = `s3cr3t-${"x".repeat(65536)}`;
      const error = await failure(
        client.send(new CreateSecretCommand({ Name: "n".repeat(513), SecretString: value })),
      );
      expect(error.name).toBe("ValidationException");
      expect(error.message).toContain("2 validation errors detected");
      expect(error.message).toContain(
        "'name' failed to satisfy constraint: Member must have length less than or equal to 512",
      );
      expect(error.message).toContain("'secretString' failed to satisfy constraint");
      expect(error.message).not.toContain("s3cr3t");
    });
  });

  describe("GetSecretValue", () => {
    it("finds a secret by name, full ARN and partial ARN", async () => {
      const { ARN } = await client.send(new CreateSecretCommand({ Name: "svc/key", SecretString: "k" }));
      const partial = ARN?.slice(0, -7);
      for (const id of ["svc/key", ARN, partial]) {
        const read = await client.send(new GetSecretValueCommand({ SecretId: id }));
        expect(read.SecretString).toBe("k");
        expect(read.ARN).toBe(ARN);
      }
    });

    it("reads AWSCURRENT by default and older versions by stage or id", async () => {
      await client.send(
        new CreateSecretCommand({ Name: "rot", SecretString: "one", ClientRequestToken: TOKEN_A }),
      );
      await client.send(
        new PutSecretValueCommand({ SecretId: "rot", SecretString: "two", ClientRequestToken: TOKEN_B }),
      );
      const current = await client.send(new GetSecretValueCommand({ SecretId: "rot" }));
      expect(current).toMatchObject({
        SecretString: "two",
        VersionId: TOKEN_B,
        VersionStages: ["AWSCURRENT"],
      });
      const previous = await client.send(
        new GetSecretValueCommand({ SecretId: "rot", VersionStage: "AWSPREVIOUS" }),
      );
      expect(previous).toMatchObject({
        SecretString: "one",
        VersionId: TOKEN_A,
        VersionStages: ["AWSPREVIOUS"],
      });
      const byId = await client.send(new GetSecretValueCommand({ SecretId: "rot", VersionId: TOKEN_A }));
      expect(byId.SecretString).toBe("one");
      expect(byId.CreatedDate).toEqual(START);
    });

    it("answers ResourceNotFoundException for a missing secret, version id, or id and stage that disagree", async () => {
      await client.send(
        new CreateSecretCommand({ Name: "one", SecretString: "v", ClientRequestToken: TOKEN_A }),
      );
      const missing = await failure(client.send(new GetSecretValueCommand({ SecretId: "nope" })));
      expect(missing).toBeInstanceOf(ResourceNotFoundException);
      expect(missing.message).toBe("Secrets Manager can't find the specified secret.");
      const noVersion = await failure(
        client.send(new GetSecretValueCommand({ SecretId: "one", VersionId: TOKEN_C })),
      );
      expect(noVersion).toBeInstanceOf(ResourceNotFoundException);
      expect(noVersion.message).toContain(`VersionId: ${TOKEN_C}`);
      const mismatch = await failure(
        client.send(
          new GetSecretValueCommand({ SecretId: "one", VersionId: TOKEN_A, VersionStage: "AWSPREVIOUS" }),
        ),
      );
      expect(mismatch).toBeInstanceOf(ResourceNotFoundException);
    });

    it("refuses a secret marked for deletion with AWS's InvalidRequestException", async () => {
      await client.send(new CreateSecretCommand({ Name: "doomed", SecretString: "v" }));
      await client.send(new DeleteSecretCommand({ SecretId: "doomed" }));
      const error = await failure(client.send(new GetSecretValueCommand({ SecretId: "doomed" })));
      expect(error).toBeInstanceOf(InvalidRequestException);
      expect(error.message).toBe(
        "You can't perform this operation on the secret because it was marked for deletion.",
      );
    });

    it("records the day of the last read as LastAccessedDate", async () => {
      await client.send(new CreateSecretCommand({ Name: "read-me", SecretString: "v" }));
      const before = await client.send(new DescribeSecretCommand({ SecretId: "read-me" }));
      expect(before.LastAccessedDate).toBeUndefined();
      await client.send(new GetSecretValueCommand({ SecretId: "read-me" }));
      const after = await client.send(new DescribeSecretCommand({ SecretId: "read-me" }));
      expect(after.LastAccessedDate).toEqual(new Date("2030-01-15T00:00:00.000Z"));
    });
  });

  describe("PutSecretValue", () => {
    it("adds a version that takes AWSCURRENT and hands AWSPREVIOUS to the version before", async () => {
      await client.send(
        new CreateSecretCommand({ Name: "p", SecretString: "1", ClientRequestToken: TOKEN_A }),
      );
      const put = await client.send(
        new PutSecretValueCommand({ SecretId: "p", SecretString: "2", ClientRequestToken: TOKEN_B }),
      );
      expect(put).toMatchObject({ Name: "p", VersionId: TOKEN_B, VersionStages: ["AWSCURRENT"] });
      await client.send(
        new PutSecretValueCommand({ SecretId: "p", SecretString: "3", ClientRequestToken: TOKEN_C }),
      );
      const described = await client.send(new DescribeSecretCommand({ SecretId: "p" }));
      // The first version lost its last label: AWS treats it as deprecated and leaves it out of the map.
      expect(described.VersionIdsToStages).toEqual({ [TOKEN_B]: ["AWSPREVIOUS"], [TOKEN_C]: ["AWSCURRENT"] });
    });

    it("moves only the labels it is given", async () => {
      await client.send(
        new CreateSecretCommand({ Name: "p", SecretString: "1", ClientRequestToken: TOKEN_A }),
      );
      await client.send(
        new PutSecretValueCommand({
          SecretId: "p",
          SecretString: "2",
          ClientRequestToken: TOKEN_B,
          VersionStages: ["AWSPENDING"],
        }),
      );
      expect((await client.send(new GetSecretValueCommand({ SecretId: "p" }))).SecretString).toBe("1");
      const pending = await client.send(
        new GetSecretValueCommand({ SecretId: "p", VersionStage: "AWSPENDING" }),
      );
      expect(pending.SecretString).toBe("2");
    });

    it("ignores a repeated token with the same value and refuses one with another value", async () => {
      await client.send(
        new CreateSecretCommand({ Name: "p", SecretString: "1", ClientRequestToken: TOKEN_A }),
      );
      await client.send(
        new PutSecretValueCommand({ SecretId: "p", SecretString: "2", ClientRequestToken: TOKEN_B }),
      );
      const repeat = await client.send(
        new PutSecretValueCommand({ SecretId: "p", SecretString: "2", ClientRequestToken: TOKEN_B }),
      );
      expect(repeat.VersionStages).toEqual(["AWSCURRENT"]);
      expect(emulator.secret("p")?.versions).toHaveLength(2);
      const error = await failure(
        client.send(
          new PutSecretValueCommand({ SecretId: "p", SecretString: "other", ClientRequestToken: TOKEN_B }),
        ),
      );
      expect(error).toBeInstanceOf(ResourceExistsException);
    });

    it("requires a value, an existing secret, and one not marked for deletion", async () => {
      const noValue = await failure(client.send(new PutSecretValueCommand({ SecretId: "p" })));
      expect(noValue).toBeInstanceOf(InvalidParameterException);
      const missing = await failure(
        client.send(new PutSecretValueCommand({ SecretId: "p", SecretString: "v" })),
      );
      expect(missing).toBeInstanceOf(ResourceNotFoundException);
      await client.send(new CreateSecretCommand({ Name: "p", SecretString: "1" }));
      await client.send(new DeleteSecretCommand({ SecretId: "p", RecoveryWindowInDays: 7 }));
      const deleted = await failure(
        client.send(new PutSecretValueCommand({ SecretId: "p", SecretString: "v" })),
      );
      expect(deleted).toBeInstanceOf(InvalidRequestException);
    });
  });

  describe("UpdateSecret", () => {
    it("changes the description without a new version and moves LastChangedDate", async () => {
      await client.send(new CreateSecretCommand({ Name: "u", SecretString: "1", Description: "old" }));
      emulator.advanceTime(60_000);
      const updated = await client.send(new UpdateSecretCommand({ SecretId: "u", Description: "new" }));
      expect(updated.VersionId).toBeUndefined();
      const described = await client.send(new DescribeSecretCommand({ SecretId: "u" }));
      expect(described.Description).toBe("new");
      expect(described.CreatedDate).toEqual(START);
      expect(described.LastChangedDate).toEqual(new Date(START.getTime() + 60_000));
      expect(Object.keys(described.VersionIdsToStages ?? {})).toHaveLength(1);
    });

    it("makes a new value AWSCURRENT and updates the KMS key id", async () => {
      await client.send(
        new CreateSecretCommand({ Name: "u", SecretString: "1", ClientRequestToken: TOKEN_A }),
      );
      const updated = await client.send(
        new UpdateSecretCommand({
          SecretId: "u",
          SecretString: "2",
          ClientRequestToken: TOKEN_B,
          KmsKeyId: "k2",
        }),
      );
      expect(updated.VersionId).toBe(TOKEN_B);
      expect((await client.send(new GetSecretValueCommand({ SecretId: "u" }))).SecretString).toBe("2");
      const described = await client.send(new DescribeSecretCommand({ SecretId: "u" }));
      expect(described.KmsKeyId).toBe("k2");
      expect(described.VersionIdsToStages).toEqual({ [TOKEN_A]: ["AWSPREVIOUS"], [TOKEN_B]: ["AWSCURRENT"] });
    });

    it("refuses a missing secret and one marked for deletion", async () => {
      expect(
        await failure(client.send(new UpdateSecretCommand({ SecretId: "u", Description: "d" }))),
      ).toBeInstanceOf(ResourceNotFoundException);
      await client.send(new CreateSecretCommand({ Name: "u", SecretString: "1" }));
      await client.send(new DeleteSecretCommand({ SecretId: "u" }));
      const error = await failure(client.send(new UpdateSecretCommand({ SecretId: "u", Description: "d" })));
      expect(error).toBeInstanceOf(InvalidRequestException);
      expect(error.message).toContain("marked for deletion");
    });
  });

  describe("DescribeSecret", () => {
    it("returns the secret's metadata and never its value", async () => {
      const { ARN } = await client.send(
        new CreateSecretCommand({
          Name: "d",
          SecretString: "top-secret-value",
          ClientRequestToken: TOKEN_A,
          Description: "desc",
          Tags: [{ Key: "k", Value: "v" }],
        }),
      );
      const described = await client.send(new DescribeSecretCommand({ SecretId: ARN }));
      expect(described).toMatchObject({
        ARN,
        Name: "d",
        Description: "desc",
        Tags: [{ Key: "k", Value: "v" }],
        VersionIdsToStages: { [TOKEN_A]: ["AWSCURRENT"] },
        CreatedDate: START,
        LastChangedDate: START,
      });
      expect(described.DeletedDate).toBeUndefined();
      expect(JSON.stringify(described)).not.toContain("top-secret-value");
    });

    it("shows DeletedDate while the secret is scheduled for deletion", async () => {
      await client.send(new CreateSecretCommand({ Name: "d", SecretString: "v" }));
      emulator.advanceTime(1000);
      await client.send(new DeleteSecretCommand({ SecretId: "d" }));
      const described = await client.send(new DescribeSecretCommand({ SecretId: "d" }));
      expect(described.DeletedDate).toEqual(new Date(START.getTime() + 1000));
    });

    it("answers ResourceNotFoundException for a missing secret", async () => {
      expect(await failure(client.send(new DescribeSecretCommand({ SecretId: "none" })))).toBeInstanceOf(
        ResourceNotFoundException,
      );
    });
  });

  describe("ListSecrets", () => {
    async function createMany(names: string[]): Promise<void> {
      for (const name of names) {
        await client.send(new CreateSecretCommand({ Name: name, SecretString: `value-of-${name}` }));
        emulator.advanceTime(1000);
      }
    }

    it("pages with MaxResults and NextToken until every secret was listed once", async () => {
      await createMany(["s1", "s2", "s3", "s4", "s5"]);
      const names: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await client.send(new ListSecretsCommand({ MaxResults: 2, NextToken: token }));
        names.push(...(page.SecretList ?? []).map((s) => s.Name ?? ""));
        token = page.NextToken;
        pages++;
      } while (token);
      expect(pages).toBe(3);
      expect(names.sort()).toEqual(["s1", "s2", "s3", "s4", "s5"]);
    });

    it("works with the SDK's paginator", async () => {
      await createMany(["a", "b", "c"]);
      const names: string[] = [];
      for await (const page of paginateListSecrets({ client, pageSize: 1 }, {})) {
        names.push(...(page.SecretList ?? []).map((s) => s.Name ?? ""));
      }
      expect(names.sort()).toEqual(["a", "b", "c"]);
      expect(emulator.counters.get("ListSecrets")).toBe(3);
    });

    it("sorts by creation date, newest first unless SortOrder is asc, and by name with SortBy", async () => {
      await createMany(["b-first", "a-second", "c-third"]);
      const names = async (input: ListSecretsCommandInput) =>
        ((await client.send(new ListSecretsCommand(input))).SecretList ?? []).map((s) => s.Name);
      expect(await names({})).toEqual(["c-third", "a-second", "b-first"]);
      expect(await names({ SortOrder: "asc" })).toEqual(["b-first", "a-second", "c-third"]);
      expect(await names({ SortBy: "name", SortOrder: "asc" })).toEqual(["a-second", "b-first", "c-third"]);
      await client.send(new UpdateSecretCommand({ SecretId: "b-first", Description: "changed last" }));
      expect(await names({ SortBy: "last-changed-date" })).toEqual(["b-first", "c-third", "a-second"]);
    });

    it("lists metadata and version stages, never values", async () => {
      await client.send(
        new CreateSecretCommand({ Name: "m", SecretString: "list-value-xyz", ClientRequestToken: TOKEN_A }),
      );
      const [entry] = (await client.send(new ListSecretsCommand({}))).SecretList ?? [];
      expect(entry).toMatchObject({
        Name: "m",
        SecretVersionsToStages: { [TOKEN_A]: ["AWSCURRENT"] },
        CreatedDate: START,
      });
      expect(JSON.stringify(entry)).not.toContain("list-value-xyz");
    });

    it("filters by name, description, tag key, tag value and free text, with negation", async () => {
      await client.send(
        new CreateSecretCommand({
          Name: "prod/DatabasePassword",
          SecretString: "v",
          Description: "Primary DB",
          Tags: [{ Key: "team", Value: "payments" }],
        }),
      );
      await client.send(
        new CreateSecretCommand({
          Name: "dev/apiKey2",
          SecretString: "v",
          Description: "third party",
          Tags: [{ Key: "owner", Value: "platform" }],
        }),
      );
      const names = async (
        Filters: { Key: "name" | "description" | "tag-key" | "tag-value" | "all"; Values: string[] }[],
      ) =>
        ((await client.send(new ListSecretsCommand({ Filters }))).SecretList ?? []).map((s) => s.Name).sort();
      expect(await names([{ Key: "name", Values: ["prod/"] }])).toEqual(["prod/DatabasePassword"]);
      expect(await names([{ Key: "name", Values: ["Prod/"] }])).toEqual([]);
      expect(await names([{ Key: "description", Values: ["primary"] }])).toEqual(["prod/DatabasePassword"]);
      expect(await names([{ Key: "tag-key", Values: ["own"] }])).toEqual(["dev/apiKey2"]);
      expect(await names([{ Key: "tag-value", Values: ["pay", "plat"] }])).toEqual([
        "dev/apiKey2",
        "prod/DatabasePassword",
      ]);
      expect(await names([{ Key: "name", Values: ["!prod/"] }])).toEqual(["dev/apiKey2"]);
      expect(await names([{ Key: "all", Values: ["password"] }])).toEqual(["prod/DatabasePassword"]);
      expect(await names([{ Key: "all", Values: ["key"] }])).toEqual(["dev/apiKey2"]);
      expect(
        await names([
          { Key: "tag-key", Values: ["team", "owner"] },
          { Key: "name", Values: ["dev/"] },
        ]),
      ).toEqual(["dev/apiKey2"]);
    });

    it("leaves out secrets scheduled for deletion unless IncludePlannedDeletion is set", async () => {
      await createMany(["keep", "drop"]);
      await client.send(new DeleteSecretCommand({ SecretId: "drop" }));
      const plain = await client.send(new ListSecretsCommand({}));
      expect((plain.SecretList ?? []).map((s) => s.Name)).toEqual(["keep"]);
      const all = await client.send(new ListSecretsCommand({ IncludePlannedDeletion: true }));
      const dropped = (all.SecretList ?? []).find((s) => s.Name === "drop");
      expect(dropped?.DeletedDate).toBeInstanceOf(Date);
    });

    it("rejects a token it did not issue with InvalidNextTokenException and MaxResults over 100 with ValidationException", async () => {
      expect(await failure(client.send(new ListSecretsCommand({ NextToken: "forged" })))).toBeInstanceOf(
        InvalidNextTokenException,
      );
      const tooMany = await failure(client.send(new ListSecretsCommand({ MaxResults: 101 })));
      expect(tooMany.name).toBe("ValidationException");
      expect(tooMany.message).toContain("'maxResults' failed to satisfy constraint");
    });

    it("rejects an unknown filter key or sort order with ValidationException", async () => {
      const error = await failure(
        client.send(new ListSecretsCommand({ Filters: [{ Key: "colour" as "name", Values: ["x"] }] })),
      );
      expect(error.name).toBe("ValidationException");
      expect(error.message).toContain(
        "'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum",
      );
      const order = await failure(client.send(new ListSecretsCommand({ SortOrder: "sideways" as "asc" })));
      expect(order.name).toBe("ValidationException");
      expect(order.message).toContain("Member must satisfy enum value set: [asc, desc]");
    });
  });

  describe("BatchGetSecretValue", () => {
    it("returns the values found and an Errors entry per id that failed", async () => {
      await client.send(new CreateSecretCommand({ Name: "b1", SecretString: "one" }));
      const { ARN } = await client.send(
        new CreateSecretCommand({ Name: "b2", SecretBinary: new Uint8Array([7]) }),
      );
      await client.send(new CreateSecretCommand({ Name: "b3", SecretString: "three" }));
      await client.send(new DeleteSecretCommand({ SecretId: "b3" }));
      const result = await client.send(
        new BatchGetSecretValueCommand({ SecretIdList: ["b1", ARN ?? "", "missing", "b3"] }),
      );
      expect((result.SecretValues ?? []).map((v) => v.Name)).toEqual(["b1", "b2"]);
      expect(result.SecretValues?.[0]?.SecretString).toBe("one");
      expect([...(result.SecretValues?.[1]?.SecretBinary ?? [])]).toEqual([7]);
      expect(result.Errors).toEqual([
        {
          SecretId: "missing",
          ErrorCode: "ResourceNotFoundException",
          Message: "Secrets Manager can't find the specified secret.",
        },
        {
          SecretId: "b3",
          ErrorCode: "InvalidRequestException",
          Message: "You can't perform this operation on the secret because it was marked for deletion.",
        },
      ]);
    });

    it("selects by Filters and pages with MaxResults", async () => {
      for (const name of ["team/a", "team/b", "team/c", "other"]) {
        await client.send(new CreateSecretCommand({ Name: name, SecretString: `v-${name}` }));
      }
      const first = await client.send(
        new BatchGetSecretValueCommand({ Filters: [{ Key: "name", Values: ["team/"] }], MaxResults: 2 }),
      );
      expect((first.SecretValues ?? []).map((v) => v.SecretString)).toEqual(["v-team/a", "v-team/b"]);
      expect(first.NextToken).toBeDefined();
      const second = await client.send(
        new BatchGetSecretValueCommand({
          Filters: [{ Key: "name", Values: ["team/"] }],
          MaxResults: 2,
          NextToken: first.NextToken,
        }),
      );
      expect((second.SecretValues ?? []).map((v) => v.SecretString)).toEqual(["v-team/c"]);
      expect(second.NextToken).toBeUndefined();
    });

    it("takes at most 20 ids", async () => {
      const ids = Array.from({ length: 21 }, (_, i) => `id-${i}`);
      const error = await failure(client.send(new BatchGetSecretValueCommand({ SecretIdList: ids })));
      expect(error.name).toBe("ValidationException");
      expect(error.message).toContain("Member must have length less than or equal to 20");
    });

    it("needs exactly one of SecretIdList and Filters", async () => {
      expect(await failure(client.send(new BatchGetSecretValueCommand({})))).toBeInstanceOf(
        InvalidParameterException,
      );
      const both = await failure(
        client.send(
          new BatchGetSecretValueCommand({ SecretIdList: ["a"], Filters: [{ Key: "name", Values: ["a"] }] }),
        ),
      );
      expect(both).toBeInstanceOf(InvalidParameterException);
    });
  });

  describe("DeleteSecret", () => {
    it("schedules deletion 30 days out by default", async () => {
      await client.send(new CreateSecretCommand({ Name: "del", SecretString: "v" }));
      const deleted = await client.send(new DeleteSecretCommand({ SecretId: "del" }));
      expect(deleted.Name).toBe("del");
      expect(deleted.DeletionDate).toEqual(new Date(START.getTime() + 30 * DAY));
    });

    it("removes the secret for good once the recovery window has passed", async () => {
      await client.send(new CreateSecretCommand({ Name: "del", SecretString: "v" }));
      const deleted = await client.send(
        new DeleteSecretCommand({ SecretId: "del", RecoveryWindowInDays: 7 }),
      );
      expect(deleted.DeletionDate).toEqual(new Date(START.getTime() + 7 * DAY));
      emulator.advanceTime(7 * DAY - 1);
      expect((await client.send(new DescribeSecretCommand({ SecretId: "del" }))).Name).toBe("del");
      emulator.advanceTime(1);
      expect(await failure(client.send(new DescribeSecretCommand({ SecretId: "del" })))).toBeInstanceOf(
        ResourceNotFoundException,
      );
      expect(emulator.secret("del")).toBeUndefined();
      // The name is free again.
      await client.send(new CreateSecretCommand({ Name: "del", SecretString: "new" }));
    });

    it("deletes at once with ForceDeleteWithoutRecovery, even when already scheduled", async () => {
      await client.send(new CreateSecretCommand({ Name: "del", SecretString: "v" }));
      await client.send(new DeleteSecretCommand({ SecretId: "del" }));
      const forced = await client.send(
        new DeleteSecretCommand({ SecretId: "del", ForceDeleteWithoutRecovery: true }),
      );
      expect(forced.DeletionDate).toEqual(START);
      expect(await failure(client.send(new GetSecretValueCommand({ SecretId: "del" })))).toBeInstanceOf(
        ResourceNotFoundException,
      );
    });

    it("refuses a recovery window outside 7–30 days and one combined with ForceDeleteWithoutRecovery", async () => {
      await client.send(new CreateSecretCommand({ Name: "del", SecretString: "v" }));
      for (const days of [6, 31]) {
        const error = await failure(
          client.send(new DeleteSecretCommand({ SecretId: "del", RecoveryWindowInDays: days })),
        );
        expect(error).toBeInstanceOf(InvalidParameterException);
        expect(error.message).toContain("between 7 and 30 days");
      }
      const both = await failure(
        client.send(
          new DeleteSecretCommand({
            SecretId: "del",
            RecoveryWindowInDays: 7,
            ForceDeleteWithoutRecovery: true,
          }),
        ),
      );
      expect(both).toBeInstanceOf(InvalidParameterException);
      expect(both.message).toContain("ForceDeleteWithoutRecovery");
      expect(emulator.secret("del")?.deletedDate).toBeUndefined();
    });

    it("refuses a second scheduled deletion and a missing secret", async () => {
      await client.send(new CreateSecretCommand({ Name: "del", SecretString: "v" }));
      await client.send(new DeleteSecretCommand({ SecretId: "del" }));
      expect(await failure(client.send(new DeleteSecretCommand({ SecretId: "del" })))).toBeInstanceOf(
        InvalidRequestException,
      );
      expect(await failure(client.send(new DeleteSecretCommand({ SecretId: "none" })))).toBeInstanceOf(
        ResourceNotFoundException,
      );
    });
  });

  describe("RestoreSecret", () => {
    it("cancels a scheduled deletion", async () => {
      const { ARN } = await client.send(new CreateSecretCommand({ Name: "r", SecretString: "back" }));
      await client.send(new DeleteSecretCommand({ SecretId: "r" }));
      const restored = await client.send(new RestoreSecretCommand({ SecretId: "r" }));
      expect(restored).toMatchObject({ ARN, Name: "r" });
      expect((await client.send(new GetSecretValueCommand({ SecretId: "r" }))).SecretString).toBe("back");
      expect((await client.send(new DescribeSecretCommand({ SecretId: "r" }))).DeletedDate).toBeUndefined();
      // Restored secrets are not purged when the old deletion date passes.
      emulator.advanceTime(31 * DAY);
      expect((await client.send(new GetSecretValueCommand({ SecretId: "r" }))).SecretString).toBe("back");
    });

    it("answers ResourceNotFoundException for a missing secret", async () => {
      expect(await failure(client.send(new RestoreSecretCommand({ SecretId: "r" })))).toBeInstanceOf(
        ResourceNotFoundException,
      );
    });
  });

  describe("TagResource and UntagResource", () => {
    it("adds, overwrites and removes tags", async () => {
      await client.send(
        new CreateSecretCommand({ Name: "t", SecretString: "v", Tags: [{ Key: "a", Value: "1" }] }),
      );
      await client.send(
        new TagResourceCommand({
          SecretId: "t",
          Tags: [
            { Key: "a", Value: "2" },
            { Key: "b", Value: "3" },
          ],
        }),
      );
      expect((await client.send(new DescribeSecretCommand({ SecretId: "t" }))).Tags).toEqual([
        { Key: "a", Value: "2" },
        { Key: "b", Value: "3" },
      ]);
      await client.send(new UntagResourceCommand({ SecretId: "t", TagKeys: ["a", "not-there"] }));
      expect((await client.send(new DescribeSecretCommand({ SecretId: "t" }))).Tags).toEqual([
        { Key: "b", Value: "3" },
      ]);
    });

    it("refuses a missing secret, one marked for deletion, and more than 50 tags", async () => {
      expect(
        await failure(
          client.send(new TagResourceCommand({ SecretId: "t", Tags: [{ Key: "a", Value: "1" }] })),
        ),
      ).toBeInstanceOf(ResourceNotFoundException);
      await client.send(new CreateSecretCommand({ Name: "t", SecretString: "v" }));
      const tooMany = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
      const error = await failure(client.send(new TagResourceCommand({ SecretId: "t", Tags: tooMany })));
      expect(error.name).toBe("ValidationException");
      await client.send(new DeleteSecretCommand({ SecretId: "t" }));
      expect(
        await failure(client.send(new UntagResourceCommand({ SecretId: "t", TagKeys: ["a"] }))),
      ).toBeInstanceOf(InvalidRequestException);
    });
  });
});
