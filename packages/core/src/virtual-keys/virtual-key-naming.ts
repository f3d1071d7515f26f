/** A proxy virtual key, as far as storing it is concerned. */
export interface VirtualKey {
  /** The key's token id (its hash in the proxy's database). */
  tokenId: string;
  /** The key's alias, when it has one. */
  alias?: string | undefined;
}

/**
 * The name a virtual key is stored under: prefix + (alias, or `virtual-key-<token id>`). A `/` joins them when the
 * prefix is non-empty and does not already end with one; an empty prefix gives the bare name.
 */
export function storedVirtualKeyName(key: VirtualKey, prefix: string): string {
  const base = key.alias ? key.alias : `virtual-key-${key.tokenId}`;
  if (prefix === "") return base;
  return prefix.endsWith("/") ? `${prefix}${base}` : `${prefix}/${base}`;
}
