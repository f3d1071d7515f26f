import type { CustomSecretManager } from "@dheera-ai/secret-manager";
import { InMemorySecretManager } from "@dheera-ai/secret-manager-memory";
import type { SecretManagerConformanceOptions } from "../../src/index.js";
import { fastLatency } from "./broken-manager-cases.js";
import { EventuallyConsistentSecretManager } from "./eventually-consistent-secret-manager.js";
import { FakeBackendFaults, LatencyInMemorySecretManager } from "./latency-in-memory-secret-manager.js";
import { ReadOnlyInMemorySecretManager } from "./read-only-in-memory-secret-manager.js";

const faults = new FakeBackendFaults();

/** Managers that keep the contract: the suite must pass on them, skipping only what they lack. */
export const referenceManagerCases = {
  inMemory: { name: "InMemory", create: () => new InMemorySecretManager() },
  withLatency: {
    name: "LatencyInMemory",
    create: () => new LatencyInMemorySecretManager(faults),
    injectLatency: faults.injectLatency,
    clearFaults: faults.clearFaults,
    ...fastLatency,
  },
  readOnlySeeded: {
    name: "ReadOnlySeeded",
    create: () => new ReadOnlyInMemorySecretManager(),
    seed: async (manager, name, value) => {
      await (manager as ReadOnlyInMemorySecretManager).seedSecret(name, value);
    },
  },
  readOnly: { name: "ReadOnly", create: () => new ReadOnlyInMemorySecretManager() },
  eventuallyConsistent: {
    name: "EventuallyConsistent",
    create: () => new EventuallyConsistentSecretManager({ staleReads: 2 }),
    eventualConsistency: { withinMs: 50, pollEveryMs: 1 },
  },
} satisfies Record<string, SecretManagerConformanceOptions<CustomSecretManager>>;
