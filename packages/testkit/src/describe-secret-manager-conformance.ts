import type { CustomSecretManager } from "@dheera-ai/secret-manager";
import { describe } from "vitest";
import { describeAbortAndTimeoutTests } from "./abort-and-timeout-tests.js";
import { describeAwkwardNameTests } from "./awkward-name-tests.js";
import { describeBatchReadTests } from "./batch-read-tests.js";
import { describeCapabilityTests } from "./capability-tests.js";
import { describeConcurrencyTests } from "./concurrency-tests.js";
import { createConformanceContext } from "./conformance-context.js";
import {
  type ResolvedConformanceOptions,
  resolveConformanceOptions,
  type SecretManagerConformanceOptions,
} from "./conformance-options.js";
import { describeDeleteTests } from "./delete-tests.js";
import { describeMetadataTests } from "./metadata-tests.js";
import { describeReadTests } from "./read-tests.js";
import { describeSecretHygieneTests } from "./secret-hygiene-tests.js";
import { describeWriteTests } from "./write-tests.js";

/**
 * Declares the conformance suite for one secret manager, as a vitest `describe` block named `"<name> conformance"`.
 * Call it at the top level of a test file. Each test gets a fresh manager from `create`; operations the manager's
 * `capabilities` do not offer are skipped with a note naming the capability.
 *
 * @example
 * import { describeSecretManagerConformance } from "@dheera-ai/secret-manager-testkit";
 * import { InMemorySecretManager } from "../src/index.js";
 *
 * describeSecretManagerConformance({ name: "InMemorySecretManager", create: () => new InMemorySecretManager() });
 */
export function describeSecretManagerConformance<M extends CustomSecretManager>(
  options: SecretManagerConformanceOptions<M>,
): void {
  // The context only hands `create`'s own managers back to `dispose` and `seed`, so widening M is sound.
  const resolved = resolveConformanceOptions(options) as unknown as ResolvedConformanceOptions;
  // Sequential even under `sequence.concurrent`: each test's manager and clean-up list live in the shared context.
  describe(`${resolved.name} conformance`, { concurrent: false }, () => {
    const ctx = createConformanceContext(resolved);
    describeCapabilityTests(ctx);
    describeReadTests(ctx);
    describeWriteTests(ctx);
    describeDeleteTests(ctx);
    describeMetadataTests(ctx);
    describeBatchReadTests(ctx);
    describeAwkwardNameTests(ctx);
    describeAbortAndTimeoutTests(ctx);
    describeConcurrencyTests(ctx);
    describeSecretHygieneTests(ctx);
  });
}
