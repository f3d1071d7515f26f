/**
 * The main job for now: the seed page's example (my_secret_manager.ts), then the packaged in-memory manager,
 * reading, writing and deleting secrets, then the seed's config.yaml with my_secret_manager.ts next to it, loaded
 * as the proxy does. Run it with `./dev demo` (or `npm run demo`); Node strips the types, no build step.
 * It prints which secrets were found and never a value in full: values show masked, like `sk-…3f`.
 */
import { fileURLToPath } from "node:url";
import {
  loadProxyConfig,
  type SecretManagerCapabilities,
  SecretManagerError,
} from "@dheera-ai/secret-manager";
import { createInMemorySecretManager } from "@dheera-ai/secret-manager-memory";
import { InMemorySecretManager } from "./my_secret_manager.ts";

/** Shows enough of a value to recognise it and never all of it; short values show nothing. */
function mask(value: string): string {
  return value.length < 8 ? "…" : `${value.slice(0, 3)}…${value.slice(-2)}`;
}

function describeRead(name: string, value: string | undefined): string {
  return `  ${name.padEnd(24)} ${value === undefined ? "missing" : `found  ${mask(value)}`}`;
}

function describeCapabilities(capabilities: SecretManagerCapabilities): string {
  const names = Object.entries(capabilities).flatMap(([name, supported]) => (supported ? [name] : []));
  return `  supports: ${names.join(", ")}`;
}

const seed = new InMemorySecretManager();
console.log(`1. The seed's example, my_secret_manager.ts (${seed.secretManagerName})`);
console.log(describeCapabilities(seed.capabilities));
for (const name of ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "MISSING_KEY"]) {
  console.log(describeRead(name, await seed.asyncReadSecret(name)));
}
console.log(describeRead("OPENAI_API_KEY (sync)", seed.syncReadSecret("OPENAI_API_KEY")));
try {
  // The seed's manager has no describe: the call rejects with a typed error naming the manager.
  await seed.asyncDescribeSecret("OPENAI_API_KEY");
} catch (error) {
  if (!SecretManagerError.isInstance(error)) throw error;
  console.log(`  describe rejected: ${error.code} — ${error.message}`);
}

const memory = createInMemorySecretManager({
  secrets: { OPENAI_API_KEY: "sk-demo-openai-5be0c1d7a93f" },
});
const virtualKey = "dheera_ai/team-ai";
console.log(`\n2. @dheera-ai/secret-manager-memory (${memory.secretManagerName})`);
console.log(describeCapabilities(memory.capabilities));
console.log(describeRead("OPENAI_API_KEY", await memory.asyncReadSecret("OPENAI_API_KEY")));

const written = await memory.asyncWriteSecret(virtualKey, "sk-demo-virtual-7c41d9e2b3a8", {
  description: "Dheera AI virtual key",
  tags: { Environment: "Production", Team: "AI" },
});
console.log(`  wrote ${written.name}: created=${written.created}, version ${written.versionId}`);
console.log(describeRead(virtualKey, await memory.asyncReadSecret(virtualKey)));
const metadata = await memory.asyncDescribeSecret(virtualKey);
console.log(`  description: ${metadata?.description}; tags: ${JSON.stringify(metadata?.tags)}`);

const deleted = await memory.asyncDeleteSecret(virtualKey); // the default recovery window: 7 days
console.log(`  deleted=${deleted.deleted}, restorable until ${deleted.recoverableUntil?.toISOString()}`);
console.log(describeRead(virtualKey, await memory.asyncReadSecret(virtualKey)));
const restored = await memory.asyncRestoreSecret(virtualKey);
console.log(`  restored=${restored.restored}`);
console.log(describeRead(virtualKey, await memory.asyncReadSecret(virtualKey)));

const purged = await memory.asyncDeleteSecret(virtualKey, { recoveryWindowInDays: 0 });
const restoredAgain = await memory.asyncRestoreSecret(virtualKey);
console.log(
  `  deleted with recoveryWindowInDays 0: deleted=${purged.deleted}, restored=${restoredAgain.restored}`,
);
console.log(describeRead(virtualKey, await memory.asyncReadSecret(virtualKey)));

console.log("\n3. The seed's config.yaml, with my_secret_manager.ts next to it");
// The master key comes from the environment (the custom manager does not host it); a demo default stands in.
const proxy = await loadProxyConfig(fileURLToPath(new URL("./config.yaml", import.meta.url)), {
  env: { DHEERA_AI_MASTER_KEY: "sk-demo-master-0e6a41", ...process.env },
});
console.log(`  manager: ${proxy.manager?.secretManagerName}, access_mode: ${proxy.settings.access_mode}`);
for (const reference of proxy.references) {
  const outcome = await proxy.resolver.resolve(reference.name);
  const shown = outcome.status === "resolved" ? mask(outcome.value) : outcome.status;
  console.log(`  ${reference.path.padEnd(40)} from ${reference.source.padEnd(11)} ${shown}`);
}
const stored = await proxy.virtualKeys.store({
  tokenId: "9f2c",
  alias: "team-ai",
  key: "sk-demo-virtual-4d0b7e",
});
console.log(
  `  virtual key team-ai: ${stored.stored ? `stored as ${stored.secretName}` : `not stored (${stored.message})`}`,
);
// Read straight from the manager: hosted_keys sends only the two provider keys there, not virtual keys.
console.log(describeRead(stored.secretName, await proxy.manager?.asyncReadSecret(stored.secretName)));
