import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "@dheera-ai/secret-manager-testkit", include: ["test/**/*.test.ts"] },
});
