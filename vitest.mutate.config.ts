/** The vitest config Stryker runs: only the tests of the target being mutated (see stryker.config.mjs). */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: (process.env.MUTATE_TESTS ?? "test/**/*.test.ts").split(","),
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
