import type { CustomSecretManager } from "@dheera-ai/secret-manager";
import type { SecretManagerConformanceOptions } from "../../src/index.js";
import * as broken from "./broken-secret-managers.js";
import { EventuallyConsistentSecretManager } from "./eventually-consistent-secret-manager.js";
import { FakeBackendFaults, LatencyInMemorySecretManager } from "./latency-in-memory-secret-manager.js";

/** One broken manager, and the tests (`group > test`) the suite must fail on it. */
export interface BrokenManagerCase {
  /** The bug, in words, for the test name. */
  readonly bug: string;
  readonly options: SecretManagerConformanceOptions<CustomSecretManager>;
  readonly mustFail: readonly string[];
  /** Part of a failure message of one of `mustFail`, showing the test failed for this bug and no other reason. */
  readonly because: string;
}

const abortTests = [
  "asyncReadSecret",
  "asyncWriteSecret",
  "asyncDeleteSecret",
  "asyncDescribeSecret",
  "asyncRestoreSecret",
  "asyncBatchReadSecrets",
];

const latencyFaults = new FakeBackendFaults();

// Fixture runs keep timeouts short: the in-process "backend" has no real network to wait for.
export const fastLatency = { injectedLatencyMs: 300, shortTimeoutMs: 20 } as const;

export const brokenManagerCases: readonly BrokenManagerCase[] = [
  {
    bug: "throws on a missing secret",
    options: { name: "ThrowsOnMissing", create: () => new broken.ThrowsOnMissingSecretManager() },
    mustFail: ["reads > resolves undefined for a missing secret"],
    because: "threw Error: secret",
  },
  {
    bug: "returns a trimmed value",
    options: { name: "TrimsValues", create: () => new broken.TrimsValuesSecretManager() },
    mustFail: ["reads > keeps a value with newlines, quotes, JSON and unicode byte for byte"],
    because: "to be 'sk-conformance-",
  },
  {
    bug: "ignores an overwrite",
    options: { name: "IgnoresOverwrite", create: () => new broken.IgnoresOverwriteSecretManager() },
    mustFail: ["writes > reports created: false for an overwrite and reads the new value back"],
    because: "asyncReadSecret after the overwrite returns the new value",
  },
  {
    bug: "returns another value from syncReadSecret",
    options: { name: "SyncReadDisagrees", create: () => new broken.SyncReadDisagreesSecretManager() },
    mustFail: ["reads > returns the same value from syncReadSecret as from asyncReadSecret"],
    because: "expected undefined to be 'sk-conformance-",
  },
  {
    bug: "leaks the value into an error message",
    options: { name: "LeaksValueInMessage", create: () => new broken.LeaksValueInMessageSecretManager() },
    mustFail: ["secret hygiene > keeps secret values out of every error, its stack and its cause chain"],
    because: "error (message)",
  },
  {
    bug: "leaks the value through an error's cause",
    options: { name: "LeaksValueInCause", create: () => new broken.LeaksValueInCauseSecretManager() },
    mustFail: [
      "secret hygiene > keeps secret values out of every error, its stack and its cause chain",
      "abort signals > rejects asyncWriteSecret with AbortedError when the signal is already aborted",
    ],
    because: "error.cause (message)",
  },
  {
    bug: "shows written values in util.inspect",
    options: { name: "ExposesValues", create: () => new broken.ExposesValuesSecretManager() },
    mustFail: ["secret hygiene > keeps written values out of util.inspect, String and JSON of the manager"],
    because: "showed up in the manager's util.inspect",
  },
  {
    bug: "ignores abort signals",
    options: { name: "IgnoresAbortSignal", create: () => new broken.IgnoresAbortSignalSecretManager() },
    mustFail: abortTests.map(
      (operation) =>
        `abort signals > rejects ${operation} with AbortedError when the signal is already aborted`,
    ),
    because: "code ABORTED, but the call resolved",
  },
  {
    bug: "ignores timeouts",
    options: {
      name: "IgnoresTimeout",
      create: () => new LatencyInMemorySecretManager(latencyFaults, { honourDeadline: false }),
      injectLatency: latencyFaults.injectLatency,
      clearFaults: latencyFaults.clearFaults,
      ...fastLatency,
    },
    mustFail: abortTests.map(
      (operation) =>
        `timeouts > rejects ${operation} with SecretManagerTimeoutError when the backend is slower than timeoutMs`,
    ),
    because: "code TIMEOUT, but the call resolved",
  },
  {
    bug: "checks the abort signal only before the call starts",
    options: {
      name: "IgnoresAbortInFlight",
      create: () => new LatencyInMemorySecretManager(latencyFaults, { honourAbortInFlight: false }),
      injectLatency: latencyFaults.injectLatency,
      clearFaults: latencyFaults.clearFaults,
      ...fastLatency,
    },
    mustFail: abortTests.map(
      (operation) =>
        `abort signals > rejects ${operation} with AbortedError when the signal aborts while the backend is slow`,
    ),
    because: "code ABORTED, but the call resolved",
  },
  {
    bug: "reports a delete and keeps the secret",
    options: { name: "DeleteDoesNothing", create: () => new broken.DeleteDoesNothingSecretManager() },
    mustFail: [
      "deletes > reads undefined after a delete",
      "deletes > deletes for good with recoveryWindowInDays: 0",
      "deletes > restores a secret deleted with the default recovery window (7 days)",
    ],
    because: "asyncReadSecret after a delete",
  },
  {
    bug: "keeps a purged secret restorable",
    options: {
      name: "PurgeKeepsSecretRestorable",
      create: () => new broken.PurgeKeepsSecretRestorableSecretManager(),
    },
    mustFail: ["deletes > deletes for good with recoveryWindowInDays: 0"],
    because: "a delete with recoveryWindowInDays: 0 is final, so it has no recoverableUntil",
  },
  {
    bug: "throws errors without backend and secret name",
    options: { name: "AnonymousErrors", create: () => new broken.AnonymousErrorsSecretManager() },
    mustFail: ["deletes > rejects recoveryWindowInDays: -1 with InvalidArgumentError and keeps the secret"],
    because: "the error's backend should be the manager's name",
  },
  {
    bug: "claims write support but throws a plain Error",
    options: { name: "PlainErrorOnWrite", create: () => new broken.PlainErrorOnWriteSecretManager() },
    mustFail: [
      "capabilities > rejects asyncWriteSecret with NotSupportedError exactly when capabilities.write is false",
      "writes > reports created: true for a new secret and reads it back",
      "writes > rejects an empty name with InvalidSecretNameError",
    ],
    because: "reported supported but rejected with Error: write failed",
  },
  {
    bug: "reports an implemented delete as unsupported",
    options: { name: "UnderreportsDelete", create: () => new broken.UnderreportsDeleteSecretManager() },
    mustFail: [
      "capabilities > rejects asyncDeleteSecret with NotSupportedError exactly when capabilities.delete is false",
    ],
    because: "code NOT_SUPPORTED, but the call resolved",
  },
  {
    bug: "folds distinct names into one",
    options: { name: "CollidingNames", create: () => new broken.CollidingNamesSecretManager() },
    mustFail: [
      'awkward names > keeps names ending in "_key" and "-key" apart',
      'awkward names > keeps names ending in "/key" and ".key" apart',
    ],
    because: "reads its own value",
  },
  {
    bug: "loses unicode names silently",
    options: { name: "LosesUnicodeNames", create: () => new broken.LosesUnicodeNamesSecretManager() },
    mustFail: ["awkward names > round-trips or rejects with InvalidSecretNameError a name with unicode"],
    because: "the write succeeded, so the read returns its value",
  },
  {
    bug: "refuses a long name with the wrong error",
    options: { name: "LongNamesUnavailable", create: () => new broken.LongNamesUnavailableSecretManager() },
    mustFail: [
      "awkward names > round-trips or rejects with InvalidSecretNameError a name with 300 characters",
    ],
    because: "a refused name is INVALID_NAME, got UnavailableError",
  },
  {
    bug: "leaves missing names out of a batch read",
    options: { name: "BatchDropsMissing", create: () => new broken.BatchDropsMissingSecretManager() },
    mustFail: [
      "batch reads > returns each found name's value and undefined for each missing name",
      "batch reads > resolves every name to undefined when none exist",
    ],
    because: "the result has one entry per name asked for",
  },
  {
    bug: "forgets tags",
    options: { name: "DropsTags", create: () => new broken.DropsTagsSecretManager() },
    mustFail: ["metadata > round-trips the description and tags given to asyncWriteSecret"],
    because: "the tags given to asyncWriteSecret",
  },
  {
    bug: "shows changes late and declares no eventualConsistency",
    options: {
      name: "LateWithoutEventualConsistency",
      create: () => new EventuallyConsistentSecretManager({ staleReads: 2 }),
    },
    mustFail: [
      "reads > reads back the value of an existing secret",
      "writes > reports created: false for an overwrite and reads the new value back",
    ],
    because: "expected undefined to be 'sk-conformance-",
  },
  {
    bug: "loses concurrent writes",
    options: { name: "LosesConcurrentWrites", create: () => new broken.LosesConcurrentWritesSecretManager() },
    mustFail: ["concurrency > loses nothing when writing 50 distinct secrets at once"],
    because: "secrets that did not read back their own value",
  },
];
