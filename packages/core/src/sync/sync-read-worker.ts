/**
 * The worker thread behind `SyncReadBridge`: builds the manager from its blueprint once, then answers each read with
 * the manager's own asynchronous read. The main thread sleeps in `Atomics.wait` meanwhile; this thread posts the
 * reply on the shared port, then bumps the shared counter and wakes it.
 */
import { fileURLToPath } from "node:url";
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import type { CustomSecretManager } from "../custom-secret-manager.js";
import { importManagerFile } from "../loading/module-importer.js";
import type { ManagerBlueprint } from "./manager-blueprint.js";
import type { SyncReadReply, SyncReadRequest, SyncReadWorkerData } from "./sync-read-protocol.js";
import { toTransferableError } from "./transferable-error.js";

const { blueprint, port, state } = workerData as SyncReadWorkerData & { port: MessagePort };
let manager: Promise<CustomSecretManager> | undefined;

async function build(plan: ManagerBlueprint): Promise<CustomSecretManager> {
  const module =
    plan.kind === "file"
      ? await importManagerFile(fileURLToPath(plan.moduleUrl))
      : await import(plan.moduleUrl);
  const ManagerClass = (module as Record<string, unknown>)[plan.exportName] as new (
    ...args: unknown[]
  ) => CustomSecretManager;
  if (typeof ManagerClass !== "function")
    throw new Error(`${plan.moduleUrl} has no export "${plan.exportName}"`);
  return new ManagerClass(...(plan.args ?? []));
}

function reply(message: SyncReadReply): void {
  port.postMessage(message);
  Atomics.add(state, 0, 1);
  Atomics.notify(state, 0);
}

parentPort?.on("message", async (request: SyncReadRequest) => {
  try {
    manager ??= build(blueprint);
    const value = await (await manager).asyncReadSecret(request.name, {
      timeoutMs: request.timeoutMs,
      optionalParams: request.optionalParams,
    });
    reply({ id: request.id, ok: true, value });
  } catch (error) {
    reply({ id: request.id, ok: false, error: toTransferableError(error) });
  }
});
