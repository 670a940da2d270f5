import { defineConfig } from "vitest/config";

/**
 * Two projects: `sqlite` runs every test; `postgres` runs the entity, tool, workflow, graph and
 * evaluation tests a second time, each test on a fresh schema of the PostgreSQL server at
 * FLASHFUSION_TEST_DATABASE_URL (`scripts/pg-test-server.sh start` makes one; .ci/run does).
 */
const url = process.env.FLASHFUSION_TEST_DATABASE_URL;

const POSTGRES_TESTS = ["entities/**/*.test.ts", "tools/**/*.test.ts", "graph/**/*.test.ts", "evals/**/*.test.ts", "server/**/*.test.ts"];
/** SQLite-file mechanics, not database behaviour: copying a crashed database's files. */
const SQLITE_ONLY = ["tools/commerce/workflow/crash.test.ts"];

if (!url) {
  const reason = "PostgreSQL tests skipped: FLASHFUSION_TEST_DATABASE_URL is not set (eval \"$(scripts/pg-test-server.sh start)\" starts a throwaway server)";
  if (process.env.FLASHFUSION_REQUIRE_E2E === "1") throw new Error(`${reason}; FLASHFUSION_REQUIRE_E2E=1 makes that a failure`);
  console.warn(reason);
}

const base = {
  exclude: ["node_modules/**", "data/**", "dist/**", "scratchpad/**"],
  testTimeout: 30_000,
  hookTimeout: 30_000,
  pool: "forks" as const,
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...base, name: "sqlite", include: ["**/*.test.ts"] } },
      ...(url
        ? [
            {
              test: {
                ...base,
                name: "postgres",
                include: POSTGRES_TESTS,
                exclude: [...base.exclude, ...SQLITE_ONLY],
                env: { FLASHFUSION_TEST_BACKEND: "postgres" },
                globalSetup: ["entities/testing/postgres-global-setup.ts"],
                setupFiles: ["entities/testing/postgres-file-setup.ts"],
              },
            },
          ]
        : []),
    ],
  },
});
