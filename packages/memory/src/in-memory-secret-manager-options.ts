import type { CustomSecretManagerOptions } from "@dheera-ai/secret-manager";

export interface InMemorySecretManagerOptions extends CustomSecretManagerOptions {
  /**
   * The name this manager goes by in errors and logs.
   * @default "in_memory"
   */
  secretManagerName?: string | undefined;
  /** The secrets the manager starts with, as an object or as `[name, value]` pairs. */
  secrets?: Readonly<Record<string, string>> | Iterable<readonly [string, string]> | undefined;
  /**
   * The clock that decides when a recovery window has run out, in epoch milliseconds. Tests pass a fake one.
   * @default Date.now
   */
  now?: (() => number) | undefined;
}
