// The seed page's my_secret_manager.py, in TypeScript, as a user writes it next to their config.yaml.
// config.yaml names it `my_secret_manager.InMemorySecretManager`; the proxy loads it with no build step.
import {
  CustomSecretManager,
  type DeleteSecretResult,
  type WriteSecretOptions,
  type WriteSecretResult,
} from "@dheera-ai/secret-manager";

export class InMemorySecretManager extends CustomSecretManager {
  // Store your secrets in memory
  readonly #secrets = new Map<string, string>([
    ["OPENAI_API_KEY", "sk-demo-openai-5be0c1d7a93f"],
    ["ANTHROPIC_API_KEY", "sk-ant-demo-2f8e64b1c0a9"],
  ]);

  constructor() {
    super({ secretManagerName: "in_memory_secrets" });
  }

  override async asyncReadSecret(secretName: string): Promise<string | undefined> {
    return this.#secrets.get(secretName);
  }

  override syncReadSecret(secretName: string): string | undefined {
    return this.#secrets.get(secretName);
  }

  override async asyncWriteSecret(
    secretName: string,
    secretValue: string,
    _options?: WriteSecretOptions,
  ): Promise<WriteSecretResult> {
    const created = !this.#secrets.has(secretName);
    this.#secrets.set(secretName, secretValue);
    return { name: secretName, created };
  }

  override async asyncDeleteSecret(secretName: string): Promise<DeleteSecretResult> {
    return { name: secretName, deleted: this.#secrets.delete(secretName) };
  }
}
