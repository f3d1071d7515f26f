import { fileURLToPath } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { SecretManagerTimeoutError } from "../errors.js";
import type { Milliseconds, SyncReadSecretOptions } from "../secret-operations.js";
import type { ManagerBlueprint } from "./manager-blueprint.js";
import type { SyncReadReply, SyncReadRequest } from "./sync-read-protocol.js";
import { fromTransferableError } from "./transferable-error.js";

export interface SyncReadBridgeOptions {
  /** How long a read may block before it fails with `SecretManagerTimeoutError`. @default 10_000 */
  timeoutMs?: Milliseconds | undefined;
  /** The manager's name, for errors. */
  backend?: string | undefined;
}

/**
 * A real synchronous read for a manager whose I/O is asynchronous. A worker thread builds its own copy of the
 * manager from a blueprint and performs the asynchronous read; the calling thread blocks in `Atomics.wait` until
 * the reply arrives or the timeout passes. Adapters implement `syncReadSecret` with it:
 *
 * @example
 * syncReadSecret(name: string, options?: SyncReadSecretOptions) {
 *   this.#bridge ??= new SyncReadBridge({ moduleUrl: import.meta.url, exportName: "VaultSecretManager", args: [this.#options] });
 *   return this.#bridge.read(name, options);
 * }
 *
 * The backend must not run on the blocked thread (an in-process test server would never answer): run it in
 * another process or thread.
 */
export class SyncReadBridge {
  readonly blueprint: ManagerBlueprint;
  readonly #timeoutMs: number;
  readonly #backend: string | undefined;
  #worker: Worker | undefined;
  #port: MessagePort | undefined;
  #state: Int32Array | undefined;
  #nextId = 0;

  constructor(blueprint: ManagerBlueprint, options: SyncReadBridgeOptions = {}) {
    this.blueprint = blueprint;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#backend = options.backend;
  }

  /** Reads `name`, blocking the calling thread; `undefined` when the secret does not exist. */
  read(name: string, options: SyncReadSecretOptions = {}): string | undefined {
    const { worker, port, state } = this.#start();
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const deadline = performance.now() + timeoutMs;
    const id = ++this.#nextId;
    let seen = Atomics.load(state, 0);
    worker.postMessage({
      id,
      name,
      timeoutMs,
      optionalParams: options.optionalParams,
    } satisfies SyncReadRequest);
    for (;;) {
      for (let received = receiveMessageOnPort(port); received; received = receiveMessageOnPort(port)) {
        const reply = received.message as SyncReadReply;
        // Replies to earlier reads that timed out arrive late; they are dropped here.
        if (reply.id !== id) continue;
        if (reply.ok) return reply.value;
        throw fromTransferableError(reply.error);
      }
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        throw new SecretManagerTimeoutError(`synchronous read timed out after ${timeoutMs} ms`, {
          backend: this.#backend,
          secretName: name,
          timeoutMs,
        });
      }
      Atomics.wait(state, 0, seen, remaining);
      seen = Atomics.load(state, 0);
    }
  }

  /** Stops the worker thread; the next read starts a new one. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#port?.close();
    this.#port = undefined;
    await worker?.terminate();
  }

  #start(): { worker: Worker; port: MessagePort; state: Int32Array } {
    if (this.#worker && this.#port && this.#state)
      return { worker: this.#worker, port: this.#port, state: this.#state };
    const state = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(fileURLToPath(new URL("./sync-read-worker.js", import.meta.url)), {
      workerData: { blueprint: this.blueprint, state, port: port2 },
      transferList: [port2],
    });
    // Neither may keep the process alive: a bridge nobody closed must not hold the proxy open at exit.
    worker.unref();
    port1.unref();
    this.#worker = worker;
    this.#port = port1;
    this.#state = state;
    return { worker, port: port1, state };
  }
}
