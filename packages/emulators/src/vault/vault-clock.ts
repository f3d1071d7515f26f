/**
 * The emulator's notion of "now". Tests move it forward (`advance`) to expire tokens, secret IDs and versions
 * without waiting, so no assertion depends on how fast the machine is.
 */
export class VaultClock {
  readonly #source: () => number;
  #offsetMs = 0;

  constructor(source: () => number = Date.now) {
    this.#source = source;
  }

  /** Milliseconds since the epoch. */
  now(): number {
    return this.#source() + this.#offsetMs;
  }

  advance(milliseconds: number): void {
    if (!(milliseconds >= 0)) throw new RangeError(`milliseconds must be >= 0, got ${milliseconds}`);
    this.#offsetMs += milliseconds;
  }
}

/** Vault's timestamp format (RFC 3339, UTC). */
export function vaultTime(ms: number): string {
  return new Date(ms).toISOString();
}
