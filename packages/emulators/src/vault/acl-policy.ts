/**
 * Vault ACL policies (Vault 1.x policy syntax, https://developer.hashicorp.com/vault/docs/concepts/policies):
 * the HCL subset Vault uses — `path "<pattern>" { capabilities = [...] }`, comments, the legacy
 * `policy = "read|write|deny|sudo"` shorthand, and the JSON form — parsed into rules, then merged into an ACL that
 * answers "may this token do <capability> on <path>?" with Vault's matching rules: an exact path wins, otherwise
 * the most specific glob (`*` only at the end, `+` for one segment), and `deny` beats everything.
 */

export const CAPABILITIES = [
  "create",
  "read",
  "update",
  "patch",
  "delete",
  "list",
  "sudo",
  "deny",
  "subscribe",
  "recover",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface PolicyRule {
  readonly pattern: string;
  readonly capabilities: ReadonlySet<Capability>;
}

export class PolicyParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyParseError";
  }
}

const LEGACY_POLICY: Record<string, Capability[]> = {
  deny: ["deny"],
  read: ["read", "list"],
  write: ["create", "read", "update", "delete", "list"],
  sudo: ["create", "read", "update", "delete", "list", "sudo"],
};

type HclValue = string | number | boolean | HclValue[] | HclBlock;
interface HclBlock {
  readonly entries: Array<{ key: string; labels: string[]; value: HclValue }>;
}

/** Parses a policy document into rules; throws `PolicyParseError` with a message naming what is wrong. */
export function parsePolicy(text: string): PolicyRule[] {
  const trimmed = text.trim();
  const document = trimmed.startsWith("{") ? fromJson(trimmed) : new HclParser(text).parseDocument();
  const rules: PolicyRule[] = [];
  for (const entry of document.entries) {
    if (entry.key !== "path") continue; // `name = ...` and other top-level keys carry no rules
    const pattern = entry.labels[0];
    if (pattern === undefined) throw new PolicyParseError("path block needs a quoted path");
    if (typeof entry.value !== "object" || Array.isArray(entry.value))
      throw new PolicyParseError(`path "${pattern}" must be a block`);
    rules.push({ pattern, capabilities: capabilitiesOf(pattern, entry.value) });
  }
  return rules;
}

function capabilitiesOf(pattern: string, block: HclBlock): Set<Capability> {
  const result = new Set<Capability>();
  for (const entry of block.entries) {
    if (entry.key === "capabilities") {
      if (!Array.isArray(entry.value))
        throw new PolicyParseError(`path "${pattern}": capabilities must be a list`);
      for (const item of entry.value) {
        if (typeof item !== "string" || !(CAPABILITIES as readonly string[]).includes(item))
          throw new PolicyParseError(`path "${pattern}": invalid capability ${JSON.stringify(item)}`);
        result.add(item as Capability);
      }
    } else if (entry.key === "policy") {
      const legacy = typeof entry.value === "string" ? LEGACY_POLICY[entry.value] : undefined;
      if (!legacy)
        throw new PolicyParseError(`path "${pattern}": invalid policy ${JSON.stringify(entry.value)}`);
      for (const capability of legacy) result.add(capability);
    }
    // Parameter constraints and wrapping TTLs are accepted and ignored: the emulator does not enforce them.
  }
  return result;
}

function fromJson(text: string): HclBlock {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PolicyParseError(`invalid JSON policy: ${(error as Error).message}`);
  }
  const entries: HclBlock["entries"] = [];
  const paths = (parsed as { path?: unknown }).path;
  if (paths && typeof paths === "object") {
    for (const [pattern, body] of Object.entries(paths as Record<string, unknown>)) {
      const blockEntries: HclBlock["entries"] = [];
      for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>))
        blockEntries.push({ key, labels: [], value: value as HclValue });
      entries.push({ key: "path", labels: [pattern], value: { entries: blockEntries } });
    }
  }
  return { entries };
}

type Token =
  | { kind: "string"; value: string }
  | { kind: "ident"; value: string }
  | { kind: "number"; value: number }
  | { kind: "punct"; value: "{" | "}" | "[" | "]" | "=" | "," };

class HclParser {
  readonly #tokens: Token[];
  #index = 0;

  constructor(text: string) {
    this.#tokens = tokenize(text);
  }

  parseDocument(): HclBlock {
    const block = this.#parseEntries(false);
    return block;
  }

  #parseEntries(nested: boolean): HclBlock {
    const entries: HclBlock["entries"] = [];
    for (;;) {
      const token = this.#tokens[this.#index];
      if (token === undefined) {
        if (nested) throw new PolicyParseError("unexpected end of policy: missing '}'");
        return { entries };
      }
      if (token.kind === "punct" && token.value === "}") {
        if (!nested) throw new PolicyParseError("unexpected '}'");
        this.#index++;
        return { entries };
      }
      if (token.kind === "punct" && token.value === ",") {
        this.#index++;
        continue;
      }
      if (token.kind !== "ident" && token.kind !== "string")
        throw new PolicyParseError(`unexpected ${JSON.stringify(token.value)}`);
      this.#index++;
      const labels: string[] = [];
      while (this.#peek()?.kind === "string") labels.push((this.#next() as { value: string }).value);
      const next = this.#next();
      if (next?.kind === "punct" && next.value === "=") {
        entries.push({ key: token.value, labels, value: this.#parseValue() });
      } else if (next?.kind === "punct" && next.value === "{") {
        entries.push({ key: token.value, labels, value: this.#parseEntries(true) });
      } else {
        throw new PolicyParseError(`expected '=' or '{' after ${JSON.stringify(token.value)}`);
      }
    }
  }

  #parseValue(): HclValue {
    const token = this.#next();
    if (token === undefined) throw new PolicyParseError("unexpected end of policy: missing value");
    if (token.kind === "string" || token.kind === "number") return token.value;
    if (token.kind === "ident") {
      if (token.value === "true" || token.value === "false") return token.value === "true";
      throw new PolicyParseError(`unexpected ${JSON.stringify(token.value)}`);
    }
    if (token.value === "{") return this.#parseEntries(true);
    if (token.value === "[") {
      const items: HclValue[] = [];
      for (;;) {
        const peek = this.#peek();
        if (peek === undefined) throw new PolicyParseError("unexpected end of policy: missing ']'");
        if (peek.kind === "punct" && peek.value === "]") {
          this.#index++;
          return items;
        }
        if (peek.kind === "punct" && peek.value === ",") {
          this.#index++;
          continue;
        }
        items.push(this.#parseValue());
      }
    }
    throw new PolicyParseError(`unexpected ${JSON.stringify(token.value)}`);
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#index];
  }

  #next(): Token | undefined {
    return this.#tokens[this.#index++];
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (/\s/.test(char)) {
      i++;
    } else if (char === "#" || (char === "/" && text[i + 1] === "/")) {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (char === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) throw new PolicyParseError("unterminated comment");
      i = end + 2;
    } else if ("{}[]=,".includes(char)) {
      tokens.push({ kind: "punct", value: char as "{" });
      i++;
    } else if (char === '"') {
      let value = "";
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === "\\" && i + 1 < text.length) {
          const escaped = text[i + 1] as string;
          value += escaped === "n" ? "\n" : escaped === "t" ? "\t" : escaped;
          i += 2;
        } else {
          value += text[i];
          i++;
        }
      }
      if (i >= text.length) throw new PolicyParseError("unterminated string");
      i++;
      tokens.push({ kind: "string", value });
    } else if (/[0-9-]/.test(char)) {
      const match = /-?\d+(\.\d+)?/y;
      match.lastIndex = i;
      const found = match.exec(text);
      if (!found) throw new PolicyParseError(`unexpected ${JSON.stringify(char)}`);
      tokens.push({ kind: "number", value: Number(found[0]) });
      i = match.lastIndex;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /[A-Za-z0-9_.-]+/y;
      match.lastIndex = i;
      const found = match.exec(text) as RegExpExecArray;
      tokens.push({ kind: "ident", value: found[0] });
      i = match.lastIndex;
    } else {
      throw new PolicyParseError(`unexpected ${JSON.stringify(char)}`);
    }
  }
  return tokens;
}

interface MergedRule {
  readonly pattern: string;
  readonly segments: string[];
  readonly prefix: boolean;
  readonly capabilities: Set<Capability>;
}

/** The rules of several policies merged, as Vault merges a token's policies before checking a request. */
export class Acl {
  readonly root: boolean;
  readonly #exact = new Map<string, MergedRule>();
  readonly #globs: MergedRule[] = [];

  constructor(rules: Iterable<PolicyRule>, options: { root?: boolean } = {}) {
    this.root = options.root ?? false;
    const merged = new Map<string, MergedRule>();
    for (const rule of rules) {
      let entry = merged.get(rule.pattern);
      if (!entry) {
        const prefix = rule.pattern.endsWith("*");
        const body = prefix ? rule.pattern.slice(0, -1) : rule.pattern;
        entry = { pattern: rule.pattern, segments: body.split("/"), prefix, capabilities: new Set() };
        merged.set(rule.pattern, entry);
      }
      for (const capability of rule.capabilities) entry.capabilities.add(capability);
    }
    for (const entry of merged.values()) {
      if (entry.capabilities.has("deny")) {
        entry.capabilities.clear();
        entry.capabilities.add("deny");
      }
      if (!entry.prefix && !entry.segments.includes("+")) this.#exact.set(entry.pattern, entry);
      else this.#globs.push(entry);
    }
    this.#globs.sort(compareSpecificity);
  }

  /** The capabilities a request on `path` gets (empty when nothing matches). */
  capabilities(path: string): ReadonlySet<Capability> {
    if (this.root) return new Set(CAPABILITIES.filter((capability) => capability !== "deny"));
    const exact = this.#exact.get(path);
    if (exact) return exact.capabilities;
    const segments = path.split("/");
    for (const rule of this.#globs) if (matches(rule, segments)) return rule.capabilities;
    return new Set();
  }

  allows(path: string, capability: Capability): boolean {
    const granted = this.capabilities(path);
    return !granted.has("deny") && granted.has(capability);
  }
}

function matches(rule: MergedRule, segments: string[]): boolean {
  const pattern = rule.segments;
  if (!rule.prefix && pattern.length !== segments.length) return false;
  if (rule.prefix && segments.length < pattern.length) return false;
  for (let index = 0; index < pattern.length; index++) {
    const want = pattern[index] as string;
    const have = segments[index] as string;
    const last = index === pattern.length - 1;
    if (want === "+") {
      if (have === "" && !(rule.prefix && last)) return false;
      continue;
    }
    if (rule.prefix && last) return have.startsWith(want);
    if (want !== have) return false;
  }
  return true;
}

/**
 * Vault's priority between two globs that both match (policies concept page): the one whose first wildcard
 * comes later wins; then one not ending in `*`; then fewer `+` segments; then the longer pattern; then the
 * lexicographically larger. Sorted most specific first.
 */
function compareSpecificity(a: MergedRule, b: MergedRule): number {
  const firstWildcard = (rule: MergedRule) => {
    const plus = rule.pattern.indexOf("+");
    const star = rule.prefix ? rule.pattern.length - 1 : Number.POSITIVE_INFINITY;
    return Math.min(plus < 0 ? Number.POSITIVE_INFINITY : plus, star);
  };
  return (
    firstWildcard(b) - firstWildcard(a) ||
    Number(a.prefix) - Number(b.prefix) ||
    a.segments.filter((s) => s === "+").length - b.segments.filter((s) => s === "+").length ||
    b.pattern.length - a.pattern.length ||
    (a.pattern < b.pattern ? 1 : a.pattern > b.pattern ? -1 : 0)
  );
}

/** Vault's built-in `default` policy, reduced to the paths this emulator serves. */
export const DEFAULT_POLICY_TEXT = `# Allow tokens to look up their own properties
path "auth/token/lookup-self" {
    capabilities = ["read"]
}

# Allow tokens to renew themselves
path "auth/token/renew-self" {
    capabilities = ["update"]
}

# Allow tokens to revoke themselves
path "auth/token/revoke-self" {
    capabilities = ["update"]
}

# Allow a token to look up its own capabilities on a path
path "sys/capabilities-self" {
    capabilities = ["update"]
}
`;
