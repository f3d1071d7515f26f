import { once } from "node:events";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { FaultController } from "./fault-plan.js";
import { RequestCounters } from "./request-counters.js";
import { createSelfSignedCertificate, type TlsCertificate } from "./self-signed-certificate.js";

/** One parsed request, as an emulator's handler sees it. */
export interface EmulatorRequest {
  readonly raw: IncomingMessage;
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage["headers"];
  readonly body: Buffer;
}

/** What makes one emulator: how it names operations, answers them, and shapes its errors. */
export interface EmulatorDefinition {
  /** The backend's name, used in logs (`vault`, `aws`, `azure`). */
  readonly name: string;
  /** The operation a request performs, as counted and as matched by `FaultPlan.operations`. */
  classify(request: EmulatorRequest): string;
  /** Answers a request. */
  handle(request: EmulatorRequest, response: ServerResponse, operation: string): void | Promise<void>;
  /** Answers an injected failure with the backend's own error shape. */
  renderFault(
    response: ServerResponse,
    failure: { status: 500 | 502 | 503 | 429 | "throttle"; retryAfterSeconds?: number },
    operation: string,
  ): void;
  /** Lets an emulator adjust each raw connection before Node's HTTP parser reads it. */
  prepareSocket?(socket: Socket): void;
}

export interface EmulatorListenOptions {
  /** @default "127.0.0.1" */
  host?: string | undefined;
  /** `0` picks a free port. @default 0 */
  port?: number | undefined;
  /** Serve HTTPS: `true` generates a self-signed certificate for localhost and 127.0.0.1. @default false */
  tls?: boolean | TlsCertificate | undefined;
}

/** A running emulator. Dispose of it with `await using`, or call `close()`. */
export interface EmulatorServer extends AsyncDisposable {
  /** The base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The PEM certificate to trust, when serving HTTPS. */
  readonly certificate: string | undefined;
  /** Faults to inject into the next requests. */
  readonly faults: FaultController;
  /** Requests received, by operation. */
  readonly counters: RequestCounters;
  close(): Promise<void>;
}

export async function listenEmulator(
  definition: EmulatorDefinition,
  options: EmulatorListenOptions = {},
): Promise<EmulatorServer> {
  const host = options.host ?? "127.0.0.1";
  const tls = options.tls === true ? await createSelfSignedCertificate() : options.tls || undefined;
  const faults = new FaultController();
  const counters = new RequestCounters();

  const onRequest = (raw: IncomingMessage, response: ServerResponse) => {
    serve(definition, raw, response, faults, counters).catch((error: unknown) => {
      if (!response.headersSent) {
        // Only the error's class: its message may quote the request body, and so the secret value in it, which
        // an SDK would then carry into its own error message.
        const kind = error instanceof Error ? error.name : typeof error;
        response.writeHead(500, { "content-type": "text/plain" });
        response.end(`internal emulator error (${kind})`);
      } else {
        response.destroy();
      }
    });
  };
  const server: Server = tls
    ? createHttpsServer({ key: tls.key, cert: tls.cert }, onRequest)
    : createHttpServer(onRequest);
  // Hung requests hold their sockets open; the server must still be able to close.
  if (definition.prepareSocket) {
    const prepare = definition.prepareSocket.bind(definition);
    server.on(tls ? "secureConnection" : "connection", (socket: Socket) => prepare(socket));
  }
  server.listen(options.port ?? 0, host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const url = `${tls ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };
  return { url, host, port, certificate: tls?.cert, faults, counters, close, [Symbol.asyncDispose]: close };
}

async function serve(
  definition: EmulatorDefinition,
  raw: IncomingMessage,
  response: ServerResponse,
  faults: FaultController,
  counters: RequestCounters,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of raw) chunks.push(chunk as Buffer);
  const request: EmulatorRequest = {
    raw,
    method: raw.method ?? "GET",
    url: new URL(raw.url ?? "/", "http://emulator.invalid"),
    headers: raw.headers,
    body: Buffer.concat(chunks),
  };
  const operation = definition.classify(request);
  counters.record(operation);

  const decision = faults.decide(operation);
  if (decision.kind === "hang") return; // never answered; close() ends the socket
  if (decision.latencyMs > 0) await sleep(decision.latencyMs);
  if (decision.kind === "reset") {
    resetConnection(raw.socket);
    return;
  }
  if (decision.kind === "fail") {
    const failure =
      decision.retryAfterSeconds === undefined
        ? { status: decision.status }
        : { status: decision.status, retryAfterSeconds: decision.retryAfterSeconds };
    definition.renderFault(response, failure, operation);
    return;
  }
  await definition.handle(request, response, operation);
}

/**
 * Ends a connection with a TCP reset. A TLS socket's own handle cannot be reset (Node throws
 * ERR_INVALID_HANDLE_TYPE), so the reset goes to the TCP socket it is layered on (`_parent`, which Node keeps on every
 * server-side TLS socket); a plain destroy is the last resort.
 */
function resetConnection(socket: Socket): void {
  const transport = (socket as Socket & { _parent?: Socket | null })._parent ?? socket;
  try {
    transport.resetAndDestroy();
  } catch {
    // fall through to destroy
  }
  socket.destroy();
}

/** Sends a JSON body with the given status. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}
