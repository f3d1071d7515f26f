import {
  NotSupportedError,
  type OptionalOperation,
  type RestoreSecretResult,
  type SecretMetadata,
  type WriteSecretResult,
} from "@dheera-ai/secret-manager";
import { InMemorySecretManager } from "@dheera-ai/secret-manager-memory";

const readOnlyLacks: readonly OptionalOperation[] = [
  "asyncWriteSecret",
  "asyncDeleteSecret",
  "asyncDescribeSecret",
  "asyncRestoreSecret",
];

/**
 * The in-memory manager narrowed to reads, as an adapter given read-only credentials narrows itself: `supports()`
 * says no, and the operations reject with `NotSupportedError`. `seedSecret` stands in for data put in place
 * outside the manager.
 */
export class ReadOnlyInMemorySecretManager extends InMemorySecretManager {
  constructor() {
    super({ secretManagerName: "read_only_in_memory" });
  }

  override supports(operation: OptionalOperation): boolean {
    return !readOnlyLacks.includes(operation) && super.supports(operation);
  }

  seedSecret(name: string, value: string): Promise<WriteSecretResult> {
    return super.asyncWriteSecret(name, value);
  }

  override asyncWriteSecret(name: string): Promise<WriteSecretResult> {
    return this.#unsupported("asyncWriteSecret", name);
  }
  override asyncDeleteSecret(name: string): Promise<never> {
    return this.#unsupported("asyncDeleteSecret", name);
  }
  override asyncDescribeSecret(name: string): Promise<SecretMetadata | undefined> {
    return this.#unsupported("asyncDescribeSecret", name);
  }
  override asyncRestoreSecret(name: string): Promise<RestoreSecretResult> {
    return this.#unsupported("asyncRestoreSecret", name);
  }

  #unsupported(operation: OptionalOperation, secretName: string): Promise<never> {
    return Promise.reject(new NotSupportedError(operation, { backend: this.secretManagerName, secretName }));
  }
}
