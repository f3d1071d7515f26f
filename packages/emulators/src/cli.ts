#!/usr/bin/env node
/**
 * `dheera-ai-emulators <vault|aws|azure|all> [options]`: starts emulators on loopback and prints how to reach them,
 * then runs until interrupted.
 */
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startAwsEmulator } from "./aws/index.js";
import { startAzureEmulator } from "./azure/index.js";
import type { EmulatorServer } from "./shared/emulator-server.js";
import { startVaultEmulator } from "./vault/index.js";

const USAGE = `usage: dheera-ai-emulators <vault|aws|azure|all> [options]

common:       --host 127.0.0.1   --port N (0 = any free port; with "all", the first of three)   --tls
vault:        --root-token T     --mount NAME (repeatable)   --namespace NS (repeatable)
aws:          --region R   --account-id ID   --access-key-id K   --secret-access-key S   --session-token T
azure:        --token T   --http (plain HTTP; the Azure SDK then refuses to send tokens)   --purge-protection
              --retention-days N (soft-delete retention, 7-90)   --tenant-id ID
              --cert-file PATH (where to write the certificate to trust; default: a file in the temp folder)
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "0" },
    tls: { type: "boolean", default: false },
    "root-token": { type: "string" },
    mount: { type: "string", multiple: true },
    namespace: { type: "string", multiple: true },
    region: { type: "string" },
    "account-id": { type: "string" },
    "access-key-id": { type: "string" },
    "secret-access-key": { type: "string" },
    "session-token": { type: "string" },
    token: { type: "string" },
    http: { type: "boolean", default: false },
    "purge-protection": { type: "boolean", default: false },
    "retention-days": { type: "string" },
    "tenant-id": { type: "string" },
    "cert-file": { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

const backend = positionals[0];
if (values.help || !backend || !["vault", "aws", "azure", "all"].includes(backend)) {
  process.stderr.write(USAGE);
  process.exit(values.help ? 0 : 2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`--port must be a port number, got "${values.port}"\n`);
  process.exit(2);
}
const portFor = (offset: number) => (port === 0 ? 0 : port + offset);

const started: EmulatorServer[] = [];

/** Starts what was asked for; a bad option surfaces here as the emulator's own error. */
async function startEmulators(): Promise<void> {
  if (backend === "vault" || backend === "all") {
    const vault = await startVaultEmulator({
      host: values.host,
      port: portFor(0),
      tls: values.tls,
      rootToken: values["root-token"],
      mounts: values.mount,
      namespaces: values.namespace,
    });
    started.push(vault);
    print("HashiCorp Vault", vault.url, { VAULT_ADDR: vault.url, VAULT_TOKEN: vault.rootToken });
  }

  if (backend === "aws" || backend === "all") {
    const credentials =
      values["access-key-id"] && values["secret-access-key"]
        ? {
            accessKeyId: values["access-key-id"],
            secretAccessKey: values["secret-access-key"],
            ...(values["session-token"] ? { sessionToken: values["session-token"] } : {}),
          }
        : undefined;
    const aws = await startAwsEmulator({
      host: values.host,
      port: portFor(1),
      tls: values.tls,
      region: values.region,
      accountId: values["account-id"],
      credentials,
    });
    started.push(aws);
    print("AWS Secrets Manager", aws.url, aws.environment);
  }

  if (backend === "azure" || backend === "all") {
    const azure = await startAzureEmulator({
      host: values.host,
      port: portFor(2),
      tls: !values.http,
      purgeProtection: values["purge-protection"],
      softDeleteRetentionDays:
        values["retention-days"] === undefined ? undefined : Number(values["retention-days"]),
      tenantId: values["tenant-id"],
      accessTokens: values.token ? [values.token] : undefined,
    });
    started.push(azure);
    const environment: Record<string, string> = { AZURE_KEY_VAULT_URI: azure.vaultUrl };
    if (azure.certificate) {
      const certFile = values["cert-file"] ?? join(tmpdir(), `dheera-ai-azure-emulator-${azure.port}.pem`);
      await writeFile(certFile, azure.certificate);
      environment.NODE_EXTRA_CA_CERTS = certFile;
    }
    print("Azure Key Vault", azure.vaultUrl, environment, `bearer token: ${azure.token}`);
  }
}

try {
  await startEmulators();
} catch (error) {
  await Promise.all(started.map((server) => server.close()));
  process.stderr.write(`dheera-ai-emulators: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

function print(
  title: string,
  url: string,
  environment: Readonly<Record<string, string>>,
  note?: string,
): void {
  const lines = [`${title} emulator listening on ${url}`];
  for (const [name, value] of Object.entries(environment)) lines.push(`  export ${name}=${value}`);
  if (note) lines.push(`  ${note}`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

const stop = async () => {
  await Promise.all(started.map((server) => server.close()));
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
