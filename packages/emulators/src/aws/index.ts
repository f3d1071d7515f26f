export type {
  AwsClientConfig,
  AwsEmulator,
  AwsEmulatorOptions,
  AwsSecretSnapshot,
  AwsSecretVersionSnapshot,
  AwsSeedSecret,
} from "./aws-emulator.js";
export { DEFAULT_AWS_EMULATOR_CREDENTIALS, startAwsEmulator } from "./aws-emulator.js";
export { UNKNOWN_OPERATION as AWS_UNKNOWN_OPERATION } from "./aws-emulator-definition.js";
export type { AwsErrorCode } from "./aws-errors.js";
export type { AwsCredentials } from "./sigv4-verifier.js";
