import { defineConfig } from "vitest/config";

// One vitest run for the whole repository: each package is a project with its own config (or the defaults).
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "tests"],
    reporters: ["default", "./scripts/summary-reporter.ts"],
  },
});
