/**
 * ListSecrets / BatchGetSecretValue filters, as the API 2017-10-17 `Filter` reference and the user guide ("Find
 * secrets in AWS Secrets Manager") describe them:
 * - `name`, `tag-key`, `tag-value`, `primary-region`, `owning-service`: prefix match, case-sensitive;
 * - `description`: prefix match, not case-sensitive;
 * - `all`: the value is split into words (at punctuation, at a lower→upper case change, at a letter↔digit change);
 *   a secret matches when any word starts a word of its name, description, tag keys or tag values, ignoring case;
 * - a value starting with `!` negates it;
 * - the values of one filter are alternatives (OR); separate filters must all match (AND).
 * This emulator has no replicated or service-owned secrets, so `primary-region` and `owning-service` match
 * nothing (and their negations match everything).
 */
import type { SecretRecord } from "./secret-store.js";

export const FILTER_KEYS = [
  "description",
  "name",
  "tag-key",
  "tag-value",
  "primary-region",
  "owning-service",
  "all",
] as const;

export type FilterKey = (typeof FILTER_KEYS)[number];

export interface SecretFilter {
  readonly key: FilterKey;
  readonly values: readonly string[];
}

export function matchesFilters(record: SecretRecord, filters: readonly SecretFilter[]): boolean {
  return filters.every((filter) => filter.values.some((value) => matchesValue(record, filter.key, value)));
}

function matchesValue(record: SecretRecord, key: FilterKey, value: string): boolean {
  const negated = value.startsWith("!");
  const needle = negated ? value.slice(1) : value;
  const found = attributeMatches(record, key, needle);
  return negated ? !found : found;
}

function attributeMatches(record: SecretRecord, key: FilterKey, needle: string): boolean {
  switch (key) {
    case "name":
      return record.name.startsWith(needle);
    case "description":
      return (record.description ?? "").toLowerCase().startsWith(needle.toLowerCase());
    case "tag-key":
      return record.tags.some((t) => t.Key.startsWith(needle));
    case "tag-value":
      return record.tags.some((t) => t.Value.startsWith(needle));
    case "primary-region":
    case "owning-service":
      return false;
    case "all": {
      const haystack = [
        record.name,
        record.description ?? "",
        ...record.tags.flatMap((t) => [t.Key, t.Value]),
      ]
        .flatMap(words)
        .map((w) => w.toLowerCase());
      return words(needle).some((word) =>
        haystack.some((candidate) => candidate.startsWith(word.toLowerCase())),
      );
    }
  }
}

/** Splits text into the words AWS's free-text search uses. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Za-z])([0-9])/g, "$1 $2")
    .replace(/([0-9])([A-Za-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "");
}
