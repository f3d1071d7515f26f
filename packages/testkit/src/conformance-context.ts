import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { CustomSecretManager, SecretManagerCapabilities } from "@dheera-ai/secret-manager";
import { afterEach, beforeEach } from "vitest";
import type { AwkwardName, ResolvedConformanceOptions } from "./conformance-options.js";

/** A capability the suite can skip on. */
export type Capability = Exclude<keyof SecretManagerCapabilities, "read" | "syncRead">;

/**
 * What every test of the suite shares: the manager of the running test, unique names, and the clean-up of what the
 * test wrote. One context per `describeSecretManagerConformance` call; its state is reset before each test.
 */
export interface ConformanceContext {
  readonly options: ResolvedConformanceOptions;
  /** The manager of the running test, created fresh by `beforeEach`. */
  readonly manager: CustomSecretManager;
  readonly capabilities: SecretManagerCapabilities;
  /** Whether the suite can put a secret in place: the manager writes, or `seed` was given. */
  readonly canPut: boolean;
  /** The skip note for a missing capability; names the capability so the report says why. */
  missing(capability: Capability): string;
  /** The skip note when a secret cannot be put in place. */
  readonly cannotPut: string;
  /** A name no other test uses; remembered so the test's clean-up deletes it. */
  secretName(label: string): string;
  /** A unique awkward name built from a fresh base. */
  awkwardName(awkward: AwkwardName): string;
  /** Names sharing one fresh base, one per suffix, all remembered for clean-up. */
  namesSharingBase(label: string, suffixes: readonly string[]): string[];
  /** A value that looks like a real API key and is unique to this call. */
  secretValue(): string;
  /** Puts `value` under `name` through `asyncWriteSecret`, or `seed` when the manager cannot write. */
  putSecret(name: string, value: string): Promise<void>;
  /**
   * Reads `name` until it equals `expected` (or satisfies it, given a predicate) or the eventual-consistency
   * budget runs out; returns the last read. Without `eventualConsistency` it reads once.
   */
  readSettled(
    name: string,
    expected: string | undefined | ((value: string | undefined) => boolean),
  ): Promise<string | undefined>;
  /** Injects latency (the caller has checked `injectLatency` is set); cleared after the test. */
  injectLatency(ms: number): Promise<void>;
}

export function createConformanceContext(options: ResolvedConformanceOptions): ConformanceContext {
  // Hex only, so the unique part is valid on every backend (Azure allows [0-9a-zA-Z-]).
  const runId = randomBytes(4).toString("hex");
  let counter = 0;
  let current: CustomSecretManager | undefined;
  let written: string[] = [];
  let faultsInjected = false;

  const manager = () => {
    if (!current) throw new Error("the conformance context has no manager outside a test");
    return current;
  };
  const base = (label: string) => {
    counter += 1;
    const slug = label.replace(/[^0-9a-zA-Z]+/g, "-").replace(/^-|-$/g, "");
    return `${options.secretNamePrefix}${runId}-${counter}-${slug}`;
  };
  const track = (name: string) => {
    written.push(name);
    return name;
  };

  beforeEach(async () => {
    written = [];
    faultsInjected = false;
    current = await options.create();
  });

  afterEach(async () => {
    const finished = current;
    current = undefined;
    if (faultsInjected) await options.clearFaults?.();
    if (!finished) return;
    try {
      if (finished.capabilities.delete) {
        // Purge, so a shared backend is left as it was; a test that already deleted a name gets deleted:false.
        await Promise.allSettled(
          written.map((name) => finished.asyncDeleteSecret(name, { recoveryWindowInDays: 0 })),
        );
      }
    } finally {
      await options.dispose?.(finished);
    }
  });

  const context: ConformanceContext = {
    options,
    get manager() {
      return manager();
    },
    get capabilities() {
      return manager().capabilities;
    },
    get canPut() {
      return manager().capabilities.write || options.seed !== undefined;
    },
    missing: (capability) =>
      `${options.name} does not support ${capability} (capabilities.${capability} is false)`,
    cannotPut: `${options.name} cannot write (capabilities.write is false) and no seed option was given`,
    secretName: (label) => track(base(label)),
    awkwardName: (awkward) => {
      const name = base("awkward");
      return track("suffix" in awkward ? name + awkward.suffix : name.padEnd(awkward.length, "x"));
    },
    namesSharingBase: (label, suffixes) => {
      const name = base(label);
      return suffixes.map((suffix) => track(name + suffix));
    },
    secretValue: () => `sk-conformance-${randomBytes(18).toString("hex")}`,
    async putSecret(name, value) {
      const target = manager();
      if (target.capabilities.write) {
        await target.asyncWriteSecret(name, value);
      } else if (options.seed) {
        await options.seed(target, name, value);
      } else {
        throw new Error(context.cannotPut);
      }
    },
    async readSettled(name, expected) {
      const target = manager();
      const consistency = options.eventualConsistency;
      const settled =
        typeof expected === "function" ? expected : (value: string | undefined) => value === expected;
      let value = await target.asyncReadSecret(name);
      if (!consistency) return value;
      // Counted in polls rather than clock time, so a slow machine gets the same number of chances.
      const polls = Math.ceil(consistency.withinMs / consistency.pollEveryMs);
      for (let poll = 0; !settled(value) && poll < polls; poll++) {
        await sleep(consistency.pollEveryMs);
        value = await target.asyncReadSecret(name);
      }
      return value;
    },
    async injectLatency(ms) {
      if (!options.injectLatency) throw new Error("injectLatency was not given");
      faultsInjected = true;
      await options.injectLatency(ms);
    },
  };
  return context;
}
