import { defineConfig } from 'vitest/config';

// The suite must hold on a busy machine (CI may share two cores with other work):
// - timeouts are hang guards only, never speed limits; tests wait on events (a process exit, a message);
// - spawned processes are awaited, never run synchronously: a synchronous spawn blocks the worker, and a
//   worker blocked for a minute fails with `Timeout calling "onTaskUpdate"` (vitest's worker RPC);
// - test/helpers/cli.ts HANG_GUARD_MS (5 min) kills a hung process before the test timeout fires.
export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        globalSetup: ['./test/global-setup.ts'],
        setupFiles: ['./test/setup.ts'],
        testTimeout: 10 * 60_000,
        hookTimeout: 10 * 60_000,
        teardownTimeout: 60_000,
        pool: 'forks',
        maxWorkers: 2,
        minWorkers: 1
    }
});
