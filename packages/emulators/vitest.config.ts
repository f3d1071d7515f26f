import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "@dheera-ai/secret-manager-emulators", include: ["test/**/*.test.ts"] },
});
