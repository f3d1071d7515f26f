// The suite as an adapter runs it, on managers that keep the contract: these must pass, and the read-only
// manager's missing capabilities show up as skipped tests with a note naming the capability.
import { describeSecretManagerConformance } from "../src/index.js";
import { referenceManagerCases } from "./support/reference-manager-cases.js";

describeSecretManagerConformance(referenceManagerCases.withLatency);
describeSecretManagerConformance(referenceManagerCases.readOnlySeeded);
