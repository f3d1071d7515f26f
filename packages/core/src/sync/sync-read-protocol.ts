import type { OptionalParams } from "../secret-operations.js";
import type { ManagerBlueprint } from "./manager-blueprint.js";
import type { TransferableError } from "./transferable-error.js";

/** The messages between `SyncReadBridge` and its worker. */
export interface SyncReadRequest {
  id: number;
  name: string;
  timeoutMs: number;
  optionalParams: OptionalParams | undefined;
}

export type SyncReadReply =
  | { id: number; ok: true; value: string | undefined }
  | { id: number; ok: false; error: TransferableError };

export interface SyncReadWorkerData {
  blueprint: ManagerBlueprint;
  /** `state[0]` counts replies: the main thread waits for it to move. */
  state: Int32Array;
}
