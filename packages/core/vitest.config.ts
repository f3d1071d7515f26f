import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@dheera-ai/secret-manager",
    include: ["test/**/*.test.ts"],
    benchmark: { include: ["bench/**/*.bench.ts"] },
  },
});
