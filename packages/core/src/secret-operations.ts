/**
 * The options and results of the contract's operations. Every duration is in milliseconds, as in every Node SDK;
 * the type says so, so a caller who thinks in seconds sees the unit at the call site.
 */

/** A duration in milliseconds. */
export type Milliseconds = number;

/** Extra, backend-specific parameters, passed through untouched (the seed's `optional_params`). */
export type OptionalParams = Readonly<Record<string, unknown>>;

/** Tags of a stored secret: string keys, string values. */
export type SecretTags = Readonly<Record<string, string>>;

/** Options every call accepts. */
export interface CallOptions {
  /** Backend-specific parameters, passed through to the adapter. */
  optionalParams?: OptionalParams | undefined;
  /** Give up after this long with a `SecretManagerTimeoutError`. Adapters document their default. */
  timeoutMs?: Milliseconds | undefined;
  /** Abort the call; it then rejects with an `AbortedError` whose `cause` is the signal's reason. */
  signal?: AbortSignal | undefined;
}

export type ReadSecretOptions = CallOptions;

/** A synchronous read cannot be aborted from the blocked thread, so it takes a timeout only. */
export type SyncReadSecretOptions = Omit<CallOptions, "signal">;

export interface WriteSecretOptions extends CallOptions {
  /** A description stored with the secret, where the backend keeps one. */
  description?: string | undefined;
  /** Tags stored with the secret, where the backend keeps them. */
  tags?: SecretTags | undefined;
}

export interface DeleteSecretOptions extends CallOptions {
  /**
   * How many days the deleted secret stays recoverable; `0` deletes it for good at once.
   * @default 7
   */
  recoveryWindowInDays?: number | undefined;
}

export interface WriteSecretResult {
  /** The name the secret was written under. */
  name: string;
  /** `true` when the secret did not exist before (or was restored from a pending deletion). */
  created: boolean;
  /** The backend's identifier of the version just written, where it has one. */
  versionId?: string | undefined;
}

export interface DeleteSecretResult {
  name: string;
  /** `false` when there was no such secret, which is not an error. */
  deleted: boolean;
  /** Until when the secret can be restored; absent when it was deleted for good. */
  recoverableUntil?: Date | undefined;
}

export interface RestoreSecretResult {
  name: string;
  /** `false` when there was no deleted secret by that name to restore. */
  restored: boolean;
}

/** What a backend knows about a secret besides its value. */
export interface SecretMetadata {
  name: string;
  description?: string | undefined;
  tags?: SecretTags | undefined;
  createdAt?: Date | undefined;
  updatedAt?: Date | undefined;
}

/** The default recovery window of a delete, in days (the seed's `recovery_window_in_days=7`). */
export const DEFAULT_RECOVERY_WINDOW_IN_DAYS = 7;
