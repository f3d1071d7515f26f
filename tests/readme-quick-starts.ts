import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./publishable-packages.js";

/** One fenced block of a README marked `<!-- quick-start:<id> … -->` on the line before its fence. */
export interface QuickStart {
  /** The README, relative to the repository root. */
  readme: string;
  id: string;
  code: string;
  /** What the program must print, one entry per line: the `// comment` after each `console.log` line. */
  expectedOutput: string[];
}

const markedBlock = /<!-- quick-start:([a-z-]+)[\s\S]*?-->\s*\n```ts\n([\s\S]*?)\n```/g;

/** Extracts the quick start `id` from `readme`; throws when the README does not hold exactly one. */
export function quickStartOf(readme: string, id: string): QuickStart {
  const text = readFileSync(join(repoRoot, readme), "utf8");
  const blocks = [...text.matchAll(markedBlock)].filter((match) => match[1] === id);
  if (blocks.length !== 1) {
    throw new Error(
      `${readme} must hold exactly one \`\`\`ts block right after a <!-- quick-start:${id} --> marker; found ${blocks.length}`,
    );
  }
  const code = blocks[0]?.[2] ?? "";
  const expectedOutput = code
    .split("\n")
    .filter((line) => line.includes("console.log("))
    .map((line) => {
      const comment = /\/\/ (.+)$/.exec(line);
      if (!comment?.[1])
        throw new Error(`${readme}: quick-start:${id} logs without saying what it prints: ${line}`);
      return comment[1].trim();
    });
  return { readme, id, code, expectedOutput };
}

/**
 * Turns an ES-module quick start into the CommonJS program a `require()` user writes: each named import becomes a
 * `require()`, and the body runs in an async function because CommonJS has no top-level await. Anything else that
 * imports is refused, so the check never silently tests something other than the README.
 */
export function toCommonJs(code: string): string {
  const requires: string[] = [];
  const body = code.replace(
    /^import \{([^}]*)\} from "([^"]+)";[ \t]*$/gm,
    (_line, names: string, from: string) => {
      requires.push(`const {${names}} = require(${JSON.stringify(from)});`);
      return "";
    },
  );
  const leftover = /^\s*(import|export)\b.*$/m.exec(body);
  if (leftover) throw new Error(`cannot turn this line of the quick start into CommonJS: ${leftover[0]}`);
  if (requires.length === 0)
    throw new Error("the quick start imports nothing, so require() would not be tested");
  return [
    "// Generated from the README quick start: ESM imports as require(), the body in an async function.",
    ...requires,
    "(async () => {",
    body,
    "})().catch((error) => {",
    "  console.error(error);",
    "  process.exitCode = 1;",
    "});",
    "",
  ].join("\n");
}
