import {
  CustomSecretManager,
  type DeleteSecretOptions,
  type SecretMetadata,
  type WriteSecretOptions,
} from "../../src/index.js";

/**
 * A small writable manager for core's own tests. (The memory adapter depends on core, so core's tests cannot
 * depend on it without a cycle.) Deletes with a recovery window keep the secret restorable.
 */
export class MapSecretManager extends CustomSecretManager {
  readonly #live = new Map<
    string,
    { value: string; description?: string | undefined; tags?: Readonly<Record<string, string>> | undefined }
  >();
  readonly #deleted = new Map<string, { value: string }>();

  constructor(secrets: Record<string, string> = {}, name = "map") {
    super({ secretManagerName: name });
    for (const [key, value] of Object.entries(secrets)) this.#live.set(key, { value });
  }

  override async asyncReadSecret(name: string) {
    return this.#live.get(name)?.value;
  }

  override syncReadSecret(name: string) {
    return this.#live.get(name)?.value;
  }

  override async asyncWriteSecret(name: string, value: string, options: WriteSecretOptions = {}) {
    const created = !this.#live.has(name);
    this.#live.set(name, { value, description: options.description, tags: options.tags });
    return { name, created };
  }

  override async asyncDeleteSecret(name: string, options: DeleteSecretOptions = {}) {
    const entry = this.#live.get(name);
    if (!entry) return { name, deleted: false };
    this.#live.delete(name);
    if ((options.recoveryWindowInDays ?? 7) > 0) this.#deleted.set(name, entry);
    return { name, deleted: true };
  }

  override async asyncRestoreSecret(name: string) {
    const entry = this.#deleted.get(name);
    if (entry) this.#live.set(name, entry);
    return { name, restored: this.#deleted.delete(name) };
  }

  override async asyncDescribeSecret(name: string): Promise<SecretMetadata | undefined> {
    const entry = this.#live.get(name);
    return entry && { name, description: entry.description, tags: entry.tags };
  }
}
