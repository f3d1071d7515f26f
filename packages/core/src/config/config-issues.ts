import type { z } from "zod";
import { ConfigurationError } from "../errors.js";
import { closestMatch } from "./closest-match.js";
import { formatYamlPath, type YamlPath, type YamlSource } from "./yaml-source.js";

/** One problem of a config, located. Never holds a config value: a value may be a secret. */
export interface ConfigIssue {
  path: YamlPath;
  message: string;
  /** Point at the key rather than its value (an unknown key). */
  atKey?: boolean;
}

/** Turns zod's issues into located issues; unknown keys get the closest known key as a suggestion. */
export function issuesFromZod(
  error: z.ZodError,
  basePath: YamlPath,
  knownKeys: (path: YamlPath) => readonly string[],
): ConfigIssue[] {
  return error.issues.flatMap((issue): ConfigIssue[] => {
    const path = [...basePath, ...(issue.path as (string | number)[])];
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => {
        const suggestion = closestMatch(key, knownKeys(path));
        return {
          path: [...path, key],
          atKey: true,
          message: `unknown key${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
        };
      });
    }
    return [{ path, message: issue.message }];
  });
}

/** One `ConfigurationError` for all `issues`, each with its YAML path and line:column. */
export function configError(
  source: YamlSource,
  issues: readonly ConfigIssue[],
  heading = issues.length === 1 ? "invalid config" : `invalid config (${issues.length} problems)`,
  cause?: unknown,
): ConfigurationError {
  const lines = issues.map(
    (issue) =>
      `  ${formatYamlPath(issue.path)} (${source.locate(issue.path, { key: issue.atKey })}): ${issue.message}`,
  );
  const first = issues[0];
  return new ConfigurationError(`${heading}:\n${lines.join("\n")}`, {
    path: first ? formatYamlPath(first.path) : undefined,
    cause,
  });
}
