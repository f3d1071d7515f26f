import { defineProject } from "vitest/config";

export default defineProject({
  // Packing and installing tarballs takes seconds, not milliseconds.
  test: { name: "repo", include: ["**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000 },
});
