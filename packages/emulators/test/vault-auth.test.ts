import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startVaultEmulator, type VaultEmulator } from "../src/vault/index.js";
import { PERMISSION_DENIED, vaultClient, vaultFailure } from "./vault-test-helpers.js";

const INVALID_TOKEN = { errors: ["2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n"] };

describe("Vault emulator auth", () => {
  let emulator: VaultEmulator;

  beforeEach(async () => {
    // A frozen clock: only advanceTime() moves it, so TTLs read back exactly.
    emulator = await startVaultEmulator({ rootToken: "root-token-for-tests", now: () => 1_700_000_000_000 });
  });
  afterEach(() => emulator.close());

  describe("tokens", () => {
    it("accepts the root token given at start-up, in X-Vault-Token and as a Bearer token", async () => {
      expect(emulator.rootToken).toBe("root-token-for-tests");
      const self = await vaultClient(emulator).tokenLookupSelf();
      expect(self.data).toMatchObject({
        id: "root-token-for-tests",
        policies: ["root"],
        ttl: 0,
        expire_time: null,
      });
      const bearer = vaultClient(emulator, { token: "" });
      const viaBearer = await bearer.read("auth/token/lookup-self", {
        headers: { Authorization: "Bearer root-token-for-tests" },
      });
      expect(viaBearer.data.id).toBe("root-token-for-tests");
      expect(emulator.counters.get("token.lookup-self")).toBe(2);
    });

    it("generates a root token when none is given", async () => {
      await using generated = await startVaultEmulator();
      expect(generated.rootToken).toMatch(/^hvs\.[0-9A-Za-z]{24}$/);
      expect((await vaultClient(generated).tokenLookupSelf()).data.policies).toEqual(["root"]);
    });

    it("answers 403 for a request without a token and for an unknown token", async () => {
      const anonymous = vaultClient(emulator, { token: "" });
      expect(await vaultFailure(anonymous.read("secret/data/x"))).toEqual({
        statusCode: 403,
        body: { errors: ["permission denied"] },
      });
      const stranger = vaultClient(emulator, { token: "hvs.not-a-real-token" });
      expect(await vaultFailure(stranger.read("secret/data/x"))).toEqual({
        statusCode: 403,
        body: INVALID_TOKEN,
      });
    });

    it("creates a token with policies and TTL that expires when its TTL has passed", async () => {
      const root = vaultClient(emulator);
      const created = await root.tokenCreate({ policies: ["reader"], ttl: "1h" });
      expect(created.auth).toMatchObject({
        policies: ["default", "reader"],
        lease_duration: 3600,
        renewable: true,
      });
      const child = vaultClient(emulator, { token: created.auth.client_token });
      expect((await child.tokenLookupSelf()).data).toMatchObject({
        ttl: 3600,
        policies: ["default", "reader"],
      });

      emulator.advanceTime(3601_000);
      expect(await vaultFailure(child.tokenLookupSelf())).toEqual({ statusCode: 403, body: INVALID_TOKEN });
      expect(emulator.counters.get("token.create")).toBe(1);
    });

    it("renews a token with renew-self and with renew, extending its TTL", async () => {
      const token = emulator.createToken({ ttl: 600 });
      const client = vaultClient(emulator, { token });
      emulator.advanceTime(500_000);
      expect((await client.tokenLookupSelf()).data.ttl).toBe(100);
      const renewed = await client.tokenRenewSelf({ increment: "1h" });
      expect(renewed.auth).toMatchObject({ client_token: token, lease_duration: 3600, renewable: true });
      emulator.advanceTime(3000_000);
      expect((await client.tokenLookupSelf()).data.ttl).toBe(600);

      const root = vaultClient(emulator);
      const byRoot = await root.tokenRenew({ token, increment: 7200 });
      expect(byRoot.auth.lease_duration).toBe(7200);
      expect(emulator.counters.get("token.renew-self")).toBe(1);
      expect(emulator.counters.get("token.renew")).toBe(1);
    });

    it("refuses to renew a token created as not renewable", async () => {
      const token = emulator.createToken({ renewable: false, ttl: 60 });
      const failure = await vaultFailure(vaultClient(emulator, { token }).tokenRenewSelf());
      expect(failure).toEqual({ statusCode: 400, body: { errors: ["lease is not renewable"] } });
    });

    it("looks up another token with auth/token/lookup", async () => {
      const token = emulator.createToken({ policies: ["reader"], ttl: "30m" });
      const found = await vaultClient(emulator).tokenLookup({ token });
      expect(found.data).toMatchObject({
        id: token,
        policies: ["default", "reader"],
        ttl: 1800,
        renewable: true,
      });
      expect(emulator.counters.get("token.lookup")).toBe(1);
    });

    it("revokes a token and its children with revoke-self", async () => {
      emulator.writePolicy("creator", 'path "auth/token/create" { capabilities = ["update"] }');
      const parentToken = emulator.createToken({ policies: ["creator"] });
      // node-vault adopts the token tokenCreate returns, so the child gets its own client.
      const child = await vaultClient(emulator, { token: parentToken }).tokenCreate({
        policies: ["creator"],
      });
      const parent = vaultClient(emulator, { token: parentToken });
      const childClient = vaultClient(emulator, { token: child.auth.client_token });
      expect((await childClient.tokenLookupSelf()).data.orphan).toBe(false);

      await parent.tokenRevokeSelf();
      expect((await vaultFailure(parent.tokenLookupSelf())).statusCode).toBe(403);
      expect((await vaultFailure(childClient.tokenLookupSelf())).statusCode).toBe(403);
      expect(emulator.counters.get("token.revoke-self")).toBe(1);
    });

    it("refuses to create a child token with policies its parent lacks", async () => {
      const parent = vaultClient(emulator, { token: emulator.createToken({ policies: ["reader"] }) });
      emulator.writePolicy("creator", 'path "auth/token/create" { capabilities = ["update"] }');
      const creator = vaultClient(emulator, { token: emulator.createToken({ policies: ["creator"] }) });
      expect((await vaultFailure(parent.tokenCreate({ policies: ["admin"] }))).statusCode).toBe(403);
      const failure = await vaultFailure(creator.tokenCreate({ policies: ["admin"] }));
      expect(failure).toEqual({
        statusCode: 400,
        body: { errors: ["child policies must be subset of parent"] },
      });
    });

    it("revokes a token after its last allowed use", async () => {
      const client = vaultClient(emulator, { token: emulator.createToken({ numUses: 2 }) });
      await client.tokenLookupSelf();
      expect((await client.tokenLookupSelf()).data.num_uses).toBe(0);
      expect((await vaultFailure(client.tokenLookupSelf())).statusCode).toBe(403);
    });
  });

  describe("AppRole", () => {
    it("enables AppRole, creates a role through Vault's endpoints, and logs in with role_id + secret_id", async () => {
      const root = vaultClient(emulator);
      await root.enableAuth({ mount_point: "approle", type: "approle" });
      await root.write("auth/approle/role/app", {
        token_policies: ["app-read"],
        token_ttl: "20m",
        token_max_ttl: "1h",
        secret_id_ttl: "10m",
      });
      const role = await root.getApproleRole({ role_name: "app" });
      expect(role.data).toMatchObject({
        token_policies: ["app-read"],
        token_ttl: 1200,
        token_max_ttl: 3600,
        secret_id_ttl: 600,
      });
      const { data: roleIdData } = await root.getApproleRoleId({ role_name: "app" });
      const { data: secretData } = await root.getApproleRoleSecret({ role_name: "app" });
      expect(secretData).toMatchObject({ secret_id_ttl: 600, secret_id_num_uses: 0 });

      const app = vaultClient(emulator, { token: "" });
      const login = await app.approleLogin({ role_id: roleIdData.role_id, secret_id: secretData.secret_id });
      expect(login.auth).toMatchObject({
        policies: ["app-read", "default"],
        token_policies: ["app-read", "default"],
        lease_duration: 1200,
        renewable: true,
        metadata: { role_name: "app" },
      });
      // node-vault adopts the token it logged in with.
      expect(app.token).toBe(login.auth.client_token);
      expect((await app.tokenLookupSelf()).data.path).toBe("auth/approle/login");
      expect(emulator.counters.get("auth.approle.login")).toBe(1);
      expect(emulator.counters.get("sys.auth.enable")).toBe(1);
      expect(emulator.counters.get("auth.approle.role.write")).toBe(1);
      expect(emulator.counters.get("auth.approle.secret-id.create")).toBe(1);
    });

    it("creates a role with node-vault's addApproleRole (legacy policies field) and lists roles", async () => {
      const root = vaultClient(emulator);
      await root.enableAuth({ mount_point: "approle", type: "approle" });
      await root.addApproleRole({ role_name: "legacy", policies: "a,b", token_ttl: 60 });
      expect((await root.getApproleRole({ role_name: "legacy" })).data.token_policies).toEqual(["a", "b"]);
      expect((await root.approleRoles()).data.keys).toEqual(["legacy"]);
    });

    it("rejects a wrong secret_id and an expired one with 400", async () => {
      const { roleId, secretId } = emulator.createAppRole("svc", { secretIdTtl: "5m" });
      const app = vaultClient(emulator, { token: "" });
      expect(await vaultFailure(app.approleLogin({ role_id: roleId, secret_id: "wrong" }))).toEqual({
        statusCode: 400,
        body: { errors: ["invalid role or secret ID"] },
      });
      emulator.advanceTime(301_000);
      expect(
        (await vaultFailure(app.approleLogin({ role_id: roleId, secret_id: secretId }))).statusCode,
      ).toBe(400);
    });

    it("issues tokens whose policies are enforced", async () => {
      emulator.writePolicy("app-read", 'path "secret/data/app/*" { capabilities = ["read"] }');
      emulator.seedSecret("app/config", { url: "postgres://db" });
      emulator.seedSecret("other/config", { url: "x" });
      const { roleId, secretId } = emulator.createAppRole("svc", { policies: ["app-read"] });
      const app = vaultClient(emulator, { token: "" });
      await app.approleLogin({ role_id: roleId, secret_id: secretId });
      expect((await app.read("secret/data/app/config")).data.data).toEqual({ url: "postgres://db" });
      expect(await vaultFailure(app.read("secret/data/other/config"))).toEqual({
        statusCode: 403,
        body: PERMISSION_DENIED,
      });
    });
  });

  describe("ACL policies", () => {
    it("writes a policy with addPolicy and with sys/policies/acl, and reads both back", async () => {
      const root = vaultClient(emulator);
      const hcl = 'path "secret/data/foo/*" {\n  capabilities = ["read", "list"]\n}\n';
      await root.addPolicy({ name: "legacy-form", rules: hcl });
      await root.write("sys/policies/acl/acl-form", { policy: hcl });
      expect((await root.getPolicy({ name: "legacy-form" })).rules).toBe(hcl);
      expect((await root.read("sys/policies/acl/acl-form")).data).toEqual({ name: "acl-form", policy: hcl });
      expect((await root.policies()).policies).toEqual(["acl-form", "default", "legacy-form", "root"]);
      expect((await root.list("sys/policies/acl")).data.keys).toEqual([
        "acl-form",
        "default",
        "legacy-form",
        "root",
      ]);
      await root.removePolicy({ name: "legacy-form" });
      expect((await vaultFailure(root.getPolicy({ name: "legacy-form" }))).statusCode).toBe(404);
      expect(emulator.counters.get("sys.policy.write")).toBe(2);
    });

    it("rejects a policy that does not parse with 400", async () => {
      const failure = await vaultFailure(
        vaultClient(emulator).write("sys/policies/acl/broken", {
          policy: 'path "x" { capabilities = ["fly"] }',
        }),
      );
      expect(failure.statusCode).toBe(400);
      expect(failure.body.errors[0]).toMatch(/^failed to parse policy: .*invalid capability "fly"/);
    });

    it("proves a denied write: read-only policy reads but gets 403 permission denied on write", async () => {
      emulator.writePolicy("reader", 'path "secret/data/foo/*" { capabilities = ["read"] }');
      emulator.seedSecret("foo/bar", { a: "1" });
      const reader = vaultClient(emulator, { token: emulator.createToken({ policies: ["reader"] }) });
      expect((await reader.read("secret/data/foo/bar")).data.data).toEqual({ a: "1" });
      expect(await vaultFailure(reader.write("secret/data/foo/bar", { data: { a: "2" } }))).toEqual({
        statusCode: 403,
        body: PERMISSION_DENIED,
      });
      expect(emulator.readSecret("foo/bar")).toEqual({ a: "1" });
    });

    it("tells create from update: create-only can write a new key but not a new version", async () => {
      emulator.writePolicy("creator", 'path "secret/data/*" { capabilities = ["create"] }');
      const creator = vaultClient(emulator, { token: emulator.createToken({ policies: ["creator"] }) });
      await creator.write("secret/data/new", { data: { a: "1" } });
      expect((await vaultFailure(creator.write("secret/data/new", { data: { a: "2" } }))).statusCode).toBe(
        403,
      );
    });

    it("matches + segments, prefers exact paths, and lets deny win", async () => {
      emulator.writePolicy(
        "mixed",
        `# any team's config
path "secret/data/+/config" { capabilities = ["read"] }
path "secret/data/*" { capabilities = ["read"] }
path "secret/data/locked" { capabilities = ["deny"] }
path "secret/metadata/*" { capabilities = ["list"] }`,
      );
      emulator.seedSecret("team-a/config", { a: "1" });
      emulator.seedSecret("locked", { a: "2" });
      const client = vaultClient(emulator, { token: emulator.createToken({ policies: ["mixed"] }) });
      expect((await client.read("secret/data/team-a/config")).data.data).toEqual({ a: "1" });
      expect((await vaultFailure(client.read("secret/data/locked"))).statusCode).toBe(403);
      expect((await client.list("secret/metadata")).data.keys).toEqual(["locked", "team-a/"]);
      expect((await vaultFailure(client.read("secret/metadata/locked"))).statusCode).toBe(403);
    });

    it("lets the default policy look up, renew and revoke its own token only", async () => {
      const client = vaultClient(emulator, { token: emulator.createToken() });
      expect((await client.tokenLookupSelf()).data.policies).toEqual(["default"]);
      await client.tokenRenewSelf();
      expect((await vaultFailure(client.mounts())).statusCode).toBe(403);
      expect((await vaultFailure(client.tokenCreate())).statusCode).toBe(403);
      await client.tokenRevokeSelf();
    });

    it("refuses to change the root policy or delete the default one", async () => {
      const root = vaultClient(emulator);
      expect(
        await vaultFailure(root.addPolicy({ name: "root", rules: 'path "*" { capabilities = ["read"] }' })),
      ).toEqual({
        statusCode: 400,
        body: { errors: ["cannot update root policy"] },
      });
      expect((await vaultFailure(root.removePolicy({ name: "default" }))).statusCode).toBe(400);
    });
  });

  describe("namespaces", () => {
    it("keeps each namespace's secrets apart, by header and by path prefix", async () => {
      emulator.createNamespace("ns1");
      emulator.seedSecret("shared", { where: "root" });
      emulator.seedSecret("shared", { where: "ns1" }, { namespace: "ns1" });

      const viaHeader = vaultClient(emulator, { namespace: "ns1" });
      expect((await viaHeader.read("secret/data/shared")).data.data).toEqual({ where: "ns1" });
      const root = vaultClient(emulator);
      expect((await root.read("ns1/secret/data/shared")).data.data).toEqual({ where: "ns1" });
      expect((await root.read("secret/data/shared")).data.data).toEqual({ where: "root" });
    });

    it("creates and lists namespaces through sys/namespaces", async () => {
      const root = vaultClient(emulator);
      const created = await root.write("sys/namespaces/team", {});
      expect(created.data).toMatchObject({ path: "team/" });
      expect((await root.list("sys/namespaces")).data.keys).toEqual(["team/"]);
      // A namespace made through the API starts without KV mounts, as in Vault; enable one inside it.
      const inTeam = vaultClient(emulator, { namespace: "team" });
      await inTeam.mount({ mount_point: "kv", type: "kv", options: { version: "2" } });
      await inTeam.write("kv/data/x", { data: { a: "1" } });
      expect(emulator.readSecret("x", { namespace: "team", mount: "kv" })).toEqual({ a: "1" });
      expect(emulator.counters.get("sys.namespaces.create")).toBe(1);
    });

    it("gives each namespace its own policies and tokens: a token from one cannot read another", async () => {
      emulator.createNamespace("ns1");
      emulator.createNamespace("ns2");
      emulator.seedSecret("app", { a: "ns2" }, { namespace: "ns2" });
      emulator.seedSecret("app", { a: "ns1" }, { namespace: "ns1" });
      emulator.writePolicy("all", 'path "secret/*" { capabilities = ["read", "create", "update"] }', {
        namespace: "ns1",
      });
      const ns1Token = emulator.createToken({ policies: ["all"], namespace: "ns1" });

      const inNs1 = vaultClient(emulator, { token: ns1Token, namespace: "ns1" });
      expect((await inNs1.read("secret/data/app")).data.data).toEqual({ a: "ns1" });
      const inNs2 = vaultClient(emulator, { token: ns1Token, namespace: "ns2" });
      expect(await vaultFailure(inNs2.read("secret/data/app"))).toEqual({
        statusCode: 403,
        body: PERMISSION_DENIED,
      });
      const inRoot = vaultClient(emulator, { token: ns1Token });
      expect((await vaultFailure(inRoot.read("secret/data/app"))).statusCode).toBe(403);
      // The policy named "all" exists only in ns1.
      expect(
        (await vaultFailure(vaultClient(emulator, { namespace: "ns2" }).getPolicy({ name: "all" })))
          .statusCode,
      ).toBe(404);
    });

    it("logs in with AppRole inside a namespace and gets a token bound to it", async () => {
      emulator.createNamespace("ns1");
      emulator.writePolicy("read", 'path "secret/data/*" { capabilities = ["read"] }', { namespace: "ns1" });
      emulator.seedSecret("db", { a: "1" }, { namespace: "ns1" });
      const { roleId, secretId } = emulator.createAppRole("svc", { policies: ["read"], namespace: "ns1" });
      const app = vaultClient(emulator, { token: "", namespace: "ns1" });
      const login = await app.approleLogin({ role_id: roleId, secret_id: secretId });
      expect((await app.read("secret/data/db")).data.data).toEqual({ a: "1" });
      expect((await app.tokenLookupSelf()).data.namespace_path).toBe("ns1/");
      const outside = vaultClient(emulator, { token: login.auth.client_token });
      expect((await vaultFailure(outside.tokenLookupSelf())).statusCode).toBe(403);
    });
  });
});
