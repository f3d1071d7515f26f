/** Counts the requests an emulator received, by operation, so tests can assert how many calls reached it. */
export class RequestCounters {
  readonly #counts = new Map<string, number>();

  record(operation: string): void {
    this.#counts.set(operation, (this.#counts.get(operation) ?? 0) + 1);
  }

  /** How many requests of `operation` arrived (faulted ones included). */
  get(operation: string): number {
    return this.#counts.get(operation) ?? 0;
  }

  get total(): number {
    let sum = 0;
    for (const count of this.#counts.values()) sum += count;
    return sum;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }

  reset(): void {
    this.#counts.clear();
  }
}
