import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "@dheera-ai/secret-manager-memory", include: ["test/**/*.test.ts"] },
});
