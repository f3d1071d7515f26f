import type { SecretManagerLogger } from "../logger.js";
import type { Milliseconds } from "../secret-operations.js";

export interface SecretCacheOptions {
  /** How long a value read from the backend is served without asking again. @default 300_000 */
  ttlMs?: Milliseconds | undefined;
  /** The most names kept; the least recently used goes first. @default 10_000 */
  maxEntries?: number | undefined;
  /**
   * A value read within this long of its expiry is served at once and refreshed in the background, so steady
   * traffic never waits on the backend. @default 10% of `ttlMs`
   */
  refreshAheadMs?: Milliseconds | undefined;
  /**
   * When the backend fails, an expired value is still served for this long past its expiry (and a warning says
   * so), so a backend outage does not take the proxy down. `0` turns this off. @default 900_000 (15 minutes)
   */
  staleIfErrorMs?: Milliseconds | undefined;
  /** The clock, in epoch milliseconds. @default Date.now */
  now?: (() => number) | undefined;
  logger?: SecretManagerLogger | undefined;
}

interface Entry {
  value: string;
  expiresAt: number;
}

/** Loads a secret from the backend: its value, or `undefined` when it does not exist. */
export type SecretLoader = () => Promise<string | undefined>;

/**
 * The cache every manager shares (through the resolver). Per name: a TTL, concurrent reads sharing one backend
 * call, refresh ahead of expiry, and the last good value served for a bounded time while the backend is down.
 * Misses are not cached, so a secret created later is seen at once.
 */
export class SecretCache {
  readonly #entries = new Map<string, Entry>();
  readonly #inflight = new Map<string, Promise<string | undefined>>();
  /** Bumped by a set, delete or invalidate during a load, so the load that started earlier cannot overwrite it. */
  readonly #generation = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #refreshAheadMs: number;
  readonly #staleIfErrorMs: number;
  readonly #now: () => number;
  readonly #logger: SecretManagerLogger | undefined;

  constructor(options: SecretCacheOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 300_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#refreshAheadMs = options.refreshAheadMs ?? this.#ttlMs / 10;
    this.#staleIfErrorMs = options.staleIfErrorMs ?? 900_000;
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger;
  }

  /** The value while it is fresh, without touching the backend; `undefined` otherwise. */
  peek(name: string): string | undefined {
    const entry = this.#entries.get(name);
    return entry && entry.expiresAt > this.#now() ? entry.value : undefined;
  }

  /** The cached value, or the one `load` returns; concurrent calls for one name share one `load`. */
  async get(name: string, load: SecretLoader): Promise<string | undefined> {
    const entry = this.#entries.get(name);
    const now = this.#now();
    if (entry && entry.expiresAt > now) {
      this.#touch(name, entry);
      if (entry.expiresAt - now <= this.#refreshAheadMs && !this.#inflight.has(name)) {
        // Refresh in the background; a failure is logged and the current value stays until it expires.
        this.#load(name, load).catch((error: unknown) =>
          this.#logger?.warn(`background refresh of secret "${name}" failed; serving the cached value`, {
            secretName: name,
            error: errorText(error),
          }),
        );
      }
      return entry.value;
    }
    try {
      return await (this.#inflight.get(name) ?? this.#load(name, load));
    } catch (error) {
      const stale = this.#entries.get(name);
      if (stale && this.#now() < stale.expiresAt + this.#staleIfErrorMs) {
        this.#logger?.warn(
          `backend failed for secret "${name}"; serving the last good value past its expiry`,
          {
            secretName: name,
            expiredAt: new Date(stale.expiresAt).toISOString(),
            error: errorText(error),
          },
        );
        return stale.value;
      }
      throw error;
    }
  }

  /** Stores a value just written through the manager. */
  set(name: string, value: string): void {
    this.#bump(name);
    this.#store(name, value);
  }

  /** Forgets a name (deleted through the manager, or changed behind its back). */
  invalidate(name: string): void {
    this.#bump(name);
    this.#entries.delete(name);
  }

  clear(): void {
    for (const name of this.#entries.keys()) this.#bump(name);
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  #load(name: string, load: SecretLoader): Promise<string | undefined> {
    const generation = this.#generation.get(name) ?? 0;
    const pending = (async () => {
      try {
        const value = await load();
        if ((this.#generation.get(name) ?? 0) === generation) {
          if (value === undefined) this.#entries.delete(name);
          else this.#store(name, value);
        }
        return value;
      } finally {
        this.#inflight.delete(name);
        this.#generation.delete(name);
      }
    })();
    this.#inflight.set(name, pending);
    return pending;
  }

  #store(name: string, value: string): void {
    this.#entries.delete(name);
    this.#entries.set(name, { value, expiresAt: this.#now() + this.#ttlMs });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  /** Moves a name to the most recently used end. */
  #touch(name: string, entry: Entry): void {
    this.#entries.delete(name);
    this.#entries.set(name, entry);
  }

  #bump(name: string): void {
    // A generation only matters to a load in flight; without one, keeping it would grow the map forever.
    if (this.#inflight.has(name)) this.#generation.set(name, (this.#generation.get(name) ?? 0) + 1);
  }
}

/** An error's message for a log field; messages of this library never hold a value. */
export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
