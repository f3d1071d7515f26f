/**
 * Vault's HTTP API uses a `LIST` method (sent by node-vault's `list()` and by the Vault CLI), which Node's HTTP
 * parser rejects with a 400 before any handler runs. This rewrites each request line `LIST /path HTTP/1.1` on the
 * raw byte stream into `GET /path HTTP/1.1` plus a marker header, so the handler can still tell a LIST from a GET.
 *
 * It follows HTTP/1.1 message framing (Content-Length and chunked bodies), so on a keep-alive connection only the
 * start of each request is looked at, even when a request line or a header block is split across TCP chunks.
 */
import type { Socket } from "node:net";

/** The header the rewriter adds; its value is the method the client really sent. */
export const ORIGINAL_METHOD_HEADER = "x-vault-emulator-original-method";

const LIST_PREFIX = Buffer.from("LIST ");
const MARKER = Buffer.from(`${ORIGINAL_METHOD_HEADER}: LIST\r\n`);
/** Header blocks larger than this are passed through untouched (Node's own limit is 16 KiB by default). */
const MAX_HEADER_BYTES = 64 * 1024;

type State =
  | { kind: "start" }
  | { kind: "headers"; marker: boolean; seenLineEnd: boolean; text: string }
  | { kind: "body"; remaining: number }
  | { kind: "chunk-size"; line: string }
  | { kind: "chunk-data"; remaining: number }
  | { kind: "chunk-end"; seen: number }
  | { kind: "trailers"; line: string }
  | { kind: "passthrough" };

export class ListMethodRewriter {
  #state: State = { kind: "start" };
  #held: Buffer = Buffer.alloc(0);

  /** Rewrites one chunk of the client's bytes; may hold back up to four bytes of an undecided request line. */
  transform(chunk: Buffer): Buffer {
    const input = this.#held.length > 0 ? Buffer.concat([this.#held, chunk]) : chunk;
    this.#held = Buffer.alloc(0);
    const output: Buffer[] = [];
    let index = 0;
    while (index < input.length) {
      const state = this.#state;
      switch (state.kind) {
        case "passthrough":
          output.push(input.subarray(index));
          index = input.length;
          break;
        case "start": {
          // Blank lines before a request line are allowed (RFC 9112 §2.2).
          const byte = input[index] as number;
          if (byte === 0x0d || byte === 0x0a) {
            output.push(input.subarray(index, index + 1));
            index++;
            break;
          }
          const available = input.subarray(index, index + LIST_PREFIX.length);
          if (
            available.length < LIST_PREFIX.length &&
            LIST_PREFIX.subarray(0, available.length).equals(available)
          ) {
            this.#held = Buffer.from(available);
            index = input.length;
            break;
          }
          const isList = available.equals(LIST_PREFIX);
          if (isList) {
            output.push(Buffer.from("GET "));
            index += LIST_PREFIX.length;
          }
          this.#state = { kind: "headers", marker: isList, seenLineEnd: false, text: "" };
          break;
        }
        case "headers": {
          const end = input.indexOf(0x0a, index);
          const stop = end < 0 ? input.length : end + 1;
          const piece = input.subarray(index, stop);
          output.push(piece);
          index = stop;
          if (end < 0) {
            state.text += piece.toString("latin1");
            if (state.text.length > MAX_HEADER_BYTES) this.#state = { kind: "passthrough" };
            break;
          }
          const line = state.text + piece.toString("latin1");
          state.text = "";
          if (!state.seenLineEnd) {
            state.seenLineEnd = true;
            if (state.marker) output.push(MARKER);
            this.#headerLines = [];
            break;
          }
          if (line === "\r\n" || line === "\n") {
            this.#state = this.#afterHeaders();
            break;
          }
          this.#headerLines.push(line);
          if (this.#headerLines.length > 1000) this.#state = { kind: "passthrough" };
          break;
        }
        case "body": {
          const take = Math.min(state.remaining, input.length - index);
          output.push(input.subarray(index, index + take));
          index += take;
          state.remaining -= take;
          if (state.remaining === 0) this.#state = { kind: "start" };
          break;
        }
        case "chunk-size": {
          const end = input.indexOf(0x0a, index);
          const stop = end < 0 ? input.length : end + 1;
          output.push(input.subarray(index, stop));
          state.line += input.subarray(index, stop).toString("latin1");
          index = stop;
          if (end < 0) break;
          const size = Number.parseInt(state.line.split(";")[0]?.trim() ?? "", 16);
          if (!Number.isFinite(size)) this.#state = { kind: "passthrough" };
          else if (size === 0) this.#state = { kind: "trailers", line: "" };
          else this.#state = { kind: "chunk-data", remaining: size };
          break;
        }
        case "chunk-data": {
          const take = Math.min(state.remaining, input.length - index);
          output.push(input.subarray(index, index + take));
          index += take;
          state.remaining -= take;
          if (state.remaining === 0) this.#state = { kind: "chunk-end", seen: 0 };
          break;
        }
        case "chunk-end": {
          const byte = input[index] as number;
          output.push(input.subarray(index, index + 1));
          index++;
          if (byte === 0x0a) this.#state = { kind: "chunk-size", line: "" };
          break;
        }
        case "trailers": {
          const end = input.indexOf(0x0a, index);
          const stop = end < 0 ? input.length : end + 1;
          output.push(input.subarray(index, stop));
          state.line += input.subarray(index, stop).toString("latin1");
          index = stop;
          if (end < 0) break;
          if (state.line === "\r\n" || state.line === "\n") this.#state = { kind: "start" };
          else state.line = "";
          break;
        }
      }
    }
    return output.length === 1 ? (output[0] as Buffer) : Buffer.concat(output);
  }

  #headerLines: string[] = [];

  #afterHeaders(): State {
    let length = 0;
    let chunked = false;
    for (const line of this.#headerLines) {
      const colon = line.indexOf(":");
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line
        .slice(colon + 1)
        .trim()
        .toLowerCase();
      if (name === "content-length") length = Number.parseInt(value, 10) || 0;
      if (name === "transfer-encoding" && value.split(",").some((part) => part.trim() === "chunked"))
        chunked = true;
      // After a protocol upgrade the bytes are no longer HTTP requests.
      if (name === "upgrade") return { kind: "passthrough" };
    }
    this.#headerLines = [];
    if (chunked) return { kind: "chunk-size", line: "" };
    if (length > 0) return { kind: "body", remaining: length };
    return { kind: "start" };
  }
}

/**
 * Routes a server-side socket's incoming bytes through a `ListMethodRewriter`. Node's HTTP server reads a socket
 * straight from its native handle; adding a `data` listener makes it fall back to `data` events (documented
 * behaviour that keeps user listeners working), and rewriting `emit("data")` then changes what its parser sees.
 */
export function rewriteListMethod(socket: Socket): void {
  const rewriter = new ListMethodRewriter();
  const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
  socket.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    if (event === "data" && Buffer.isBuffer(args[0])) {
      const rewritten = rewriter.transform(args[0]);
      return rewritten.length === 0 ? true : emit("data", rewritten);
    }
    return emit(event, ...args);
  }) as Socket["emit"];
  socket.on("data", () => {});
}
