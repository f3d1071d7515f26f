export {
  type AwkwardName,
  type DistinctNamePair,
  defaultAwkwardNames,
  defaultDistinctNamePairs,
  type EventualConsistencyOptions,
  type SecretManagerConformanceOptions,
} from "./conformance-options.js";
export { describeSecretManagerConformance } from "./describe-secret-manager-conformance.js";
export { findSecretLeaks, findSecretLeaksInObject, type SecretLeak } from "./find-secret-leaks.js";
