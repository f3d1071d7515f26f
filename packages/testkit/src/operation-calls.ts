import type { CallOptions, CustomSecretManager, OptionalOperation } from "@dheera-ai/secret-manager";
import type { Capability } from "./conformance-context.js";

/** One operation of the contract, called the same way by every test that loops over operations. */
export interface OperationCall {
  readonly operation: "asyncReadSecret" | OptionalOperation;
  /** The capability that gates it; `undefined` for a read, which every manager has. */
  readonly capability: Capability | undefined;
  /** Whether the call is about one secret, so its errors must carry `secretName`. */
  readonly aboutOneSecret: boolean;
  call(
    manager: CustomSecretManager,
    secretName: string,
    secretValue: string,
    options: CallOptions,
  ): Promise<unknown>;
}

export const operationCalls: readonly OperationCall[] = [
  {
    operation: "asyncReadSecret",
    capability: undefined,
    aboutOneSecret: true,
    call: (manager, name, _value, options) => manager.asyncReadSecret(name, options),
  },
  {
    operation: "asyncWriteSecret",
    capability: "write",
    aboutOneSecret: true,
    call: (manager, name, value, options) => manager.asyncWriteSecret(name, value, options),
  },
  {
    operation: "asyncDeleteSecret",
    capability: "delete",
    aboutOneSecret: true,
    call: (manager, name, _value, options) => manager.asyncDeleteSecret(name, options),
  },
  {
    operation: "asyncDescribeSecret",
    capability: "describe",
    aboutOneSecret: true,
    call: (manager, name, _value, options) => manager.asyncDescribeSecret(name, options),
  },
  {
    operation: "asyncRestoreSecret",
    capability: "restore",
    aboutOneSecret: true,
    call: (manager, name, _value, options) => manager.asyncRestoreSecret(name, options),
  },
  {
    operation: "asyncBatchReadSecrets",
    capability: "batchRead",
    aboutOneSecret: false,
    call: (manager, name, _value, options) => manager.asyncBatchReadSecrets([name], options),
  },
];

/** The operations a manager may lack, each with its capability. */
export const optionalOperationCalls = operationCalls.filter(
  (call): call is OperationCall & { capability: Capability; operation: OptionalOperation } =>
    call.capability !== undefined,
);
