/**
 * Where the library reports what a caller should know but need not act on (a fallback, a stale value served).
 * Compatible with `console` and with pino/winston-style loggers. Fields never hold a secret value.
 */
export interface SecretManagerLogger {
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  info?(message: string, fields?: Readonly<Record<string, unknown>>): void;
  debug?(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** Writes warnings to stderr; drops info and debug. */
export const consoleLogger: SecretManagerLogger = {
  warn(message, fields) {
    if (fields && Object.keys(fields).length > 0) console.warn(`[dheera-ai] ${message}`, fields);
    else console.warn(`[dheera-ai] ${message}`);
  },
};

/** Drops everything; for tests and callers who report through their own channel. */
export const silentLogger: SecretManagerLogger = { warn() {} };
