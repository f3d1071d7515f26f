import { randomBytes, randomUUID } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A random base62 string; tokens and secret IDs are credentials, so they come from the CSPRNG. */
export function randomBase62(length: number): string {
  const bytes = randomBytes(length * 2);
  let text = "";
  for (let index = 0; text.length < length && index < bytes.length; index++) {
    const byte = bytes[index] as number;
    if (byte < 248) text += ALPHABET[byte % 62];
  }
  return text.length === length ? text : randomBase62(length);
}

/** A service token in Vault's current format (`hvs.` + 24 characters). */
export function newServiceToken(): string {
  return `hvs.${randomBase62(24)}`;
}

export function newUuid(): string {
  return randomUUID();
}
