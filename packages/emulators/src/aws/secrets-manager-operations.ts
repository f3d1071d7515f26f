/**
 * The AWS Secrets Manager operations this emulator answers, following the API Reference for API version
 * 2017-10-17 (awsJson1_1): each reads its request members, checks the documented constraints and errors, and
 * returns the documented response members. Dates are epoch seconds, `SecretBinary` is base64, as the protocol says.
 */
import { AwsServiceError, awsMessages } from "./aws-errors.js";
import type { RequestInput } from "./request-input.js";
import { matchesFilters } from "./secret-filters.js";
import {
  AWSCURRENT,
  type SecretPayload,
  type SecretRecord,
  type SecretStore,
  type SecretVersion,
} from "./secret-store.js";

export type OperationHandler = (input: RequestInput, store: SecretStore) => Record<string, unknown>;

const SECRET_ID = { required: true, min: 1, max: 2048 } as const;
const TOKEN = { min: 32, max: 64 } as const;
const MAX_VALUE = 65536;
const NAME_PATTERN = /^[A-Za-z0-9/_+=.@-]+$/;

export const operations: Readonly<Record<string, OperationHandler>> = {
  CreateSecret(input, store) {
    const name = input.string("Name", { required: true, min: 1, max: 512 });
    const versionId = input.string("ClientRequestToken", TOKEN);
    const description = input.string("Description", { max: 2048 });
    const kmsKeyId = input.string("KmsKeyId", { max: 2048 });
    const payload = readPayload(input);
    const tags = input.tags("Tags");
    input.done();
    if (!NAME_PATTERN.test(name)) {
      throw new AwsServiceError(
        "ValidationException",
        "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!",
      );
    }
    const { record, version } = store.create({ name, versionId, payload, description, kmsKeyId, tags });
    return {
      ARN: record.arn,
      Name: record.name,
      ...(version ? { VersionId: version.versionId } : {}),
      ReplicationStatus: [],
    };
  },

  GetSecretValue(input, store) {
    const secretId = input.string("SecretId", SECRET_ID);
    const versionId = input.string("VersionId", TOKEN);
    const versionStage = input.string("VersionStage", { min: 1, max: 256 });
    input.done();
    const record = store.requireActive(secretId);
    const version = store.selectVersion(record, withDefined({ versionId, versionStage }));
    store.markAccessed(record);
    return secretValueEntry(record, version);
  },

  BatchGetSecretValue(input, store) {
    const secretIds = input.stringList("SecretIdList", {
      minItems: 1,
      maxItems: 20,
      item: { min: 1, max: 2048 },
    });
    const filters = input.filters("Filters");
    const maxResults = input.integer("MaxResults", { min: 1, max: 20 });
    const nextToken = input.string("NextToken", { min: 1, max: 4096 });
    input.done();
    if ((secretIds === undefined) === (filters === undefined)) {
      throw new AwsServiceError(
        "InvalidParameterException",
        "You must include Filters or SecretIdList, but not both.",
      );
    }
    if (secretIds !== undefined) {
      if (maxResults !== undefined || nextToken !== undefined) {
        throw new AwsServiceError(
          "InvalidParameterException",
          "MaxResults and NextToken can only be used with Filters.",
        );
      }
      const values: Record<string, unknown>[] = [];
      const errors: Record<string, unknown>[] = [];
      for (const secretId of secretIds) {
        try {
          const record = store.requireActive(secretId);
          const version = store.selectVersion(record, {});
          store.markAccessed(record);
          values.push(secretValueEntry(record, version));
        } catch (error) {
          if (!(error instanceof AwsServiceError)) throw error;
          errors.push({ SecretId: secretId, ErrorCode: error.code, Message: error.message });
        }
      }
      return { SecretValues: values, Errors: errors };
    }
    const matching = store
      .all()
      .filter((r) => !r.deletedDate && matchesFilters(r, filters ?? []))
      .sort(byCreated("asc"));
    const page = paginate(matching, maxResults ?? 20, nextToken);
    const values: Record<string, unknown>[] = [];
    const errors: Record<string, unknown>[] = [];
    for (const record of page.items) {
      try {
        const version = store.selectVersion(record, {});
        store.markAccessed(record);
        values.push(secretValueEntry(record, version));
      } catch (error) {
        if (!(error instanceof AwsServiceError)) throw error;
        errors.push({ SecretId: record.arn, ErrorCode: error.code, Message: error.message });
      }
    }
    return { SecretValues: values, Errors: errors, ...nextTokenMember(page.nextToken) };
  },

  PutSecretValue(input, store) {
    const secretId = input.string("SecretId", SECRET_ID);
    const token = input.string("ClientRequestToken", TOKEN);
    const payload = readPayload(input);
    const stages = input.stringList("VersionStages", {
      minItems: 1,
      maxItems: 20,
      item: { min: 1, max: 256 },
    });
    input.string("RotationToken", { min: 36, max: 256 });
    input.done();
    if (!payload) throw new AwsServiceError("InvalidParameterException", awsMessages.valueRequired);
    const record = store.requireActive(secretId);
    const version = store.putValue(record, {
      versionId: token ?? store.nextVersionId(),
      payload,
      stages: stages ?? [AWSCURRENT],
    });
    return {
      ARN: record.arn,
      Name: record.name,
      VersionId: version.versionId,
      VersionStages: [...version.stages],
    };
  },

  UpdateSecret(input, store) {
    const secretId = input.string("SecretId", SECRET_ID);
    const token = input.string("ClientRequestToken", TOKEN);
    const description = input.string("Description", { max: 2048 });
    const kmsKeyId = input.string("KmsKeyId", { max: 2048 });
    const payload = readPayload(input);
    input.done();
    const record = store.requireActive(secretId);
    let version: SecretVersion | undefined;
    if (payload) {
      version = store.putValue(record, {
        versionId: token ?? store.nextVersionId(),
        payload,
        stages: [AWSCURRENT],
      });
    }
    if (description !== undefined || kmsKeyId !== undefined) {
      if (description !== undefined) record.description = description;
      if (kmsKeyId !== undefined) record.kmsKeyId = kmsKeyId;
      record.lastChangedDate = store.now();
    }
    return { ARN: record.arn, Name: record.name, ...(version ? { VersionId: version.versionId } : {}) };
  },

  DescribeSecret(input, store) {
    const secretId = input.string("SecretId", SECRET_ID);
    input.done();
    const record = store.require(secretId);
    return { ...metadata(record), VersionIdsToStages: store.versionsToStages(record) };
  },

  ListSecrets(input, store) {
    const includePlannedDeletion = input.boolean("IncludePlannedDeletion") ?? false;
    const maxResults = input.integer("MaxResults", { min: 1, max: 100 });
    const nextToken = input.string("NextToken", { min: 1, max: 4096 });
    const filters = input.filters("Filters");
    const sortOrder = input.string("SortOrder", { oneOf: ["asc", "desc"] }) as "asc" | "desc" | undefined;
    const sortBy = input.string("SortBy", {
      oneOf: ["created-date", "last-accessed-date", "last-changed-date", "name"],
    });
    input.done();
    const matching = store
      .all()
      .filter((r) => (includePlannedDeletion || !r.deletedDate) && matchesFilters(r, filters ?? []))
      .sort(sorter(sortBy ?? "created-date", sortOrder ?? "desc"));
    const page = paginate(matching, maxResults ?? 100, nextToken);
    return {
      SecretList: page.items.map((r) => ({
        ...metadata(r),
        SecretVersionsToStages: store.versionsToStages(r),
      })),
      ...nextTokenMember(page.nextToken),
    };
  },

  DeleteSecret(input, store) {
    const secretId = input.string("SecretId", SECRET_ID);
    const window = input.integer("RecoveryWindowInDays");
    const force = input.boolean("ForceDeleteWithoutRecovery") ?? false;
    input.done();
    if (force && window !== undefined) {
      throw new AwsServiceError("InvalidParameterException", awsMessages.forceWithWindow);
    }
    if (window !== undefined && (window < 7 || window > 30)) {
      throw new AwsServiceError("InvalidParameterException", awsMessages.recoveryWindowRange);
    }
    const record = store.require(secretId);
    if (force) {
      const deletionDate = store.deleteNow(record);
      return { ARN: record.arn, Name: record.name, DeletionDate: epochSeconds(deletionDate) };
    }
    if (record.deletedDate) {
      throw new AwsServiceError("InvalidRequestException", awsMessages.alreadyScheduledForDeletion);
    }
    const deletionDate = store.scheduleDeletion(record, window ?? 30);
    return { ARN: record.arn, Name: record.name, DeletionDate: epochSeconds(deletionDate) };
  },

  RestoreSecret(input, store) {
    const secretId = input.string("SecretId", SECRET_ID);
    input.done();
    const record = store.require(secretId);
    store.restore(record);
    return { ARN: record.arn, Name: record.name };
  },

  TagResource(input, store) {
    const secretId = input.string("SecretId", SECRET_ID);
    const tags = input.tags("Tags", true);
    input.done();
    const record = store.requireActive(secretId);
    const keys = new Set([...record.tags.map((t) => t.Key), ...(tags ?? []).map((t) => t.Key)]);
    if (keys.size > 50) {
      throw new AwsServiceError("InvalidParameterException", "A secret can have at most 50 tags.");
    }
    store.tag(record, tags ?? []);
    return {};
  },

  UntagResource(input, store) {
    const secretId = input.string("SecretId", SECRET_ID);
    const keys = input.stringList("TagKeys", { required: true, item: { min: 1, max: 128 } });
    input.done();
    const record = store.requireActive(secretId);
    store.untag(record, keys ?? []);
    return {};
  },
};

function readPayload(input: RequestInput): SecretPayload | undefined {
  const text = input.string("SecretString", { max: MAX_VALUE });
  const bytes = input.blob("SecretBinary", MAX_VALUE);
  if (text !== undefined && bytes !== undefined) {
    throw new AwsServiceError("InvalidParameterException", awsMessages.bothValues);
  }
  if (text !== undefined) return { text };
  if (bytes !== undefined) return { bytes };
  return undefined;
}

function secretValueEntry(record: SecretRecord, version: SecretVersion): Record<string, unknown> {
  return {
    ARN: record.arn,
    Name: record.name,
    VersionId: version.versionId,
    ...("text" in version.payload
      ? { SecretString: version.payload.text }
      : { SecretBinary: version.payload.bytes.toString("base64") }),
    VersionStages: [...version.stages],
    CreatedDate: epochSeconds(version.createdDate),
  };
}

/** The members DescribeSecret and ListSecrets share. */
function metadata(record: SecretRecord): Record<string, unknown> {
  return {
    ARN: record.arn,
    Name: record.name,
    ...(record.description !== undefined ? { Description: record.description } : {}),
    ...(record.kmsKeyId !== undefined ? { KmsKeyId: record.kmsKeyId } : {}),
    LastChangedDate: epochSeconds(record.lastChangedDate),
    ...(record.lastAccessedDate ? { LastAccessedDate: epochSeconds(record.lastAccessedDate) } : {}),
    ...(record.deletedDate ? { DeletedDate: epochSeconds(record.deletedDate) } : {}),
    Tags: record.tags.map((t) => ({ ...t })),
    CreatedDate: epochSeconds(record.createdDate),
  };
}

function sorter(sortBy: string, order: "asc" | "desc"): (a: SecretRecord, b: SecretRecord) => number {
  if (sortBy === "name") {
    return (a, b) => (order === "asc" ? 1 : -1) * (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  }
  const date = (r: SecretRecord): number =>
    (sortBy === "last-accessed-date"
      ? r.lastAccessedDate
      : sortBy === "last-changed-date"
        ? r.lastChangedDate
        : r.createdDate
    )?.getTime() ?? 0;
  const stable = byCreated(order);
  return (a, b) => (order === "asc" ? 1 : -1) * (date(a) - date(b)) || stable(a, b);
}

/** Secrets created in the same millisecond keep their creation order (the store's insertion order). */
function byCreated(order: "asc" | "desc"): (a: SecretRecord, b: SecretRecord) => number {
  return (a, b) =>
    (order === "asc" ? 1 : -1) * (a.createdDate.getTime() - b.createdDate.getTime() || a.order - b.order);
}

/**
 * Page tokens are opaque to clients; here they carry the offset of the next item. A token that does not decode
 * is AWS's `InvalidNextTokenException`.
 */
function paginate<T>(
  items: T[],
  pageSize: number,
  token: string | undefined,
): { items: T[]; nextToken?: string } {
  let offset = 0;
  if (token !== undefined) {
    const decoded = /^emu:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
    if (!decoded) throw new AwsServiceError("InvalidNextTokenException", awsMessages.invalidNextToken);
    offset = Number(decoded[1]);
  }
  const end = offset + pageSize;
  const page = items.slice(offset, end);
  return end < items.length
    ? { items: page, nextToken: Buffer.from(`emu:${end}`).toString("base64url") }
    : { items: page };
}

function nextTokenMember(token: string | undefined): { NextToken?: string } {
  return token === undefined ? {} : { NextToken: token };
}

export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

function withDefined(selector: { versionId: string | undefined; versionStage: string | undefined }): {
  versionId?: string;
  versionStage?: string;
} {
  return {
    ...(selector.versionId !== undefined ? { versionId: selector.versionId } : {}),
    ...(selector.versionStage !== undefined ? { versionStage: selector.versionStage } : {}),
  };
}
