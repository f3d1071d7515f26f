import { inspect } from "node:util";

/** Where a secret showed up, e.g. `error.cause.message`. */
export type SecretLeak = string;

/**
 * Lists every place `secrets` appear in `error` as a user would see it: its message, stack, `String()`,
 * `util.inspect` (hidden properties included), JSON, and the same for each `cause` and aggregated error.
 * Returns the places, never the secret, so the failure message itself does not leak.
 */
export function findSecretLeaks(error: unknown, secrets: readonly string[]): SecretLeak[] {
  const leaks: SecretLeak[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, path: string) => {
    if (seen.has(value)) return;
    seen.add(value);
    for (const [view, text] of renderings(value)) {
      if (secrets.some((secret) => text.includes(secret))) leaks.push(`${path} (${view})`);
    }
    if (typeof value === "object" && value !== null) {
      const record = value as { cause?: unknown; errors?: unknown };
      if ("cause" in record && record.cause !== undefined) visit(record.cause, `${path}.cause`);
      if (Array.isArray(record.errors)) {
        record.errors.forEach((inner, index) => {
          visit(inner, `${path}.errors[${index}]`);
        });
      }
    }
  };
  visit(error, "error");
  return leaks;
}

/** Lists where `secrets` appear in `util.inspect(value)`, `String(value)` and `JSON.stringify(value)`. */
export function findSecretLeaksInObject(value: unknown, secrets: readonly string[]): SecretLeak[] {
  return renderings(value)
    .filter(([, text]) => secrets.some((secret) => text.includes(secret)))
    .map(([view]) => view);
}

function renderings(value: unknown): Array<[view: string, text: string]> {
  const views: Array<[string, string]> = [
    ["String()", safely(() => String(value))],
    ["util.inspect", safely(() => inspect(value, { depth: 8, showHidden: true }))],
    ["JSON.stringify", safely(() => JSON.stringify(value) ?? "")],
  ];
  if (value instanceof Error) {
    views.push(["message", value.message], ["stack", value.stack ?? ""]);
  }
  return views;
}

/** A rendering that throws (a circular structure in JSON, a throwing getter) shows nothing. */
function safely(render: () => string): string {
  try {
    return render();
  } catch {
    return "";
  }
}
