import { SecretClient } from "@azure/keyvault-secrets";
import { describe, expect, it } from "vitest";
import { createStaticTokenCredential, startAzureEmulator } from "../src/azure/index.js";
import { clientFor, rawRequest } from "./azure-client.js";
import { rejectionOf } from "./rejections.js";

describe("Azure Key Vault emulator authentication", () => {
  it("answers the first, tokenless request with the challenge the SDK follows", async () => {
    await using emulator = await startAzureEmulator({ tenantId: "11111111-2222-3333-4444-555555555555" });
    const client = clientFor(emulator);

    await client.setSecret("first", "v");
    await client.getSecret("first");

    expect(emulator.counters.snapshot()).toEqual({ challenge: 1, setSecret: 1, getSecret: 1 });
    expect(emulator.credential.requests).toEqual([
      { scopes: ["https://vault.azure.net/.default"], tenantId: "11111111-2222-3333-4444-555555555555" },
    ]);
  });

  it("sends 401 Unauthorized with WWW-Authenticate naming the authority and resource", async () => {
    await using emulator = await startAzureEmulator({
      tenantId: "tenant-a",
      resource: "https://vault.example.test",
    });

    const response = await rawRequest(emulator, "GET", "/secrets/x?api-version=7.5", null);

    expect(response.status).toBe(401);
    expect(response.headers["www-authenticate"]).toBe(
      'Bearer authorization="https://login.microsoftonline.com/tenant-a", resource="https://vault.example.test"',
    );
    expect(response.body).toEqual({
      error: { code: "Unauthorized", message: "AKV10000: Request is missing a Bearer or PoP token." },
    });
    expect(emulator.counters.get("challenge")).toBe(1);
  });

  it("asks the credential for the configured resource's scope", async () => {
    await using emulator = await startAzureEmulator({ resource: "https://vault.example.test" });
    await clientFor(emulator).setSecret("scoped", "v");
    expect(emulator.credential.requests[0]?.scopes).toEqual(["https://vault.example.test/.default"]);
  });

  it("rejects a token it does not accept with 401 Unauthorized", async () => {
    await using emulator = await startAzureEmulator();
    const client = clientFor(emulator, {}, createStaticTokenCredential("not-the-token"));

    const first = await rejectionOf(client.getSecret("anything"));
    expect(first).toMatchObject({ statusCode: 401, code: "Unauthorized" });
    expect(emulator.counters.snapshot()).toEqual({ challenge: 1, getSecret: 1 });

    // Once it holds a token, the SDK answers a 401 carrying a challenge by asking again once, then gives up.
    const second = await rejectionOf(client.getSecret("anything"));
    expect(second).toMatchObject({ statusCode: 401, code: "Unauthorized" });
    expect(emulator.counters.snapshot()).toEqual({ challenge: 1, getSecret: 3 });
  });

  it("accepts configured tokens and stops accepting a revoked one", async () => {
    await using emulator = await startAzureEmulator({ accessTokens: ["token-a", "token-b"] });
    expect(emulator.token).toBe("token-a");
    const clientB = clientFor(emulator, {}, createStaticTokenCredential("token-b"));

    await clientB.setSecret("shared", "v");
    emulator.revokeToken("token-b");

    expect(await rejectionOf(clientB.getSecret("shared"))).toMatchObject({ statusCode: 401 });
    expect((await clientFor(emulator).getSecret("shared")).value).toBe("v");
  });

  it("answers 403 Forbidden AccessDenied for an operation the token's access policy lacks", async () => {
    await using emulator = await startAzureEmulator({
      accessTokens: ["admin", { token: "reader", permissions: ["get", "list"] }],
    });
    emulator.secrets.set("readable", "v");
    const reader = clientFor(emulator, {}, createStaticTokenCredential("reader"));

    expect((await reader.getSecret("readable")).value).toBe("v");
    const denied = await rejectionOf(reader.setSecret("readable", "changed"));

    expect(denied).toMatchObject({ statusCode: 403, code: "Forbidden" });
    expect(denied.message).toContain("does not have secrets set permission");
    expect((denied.details as { error: { innerError: { code: string } } }).error.innerError.code).toBe(
      "AccessDenied",
    );
    expect(emulator.secrets.get("readable")?.value).toBe("v");

    emulator.allowToken("reader", ["get", "list", "set"]);
    await expect(reader.setSecret("readable", "changed")).resolves.toMatchObject({ value: "changed" });
  });

  it("needs disableChallengeResourceVerification, because a loopback host is not under vault.azure.net", async () => {
    await using emulator = await startAzureEmulator();
    const strict = new SecretClient(emulator.vaultUrl, emulator.credential, {
      agent: emulator.agent,
      retryOptions: { maxRetries: 0 },
    });

    const error = await rejectionOf(strict.getSecret("anything"));

    expect(error.message).toContain("does not match the requested domain");
    expect(emulator.credential.requests).toEqual([]);
    expect(emulator.counters.snapshot()).toEqual({ challenge: 1 });
  });

  it("serves plain HTTP, which the SDK refuses to send a bearer token over", async () => {
    await using emulator = await startAzureEmulator({ tls: false });
    expect(emulator.vaultUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.agent).toBeUndefined();
    expect(emulator.certificate).toBeUndefined();

    // Even with the pipeline's own HTTP guard lifted, the Key Vault policy refuses once it sees the challenge.
    const error = await rejectionOf(
      clientFor(emulator, { allowInsecureConnection: true }).getSecret("anything"),
    );

    expect(error.message).toBe("The request URL must use HTTPS.");
    expect(emulator.credential.requests).toEqual([]);
    expect(emulator.counters.snapshot()).toEqual({ challenge: 1 });
  });

  it("never puts a secret value in an error the client sees", async () => {
    await using emulator = await startAzureEmulator();
    const client = clientFor(emulator);
    const value = "s3cr3t-VALUE-that-must-not-leak";
    await client.setSecret("leak-check", "old");
    emulator.secrets.delete("leak-check");

    const errors = [
      await rejectionOf(client.setSecret("leak-check", value)),
      await rejectionOf(client.setSecret("bad_name", value)),
      await rejectionOf(clientFor(emulator, {}, createStaticTokenCredential("wrong")).setSecret("x", value)),
    ];

    expect(errors.map((e) => e.statusCode)).toEqual([409, 400, 401]);
    // A body the SDK would never send: malformed JSON around the value must not be echoed back.
    const malformed = await rawRequest(
      emulator,
      "PUT",
      "/secrets/malformed?api-version=7.5",
      emulator.token,
      `{"value": "${value}"`,
    );
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).not.toContain(value);
    for (const error of errors) {
      expect(error.message).not.toContain(value);
      expect(JSON.stringify(error.details)).not.toContain(value);
      expect(String(error.stack)).not.toContain(value);
    }
  });
});
