import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/**
 * A fresh folder outside the repository — so it has no `node_modules`, like a config folder mounted into a
 * container — holding the given files.
 */
export async function configFolder(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "dheera-ai-config-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, name)), { recursive: true });
    await writeFile(join(root, name), text);
  }
  return root;
}

/** The seed's `my_secret_manager.py`, written in TypeScript the way the seed's user would. */
export const SEED_MANAGER_TS = `import { CustomSecretManager } from "@dheera-ai/secret-manager";

export class InMemorySecretManager extends CustomSecretManager {
  secrets: Record<string, string>;

  constructor() {
    super({ secretManagerName: "in_memory_secrets" });
    // Store your secrets in memory
    this.secrets = {
      OPENAI_API_KEY: "sk-openai-from-manager",
      ANTHROPIC_API_KEY: "sk-ant-from-manager",
    };
  }

  async asyncReadSecret(secretName: string): Promise<string | undefined> {
    return this.secrets[secretName];
  }

  syncReadSecret(secretName: string): string | undefined {
    return this.secrets[secretName];
  }

  async asyncWriteSecret(secretName: string, secretValue: string) {
    this.secrets[secretName] = secretValue;
    return { name: secretName, created: true };
  }

  async asyncDeleteSecret(secretName: string) {
    const deleted = secretName in this.secrets;
    delete this.secrets[secretName];
    return { name: secretName, deleted };
  }
}
`;

/** The seed's model list, shared by the configuration tabs. */
export const SEED_MODEL_LIST = `
model_list:
  - model_name: gpt-4
    dheera_ai_params:
      model: openai/gpt-4
      api_key: os.environ/OPENAI_API_KEY  # Read from custom secret manager
`;

/** Collects what a logger was told, to assert on warnings (and that no value is in them). */
export function recordingLogger() {
  const warnings: { message: string; fields: Readonly<Record<string, unknown>> | undefined }[] = [];
  return {
    warnings,
    logger: {
      warn(message: string, fields?: Readonly<Record<string, unknown>>) {
        warnings.push({ message, fields });
      },
    },
    /** Everything logged, as one string, to search for leaked values. */
    text: () => JSON.stringify(warnings),
  };
}
