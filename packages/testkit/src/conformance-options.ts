import type { CustomSecretManager } from "@dheera-ai/secret-manager";

/**
 * A secret name the suite tries beyond the plain ones. The suite makes each one unique per test by building it
 * from a fresh base name (`<secretNamePrefix><run id>-<n>-awkward`), so awkward names are suffixes or lengths.
 */
export type AwkwardName =
  | {
      /** Shown in the test name, e.g. `slashes`. */
      readonly label: string;
      /** Appended to the unique base name. */
      readonly suffix: string;
    }
  | {
      readonly label: string;
      /** The whole name is padded with `x` to exactly this many characters (UTF-16 code units). */
      readonly length: number;
    };

/** Two suffixes that must name two different secrets, e.g. `_key` and `-key`. */
export type DistinctNamePair = readonly [suffix: string, otherSuffix: string];

/** Polling for a backend that shows a write or delete only after a while. */
export interface EventualConsistencyOptions {
  /** How long a read may keep disagreeing with the last write or delete before the test fails. */
  readonly withinMs: number;
  /**
   * How long to wait between two reads.
   * @default 100
   */
  readonly pollEveryMs?: number | undefined;
}

/** What `describeSecretManagerConformance` needs to know about the manager under test. */
export interface SecretManagerConformanceOptions<M extends CustomSecretManager = CustomSecretManager> {
  /** Names the top-level `describe` block: `"<name> conformance"`. */
  name: string;
  /**
   * Returns a new manager. Called before every test, so no test sees another test's instance; async factories
   * (an emulator client, a token fetch) are awaited.
   */
  create: () => M | Promise<M>;
  /**
   * Releases a manager after its test (close a client, stop a worker). Runs after the suite has deleted the
   * secrets the test wrote.
   * @default nothing is called
   */
  dispose?: ((manager: M) => void | Promise<void>) | undefined;
  /**
   * Starts every secret name the suite writes. A unique run id and a per-test counter follow it, so tests never
   * see each other's secrets even against a shared backend; a prefix lets you find and purge leftovers.
   * @default "conformance-"
   */
  secretNamePrefix?: string | undefined;
  /**
   * Puts a secret into the backend without `asyncWriteSecret`, for a manager that cannot write (read-only
   * credentials, an environment-variable reader). Read, batch-read and hygiene tests then run on a read-only
   * manager instead of being skipped. When the manager can write, the suite uses `asyncWriteSecret` and ignores this.
   * @default undefined: secrets are created with `asyncWriteSecret` only
   */
  seed?: ((manager: M, secretName: string, secretValue: string) => void | Promise<void>) | undefined;
  /**
   * Makes every backend call at least `ms` slower, e.g. `(ms) => emulator.faults.set({ latencyMs: ms })`.
   * Without it the timeout tests and the in-flight abort tests are skipped, and say so.
   * @default undefined: timeout and in-flight abort tests are skipped
   */
  injectLatency?: ((ms: number) => void | Promise<void>) | undefined;
  /**
   * Removes what `injectLatency` set, e.g. `() => emulator.faults.clear()`. Called after every test that injected
   * latency, before the test's secrets are cleaned up.
   * @default undefined: nothing to clear
   */
  clearFaults?: (() => void | Promise<void>) | undefined;
  /**
   * The latency the timeout tests inject, in milliseconds. Keep it well above `shortTimeoutMs`.
   * @default 1000
   */
  injectedLatencyMs?: number | undefined;
  /**
   * The `timeoutMs` the timeout tests pass, in milliseconds.
   * @default 100
   */
  shortTimeoutMs?: number | undefined;
  /**
   * The awkward names tried; each must round-trip or be rejected with `InvalidSecretNameError`.
   * Spread `defaultAwkwardNames` to add to the list rather than replace it.
   * @default defaultAwkwardNames
   */
  awkwardNames?: readonly AwkwardName[] | undefined;
  /**
   * Pairs of names that must not collide: writing both and reading each back returns its own value (or the
   * second write is refused with `ConflictError` / `InvalidSecretNameError`). An adapter that maps names onto a
   * smaller alphabet keeps the pairs it can tell apart and refuses the others.
   * @default defaultDistinctNamePairs
   */
  distinctNamePairs?: readonly DistinctNamePair[] | undefined;
  /**
   * The name an adapter reports in results and metadata for `secretName` (`WriteSecretResult.name`,
   * `SecretMetadata.name`, …). An adapter that maps names and reports the mapped one passes its mapping.
   * @default the name as given
   */
  reportedName?: ((secretName: string) => string) | undefined;
  /**
   * For a backend that shows writes and deletes only after a while: reads after a write, delete or restore are
   * repeated until they agree or `withinMs` runs out.
   * @default undefined: a read must agree at once
   */
  eventualConsistency?: EventualConsistencyOptions | undefined;
  /**
   * How many distinct secrets the concurrency test writes at once. Lower it for a rate-limited backend.
   * @default 50
   */
  concurrentWrites?: number | undefined;
  /**
   * vitest's per-test timeout, in milliseconds, for a slow backend.
   * @default vitest's `testTimeout` (5000 unless configured)
   */
  testTimeoutMs?: number | undefined;
}

/** Slashes, dots, unicode, `_`, `-`, spaces and long names: what adapters most often get wrong. */
export const defaultAwkwardNames: readonly AwkwardName[] = [
  { label: "slashes", suffix: "/nested/path/name" },
  { label: "dots", suffix: ".with.dots" },
  { label: "underscores", suffix: "_UNDER_SCORE" },
  { label: "hyphens", suffix: "-hyphen-ated" },
  { label: "unicode", suffix: "-ünïcødé-密钥" },
  { label: "a space", suffix: " with space" },
  { label: "AWS punctuation", suffix: "+=,@" },
  { label: "a colon", suffix: ":colon" },
  { label: "128 characters", length: 128 },
  { label: "300 characters", length: 300 },
];

/** Names that differ by one character which a careless name mapping folds together. */
export const defaultDistinctNamePairs: readonly DistinctNamePair[] = [
  ["_key", "-key"],
  ["/key", ".key"],
  ["/key", "-key"],
  ["_key", ".key"],
  ["-KEY", "-key"],
];

/** The options with every default filled in. */
export interface ResolvedConformanceOptions<M extends CustomSecretManager = CustomSecretManager>
  extends Required<
    Pick<
      SecretManagerConformanceOptions<M>,
      | "secretNamePrefix"
      | "injectedLatencyMs"
      | "shortTimeoutMs"
      | "awkwardNames"
      | "distinctNamePairs"
      | "reportedName"
      | "concurrentWrites"
    >
  > {
  readonly name: string;
  readonly create: () => M | Promise<M>;
  readonly dispose: ((manager: M) => void | Promise<void>) | undefined;
  readonly seed: ((manager: M, secretName: string, secretValue: string) => void | Promise<void>) | undefined;
  readonly injectLatency: ((ms: number) => void | Promise<void>) | undefined;
  readonly clearFaults: (() => void | Promise<void>) | undefined;
  readonly eventualConsistency: Required<EventualConsistencyOptions> | undefined;
  readonly testTimeoutMs: number | undefined;
}

export function resolveConformanceOptions<M extends CustomSecretManager>(
  options: SecretManagerConformanceOptions<M>,
): ResolvedConformanceOptions<M> {
  // Fail at collection time with the option's name: a bad option would otherwise surface as dozens of red tests.
  if (typeof options.create !== "function") {
    throw new TypeError("describeSecretManagerConformance: `create` must be a function returning a manager");
  }
  const injectedLatencyMs = options.injectedLatencyMs ?? 1000;
  const shortTimeoutMs = options.shortTimeoutMs ?? 100;
  if (!(shortTimeoutMs >= 0 && injectedLatencyMs > shortTimeoutMs)) {
    throw new RangeError(
      `describeSecretManagerConformance: injectedLatencyMs (${injectedLatencyMs}) must exceed shortTimeoutMs (${shortTimeoutMs})`,
    );
  }
  const concurrentWrites = options.concurrentWrites ?? 50;
  if (!(Number.isInteger(concurrentWrites) && concurrentWrites >= 2)) {
    throw new RangeError(
      `describeSecretManagerConformance: concurrentWrites must be an integer >= 2, got ${concurrentWrites}`,
    );
  }
  return {
    name: options.name,
    create: options.create,
    dispose: options.dispose,
    seed: options.seed,
    secretNamePrefix: options.secretNamePrefix ?? "conformance-",
    injectLatency: options.injectLatency,
    clearFaults: options.clearFaults,
    injectedLatencyMs,
    shortTimeoutMs,
    awkwardNames: options.awkwardNames ?? defaultAwkwardNames,
    distinctNamePairs: options.distinctNamePairs ?? defaultDistinctNamePairs,
    reportedName: options.reportedName ?? ((secretName) => secretName),
    eventualConsistency: options.eventualConsistency && {
      withinMs: options.eventualConsistency.withinMs,
      pollEveryMs: options.eventualConsistency.pollEveryMs ?? 100,
    },
    concurrentWrites,
    testTimeoutMs: options.testTimeoutMs,
  };
}
