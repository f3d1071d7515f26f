import type {
  DeleteSecretOptions,
  DeleteSecretResult,
  ReadSecretOptions,
  RestoreSecretResult,
  WriteSecretOptions,
  WriteSecretResult,
} from "@dheera-ai/secret-manager";
import { InMemorySecretManager } from "@dheera-ai/secret-manager-memory";

/**
 * An in-memory manager whose reads lag its writes, deletes and restores: after a change, the next `staleReads`
 * reads of that name still return what was visible before. Counted in reads, not time, so tests stay deterministic.
 */
export class EventuallyConsistentSecretManager extends InMemorySecretManager {
  readonly #staleReads: number;
  readonly #lagging = new Map<string, { value: string | undefined; readsLeft: number }>();

  constructor({ staleReads = 2 } = {}) {
    super({ secretManagerName: "eventually_consistent" });
    this.#staleReads = staleReads;
  }

  override async asyncReadSecret(name: string, options?: ReadSecretOptions): Promise<string | undefined> {
    const fresh = await super.asyncReadSecret(name, options);
    return this.#visible(name, fresh);
  }

  override syncReadSecret(name: string): string | undefined {
    return this.#visible(name, super.syncReadSecret(name));
  }

  override async asyncWriteSecret(
    name: string,
    value: string,
    options?: WriteSecretOptions,
  ): Promise<WriteSecretResult> {
    const before = this.#peek(name);
    const result = await super.asyncWriteSecret(name, value, options);
    this.#lag(name, before);
    return result;
  }

  override async asyncDeleteSecret(name: string, options?: DeleteSecretOptions): Promise<DeleteSecretResult> {
    const before = this.#peek(name);
    const result = await super.asyncDeleteSecret(name, options);
    if (result.deleted) this.#lag(name, before);
    return result;
  }

  override async asyncRestoreSecret(name: string, options?: ReadSecretOptions): Promise<RestoreSecretResult> {
    const before = this.#peek(name);
    const result = await super.asyncRestoreSecret(name, options);
    if (result.restored) this.#lag(name, before);
    return result;
  }

  /** What a reader sees now, without using up a stale read. */
  #peek(name: string): string | undefined {
    if (name === "") return undefined;
    const lagging = this.#lagging.get(name);
    return lagging ? lagging.value : super.syncReadSecret(name);
  }

  #lag(name: string, before: string | undefined): void {
    this.#lagging.set(name, { value: before, readsLeft: this.#staleReads });
  }

  #visible(name: string, fresh: string | undefined): string | undefined {
    const lagging = this.#lagging.get(name);
    if (!lagging) return fresh;
    lagging.readsLeft -= 1;
    if (lagging.readsLeft <= 0) this.#lagging.delete(name);
    return lagging.value;
  }
}
