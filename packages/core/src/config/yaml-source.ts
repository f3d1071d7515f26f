import { type Document, isMap, isScalar, LineCounter, type Node, parseDocument } from "yaml";
import { ConfigurationError } from "../errors.js";

/** A path into the config tree: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** `general_settings.key_management_settings.access_mode`, `model_list[0].dheera_ai_params.api_key`. */
export function formatYamlPath(path: YamlPath): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? segment : `.${segment}`;
  }
  return text || "(root)";
}

export interface SourcePosition {
  line: number;
  column: number;
}

/** A parsed YAML file that remembers where each value came from, so errors can point at a line and column. */
export class YamlSource {
  readonly fileName: string;
  readonly data: unknown;
  readonly #document: Document;
  readonly #lines: LineCounter;

  private constructor(fileName: string, document: Document, lines: LineCounter) {
    this.fileName = fileName;
    this.#document = document;
    this.#lines = lines;
    this.data = document.toJS({ maxAliasCount: 100 });
  }

  /** Parses `text`; a syntax error becomes a `ConfigurationError` naming the file, line and column. */
  static parse(text: string, fileName: string): YamlSource {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    const [first] = document.errors;
    if (first) {
      const where = first.linePos?.[0];
      const location = where ? `${fileName}:${where.line}:${where.col}` : fileName;
      const summary = first.message.split("\n")[0];
      // Not the parser's error as the cause: its message quotes the offending line, and a config may hold a
      // secret written in plain (`master_key: sk-...`), which would then reach a printed stack trace.
      const cause = Object.assign(new Error(summary), { name: first.name, code: first.code });
      throw new ConfigurationError(`${location}: invalid YAML: ${summary}`, { cause });
    }
    return new YamlSource(fileName, document, lines);
  }

  /** Where the value at `path` (or, with `key`, the map key that ends it) starts in the file. */
  position(path: YamlPath, options: { key?: boolean } = {}): SourcePosition | undefined {
    const node = options.key ? this.#keyNode(path) : (this.#document.getIn(path, true) as Node | undefined);
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = this.#lines.linePos(offset);
    return { line, column: col };
  }

  /** `config.yaml:5:18` for the value (or key) at `path`, or just the file name. */
  locate(path: YamlPath, options: { key?: boolean } = {}): string {
    const position = this.position(path, options);
    return position ? `${this.fileName}:${position.line}:${position.column}` : this.fileName;
  }

  #keyNode(path: YamlPath): Node | undefined {
    const parent = this.#document.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) return undefined;
    const last = path[path.length - 1];
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
    return pair && isScalar(pair.key) ? pair.key : undefined;
  }
}
