/**
 * An emulator's notion of "now", in milliseconds since the epoch like every duration of this library. Tests move
 * it forward (`advance`) to expire tokens, recovery windows and soft-delete retention without waiting, so no
 * assertion depends on how fast the machine is. One class for the three emulators, so `advanceTime` behaves the
 * same on each.
 */
export class EmulatorClock {
  readonly #source: () => number;
  #offsetMs = 0;

  constructor(source: () => number = Date.now) {
    this.#source = source;
  }

  /** Milliseconds since the epoch. */
  now(): number {
    return this.#source() + this.#offsetMs;
  }

  /** Moves the clock forward; the clock never runs backwards. */
  advance(milliseconds: number): void {
    if (!(Number.isFinite(milliseconds) && milliseconds >= 0)) {
      throw new RangeError(`advanceTime takes a non-negative number of milliseconds, got ${milliseconds}`);
    }
    this.#offsetMs += milliseconds;
  }
}
