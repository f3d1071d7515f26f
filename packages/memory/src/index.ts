export { createInMemorySecretManager, InMemorySecretManager } from "./in-memory-secret-manager.js";
export type { InMemorySecretManagerOptions } from "./in-memory-secret-manager-options.js";
