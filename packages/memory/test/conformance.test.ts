import { describeSecretManagerConformance } from "@dheera-ai/secret-manager-testkit";
import { InMemorySecretManager } from "../src/index.js";

describeSecretManagerConformance({
  name: "InMemorySecretManager",
  create: () => new InMemorySecretManager(),
});
