import { connect } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ListMethodRewriter,
  ORIGINAL_METHOD_HEADER,
  startVaultEmulator,
  type VaultEmulator,
} from "../src/vault/index.js";
import { vaultClient, vaultFailure } from "./vault-test-helpers.js";

/** Feeds `text` to a rewriter in pieces cut at `cuts`, returning what comes out. */
function rewriteInPieces(text: string, cuts: number[]): string {
  const rewriter = new ListMethodRewriter();
  const bounds = [0, ...cuts, text.length];
  let output = "";
  for (let i = 0; i < bounds.length - 1; i++)
    output += rewriter.transform(Buffer.from(text.slice(bounds[i], bounds[i + 1]))).toString("latin1");
  return output;
}

/** Sends raw bytes on one connection and collects the answer until `count` responses have arrived. */
async function rawExchange(url: string, pieces: string[], count: number): Promise<string> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let received = "";
  const done = new Promise<string>((resolve, reject) => {
    socket.on("data", (chunk) => {
      received += chunk.toString("utf8");
      if ((received.match(/HTTP\/1\.1 \d{3}/g) ?? []).length >= count && /\}\s*$|\r\n\r\n$/.test(received))
        resolve(received);
    });
    socket.on("error", reject);
  });
  for (const piece of pieces) {
    socket.write(piece);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const text = await done;
  socket.destroy();
  return text;
}

describe("ListMethodRewriter", () => {
  const list = "LIST /v1/secret/metadata/ HTTP/1.1\r\nHost: x\r\n\r\n";
  const expected = `GET /v1/secret/metadata/ HTTP/1.1\r\n${ORIGINAL_METHOD_HEADER}: LIST\r\nHost: x\r\n\r\n`;

  it("rewrites a LIST request line into GET plus the marker header, however the bytes are split", () => {
    for (let cut = 0; cut <= list.length; cut++) expect(rewriteInPieces(list, [cut])).toBe(expected);
    expect(rewriteInPieces(list, [1, 2, 3, 4, 5, 6])).toBe(expected);
  });

  it("rewrites each request of a keep-alive stream and leaves bodies alone", () => {
    const post = 'POST /v1/secret/data/a HTTP/1.1\r\nContent-Length: 19\r\n\r\n{"LIST ":"LIST xx"}';
    const chunked = "PUT /v1/x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nLIST \r\n0\r\n\r\n";
    const stream = post + list + chunked + list;
    const want = post + expected + chunked + expected;
    expect(rewriteInPieces(stream, [])).toBe(want);
    for (let cut = 1; cut < stream.length; cut += 7)
      expect(rewriteInPieces(stream, [cut, cut + 3])).toBe(want);
  });

  it("leaves other methods untouched", () => {
    const get = "GET /v1/sys/health HTTP/1.1\r\nHost: x\r\n\r\nLISTEN /x HTTP/1.1\r\n\r\n";
    expect(rewriteInPieces(get, [2])).toBe(get);
  });
});

describe("Vault emulator protocol", () => {
  let emulator: VaultEmulator;
  let vault: ReturnType<typeof vaultClient>;

  beforeEach(async () => {
    emulator = await startVaultEmulator({ rootToken: "root" });
    vault = vaultClient(emulator);
  });
  afterEach(() => emulator.close());

  it("serves LIST and other requests pipelined on one keep-alive connection, split mid-line", async () => {
    emulator.seedSecret("a", { v: "1" });
    const text = await rawExchange(
      emulator.url,
      [
        "LI",
        "ST /v1/secret/metadata/ HTTP/1.1\r\nHost: x\r\nX-Vault-To",
        "ken: root\r\n\r\nGET /v1/secret/data/a HTTP/1.1\r\nHost: x\r\nX-Vault-Token: root\r\n\r\n",
      ],
      2,
    );
    const statuses = text.match(/HTTP\/1\.1 (\d{3})/g);
    expect(statuses).toEqual(["HTTP/1.1 200", "HTTP/1.1 200"]);
    expect(text).toContain('"keys":["a"]');
    expect(text).toContain('"data":{"v":"1"}');
    expect(emulator.counters.get("kv.metadata.list")).toBe(1);
  });

  it("reports health with Vault's fields and status codes", async () => {
    const healthy = await vault.health();
    expect(healthy).toMatchObject({
      initialized: true,
      sealed: false,
      standby: false,
      version: expect.any(String),
    });
    const standbyStatus = async (query = "") => (await fetch(`${emulator.url}/v1/sys/health${query}`)).status;
    expect(await standbyStatus()).toBe(200);
    emulator.setStandby(true);
    expect(await standbyStatus()).toBe(429);
    expect(await standbyStatus("?standbyok=true")).toBe(200);
    expect((await vault.health({ standbycode: 299 })).standby).toBe(true);
    expect(await standbyStatus("?standbycode=299")).toBe(299);
    emulator.setStandby(false);
    emulator.seal();
    expect(await vault.health()).toMatchObject({ sealed: true });
    expect(await standbyStatus()).toBe(503);
    expect(await standbyStatus("?sealedcode=200")).toBe(200);
    expect((await fetch(`${emulator.url}/v1/sys/health`, { method: "HEAD" })).status).toBe(503);
    expect(emulator.counters.get("sys.health")).toBe(10);
  });

  it("answers 503 Vault is sealed to everything but health while sealed", async () => {
    emulator.seal();
    expect(await vaultFailure(vault.read("secret/data/x"))).toEqual({
      statusCode: 503,
      body: { errors: ["Vault is sealed"] },
    });
    expect((await vault.status()).sealed).toBe(true);
    emulator.unseal();
    expect(await vaultFailure(vault.read("secret/data/x"))).toEqual({
      statusCode: 404,
      body: { errors: [] },
    });
  });

  it("answers 404 no handler for unknown paths and 405 for unsupported methods", async () => {
    expect(await vaultFailure(vault.read("nowhere/data/x"))).toEqual({
      statusCode: 404,
      body: { errors: ['no handler for route "nowhere/data/x". route entry not found.'] },
    });
    expect(await vaultFailure(vault.delete("auth/token/lookup-self"))).toEqual({
      statusCode: 405,
      body: { errors: ["1 error occurred:\n\t* unsupported operation\n\n"] },
    });
  });

  it("rejects a body that is not JSON with 400 without echoing it", async () => {
    const response = await fetch(`${emulator.url}/v1/secret/data/x`, {
      method: "POST",
      headers: { "X-Vault-Token": "root" },
      body: '{"data":{"password":"hunter2"',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ errors: ["failed to parse JSON input: invalid JSON"] });
    expect(text).not.toContain("hunter2");
  });

  it("serves HTTPS with a certificate node-vault can trust", async () => {
    await using secure = await startVaultEmulator({ tls: true, rootToken: "root" });
    expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const client = vaultClient(secure, { requestOptions: { ca: secure.certificate } });
    await client.write("secret/data/tls", { data: { a: "1" } });
    expect(await client.list("secret/metadata")).toMatchObject({ data: { keys: ["tls"] } });
  });

  it("forgets all state, faults and counts on reset(), unseals, but keeps the root token", async () => {
    emulator.seedSecret("x", { a: "1" });
    emulator.writePolicy("p", 'path "secret/*" { capabilities = ["read"] }');
    const token = emulator.createToken({ policies: ["p"] });
    await vault.read("secret/data/x");
    emulator.faults.set({ failureRate: 1, failWith: 500 });
    emulator.seal();
    emulator.reset();
    expect(emulator.counters.total).toBe(0);
    expect(emulator.faults.plan).toEqual({});
    expect(emulator.readSecret("x")).toBeUndefined();
    expect((await vaultFailure(vaultClient(emulator, { token }).tokenLookupSelf())).statusCode).toBe(403);
    expect((await vault.policies()).policies).toEqual(["default", "root"]);
    expect((await vault.tokenLookupSelf()).data.id).toBe("root");
  });

  it("deletes the latest version through a namespace path prefix and the Vault CLI's GET ?list=1", async () => {
    emulator.createNamespace("ns1/team");
    emulator.seedSecret("svc/key", { a: "1" }, { namespace: "ns1/team" });
    expect((await vault.read("ns1/team/secret/metadata/svc?list=1")).data.keys).toEqual(["key"]);
    await vault.delete("ns1/team/secret/data/svc/key");
    expect(emulator.readSecret("svc/key", { namespace: "ns1/team" })).toBeUndefined();
    const nested = vaultClient(emulator, { namespace: "ns1" });
    expect((await vaultFailure(nested.read("team/secret/data/svc/key"))).statusCode).toBe(404);
  });
});
