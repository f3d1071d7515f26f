/**
 * Reads one `awsJson1_1` request body (API 2017-10-17) and checks the model's constraints the way AWS's request
 * validation does: a wrong JSON type is a `SerializationException`; broken length, range or pattern constraints
 * are gathered into one `ValidationException`. Values are never quoted back.
 */
import { AwsServiceError, type ConstraintViolation, validationError } from "./aws-errors.js";
import { FILTER_KEYS, type FilterKey, type SecretFilter } from "./secret-filters.js";
import type { SecretTag } from "./secret-store.js";

interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** The model's enum values. */
  oneOf?: readonly string[];
}

export class RequestInput {
  readonly #body: Record<string, unknown>;
  readonly #violations: ConstraintViolation[] = [];

  constructor(body: Buffer) {
    const text = body.toString("utf8").trim();
    let parsed: unknown = {};
    if (text !== "") {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new AwsServiceError("SerializationException", "The request body is not valid JSON.");
      }
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new AwsServiceError("SerializationException", "The request body must be a JSON object.");
    }
    this.#body = parsed as Record<string, unknown>;
  }

  has(member: string): boolean {
    return this.#body[member] !== undefined && this.#body[member] !== null;
  }

  string(member: string, rule: StringRule & { required: true }): string;
  string(member: string, rule?: StringRule): string | undefined;
  string(member: string, rule: StringRule = {}): string | undefined {
    const value = this.#raw(member);
    if (value === undefined) return this.#missing(member, rule.required);
    if (typeof value !== "string") throw typeError(member, "string");
    this.#checkString(camel(member), value, rule);
    return value;
  }

  integer(member: string, range: { min?: number; max?: number } = {}): number | undefined {
    const value = this.#raw(member);
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value)) throw typeError(member, "integer");
    if (range.min !== undefined && value < range.min) {
      this.#violate(camel(member), `Member must have value greater than or equal to ${range.min}`);
    }
    if (range.max !== undefined && value > range.max) {
      this.#violate(camel(member), `Member must have value less than or equal to ${range.max}`);
    }
    return value;
  }

  boolean(member: string): boolean | undefined {
    const value = this.#raw(member);
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") throw typeError(member, "boolean");
    return value;
  }

  /** A `blob` member: base64 text in JSON. */
  blob(member: string, max: number): Buffer | undefined {
    const value = this.#raw(member);
    if (value === undefined) return undefined;
    if (typeof value !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw typeError(member, "blob");
    const bytes = Buffer.from(value, "base64");
    if (bytes.length > max)
      this.#violate(camel(member), `Member must have length less than or equal to ${max}`);
    return bytes;
  }

  stringList(
    member: string,
    rule: { required?: boolean; minItems?: number; maxItems?: number; item?: StringRule } = {},
  ): string[] | undefined {
    const value = this.#raw(member);
    if (value === undefined) return this.#missing(member, rule.required);
    if (!Array.isArray(value)) throw typeError(member, "list");
    this.#checkCount(camel(member), value.length, rule);
    return value.map((item, index) => {
      if (typeof item !== "string") throw typeError(`${member}.${index + 1}`, "string");
      this.#checkString(`${camel(member)}.${index + 1}.member`, item, rule.item ?? {});
      return item;
    });
  }

  /** `Tags`: at most 50, keys 1–128 and values 0–256 characters (Tag reference). */
  tags(member: string, required = false): SecretTag[] | undefined {
    const value = this.#raw(member);
    if (value === undefined) return this.#missing(member, required);
    if (!Array.isArray(value)) throw typeError(member, "list");
    this.#checkCount(camel(member), value.length, { maxItems: 50 });
    return value.map((item, index) => {
      if (typeof item !== "object" || item === null || Array.isArray(item)) throw typeError(member, "Tag");
      const tag = item as Record<string, unknown>;
      const path = `${camel(member)}.${index + 1}.member`;
      if (typeof tag.Key !== "string") {
        if (tag.Key === undefined || tag.Key === null) {
          this.#violations.push({
            member: `${path}.key`,
            constraint: "Member must not be null",
            isNull: true,
          });
        } else throw typeError(`${member}.Key`, "string");
      }
      if (tag.Value !== undefined && tag.Value !== null && typeof tag.Value !== "string") {
        throw typeError(`${member}.Value`, "string");
      }
      const key = typeof tag.Key === "string" ? tag.Key : "";
      const tagValue = typeof tag.Value === "string" ? tag.Value : "";
      if (typeof tag.Key === "string") this.#checkString(`${path}.key`, key, { min: 1, max: 128 });
      this.#checkString(`${path}.value`, tagValue, { max: 256 });
      return { Key: key, Value: tagValue };
    });
  }

  /** `Filters`: up to 10 filters of a known key, each with 1–10 values of the documented pattern. */
  filters(member: string): SecretFilter[] | undefined {
    const value = this.#raw(member);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw typeError(member, "list");
    this.#checkCount(camel(member), value.length, { maxItems: 10 });
    return value.map((item, index) => {
      if (typeof item !== "object" || item === null || Array.isArray(item)) throw typeError(member, "Filter");
      const filter = item as Record<string, unknown>;
      const path = `${camel(member)}.${index + 1}.member`;
      const key = filter.Key;
      if (key !== undefined && typeof key !== "string") throw typeError(`${member}.Key`, "string");
      if (key === undefined || !(FILTER_KEYS as readonly string[]).includes(key)) {
        this.#violate(`${path}.key`, `Member must satisfy enum value set: [${FILTER_KEYS.join(", ")}]`);
      }
      const values = filter.Values ?? [];
      if (!Array.isArray(values)) throw typeError(`${member}.Values`, "list");
      this.#checkCount(`${path}.values`, values.length, { minItems: 1, maxItems: 10 });
      for (const v of values) {
        if (typeof v !== "string") throw typeError(`${member}.Values`, "string");
        this.#checkString(`${path}.values`, v, { max: 512, pattern: /^!?[a-zA-Z0-9 :_@/+=.\-!]*$/ });
      }
      return { key: (key ?? "all") as FilterKey, values: values as string[] };
    });
  }

  /** Throws the gathered `ValidationException`, if any constraint failed. */
  done(): void {
    if (this.#violations.length > 0) throw validationError(this.#violations);
  }

  #raw(member: string): unknown {
    const value = this.#body[member];
    return value === null ? undefined : value;
  }

  #missing(member: string, required: boolean | undefined): undefined {
    if (required) {
      this.#violations.push({ member: camel(member), constraint: "Member must not be null", isNull: true });
    }
    return undefined;
  }

  #violate(member: string, constraint: string): void {
    this.#violations.push({ member, constraint });
  }

  #checkString(path: string, value: string, rule: StringRule): void {
    if (rule.min !== undefined && value.length < rule.min) {
      this.#violate(path, `Member must have length greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      this.#violate(path, `Member must have length less than or equal to ${rule.max}`);
    }
    if (rule.oneOf && !rule.oneOf.includes(value)) {
      this.#violate(path, `Member must satisfy enum value set: [${rule.oneOf.join(", ")}]`);
    }
    if (rule.pattern && !rule.pattern.test(value)) {
      this.#violate(path, `Member must satisfy regular expression pattern: ${rule.pattern.source}`);
    }
  }

  #checkCount(path: string, count: number, rule: { minItems?: number; maxItems?: number }): void {
    if (rule.minItems !== undefined && count < rule.minItems) {
      this.#violate(path, `Member must have length greater than or equal to ${rule.minItems}`);
    }
    if (rule.maxItems !== undefined && count > rule.maxItems) {
      this.#violate(path, `Member must have length less than or equal to ${rule.maxItems}`);
    }
  }
}

function typeError(member: string, expected: string): AwsServiceError {
  return new AwsServiceError("SerializationException", `Expected ${expected} for member '${member}'.`);
}

/** AWS names members in validation messages with a lowercase first letter (`SecretId` → `secretId`). */
function camel(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}
