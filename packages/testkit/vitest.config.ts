import { configDefaults, defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "@dheera-ai/secret-manager-testkit",
    include: ["test/**/*.test.ts"],
    // Fixtures fail on purpose; only the nested run in conformance-catches-broken-managers.test.ts runs them.
    exclude: [...configDefaults.exclude, "test/fixtures/**"],
  },
});
