export { EmulatorClock as VaultClock } from "../shared/emulator-clock.js";

/** Vault's timestamp format (RFC 3339, UTC). */
export function vaultTime(ms: number): string {
  return new Date(ms).toISOString();
}
