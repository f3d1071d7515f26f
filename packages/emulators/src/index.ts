export * from "./aws/index.js";
export * from "./azure/index.js";
export type {
  EmulatorDefinition,
  EmulatorListenOptions,
  EmulatorRequest,
  EmulatorServer,
} from "./shared/emulator-server.js";
export type { FaultDecision, FaultPlan } from "./shared/fault-plan.js";
export { FaultController } from "./shared/fault-plan.js";
export { RequestCounters } from "./shared/request-counters.js";
export type { TlsCertificate } from "./shared/self-signed-certificate.js";
export * from "./vault/index.js";
