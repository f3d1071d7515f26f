/**
 * Vault accepts durations as whole seconds (`3600`, `"3600"`) or as Go duration strings (`"1h30m"`, `"10s"`).
 * Both are turned into whole seconds here, the unit every response reports.
 */
const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
};

export class DurationParseError extends Error {
  constructor(value: unknown) {
    super(`invalid duration: ${JSON.stringify(value)}`);
    this.name = "DurationParseError";
  }
}

/** Seconds for a Vault duration field; `undefined` stays `undefined` so callers can keep their default. */
export function parseDurationSeconds(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) throw new DurationParseError(value);
    return Math.floor(value);
  }
  if (typeof value !== "string") throw new DurationParseError(value);
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const part = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/y;
  let total = 0;
  let index = 0;
  while (index < text.length) {
    part.lastIndex = index;
    const match = part.exec(text);
    if (!match) throw new DurationParseError(value);
    total += Number(match[1]) * (UNIT_SECONDS[match[2] as string] as number);
    index = part.lastIndex;
  }
  if (index === 0) throw new DurationParseError(value);
  return Math.floor(total);
}

/** Formats seconds the way Vault echoes durations (`"0s"`, `"1h30m0s"`). */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return "0s";
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${hours}h${minutes}m${rest}s`;
  if (minutes > 0) return `${minutes}m${rest}s`;
  return `${rest}s`;
}
