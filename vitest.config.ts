import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        setupFiles: ['./test/setup.ts'],
        // Rebuilds out/ when src/ is newer (the CLI and server tests run the bundles).
        globalSetup: ['./test/global-setup.ts'],
        testTimeout: 30_000,
        hookTimeout: 60_000
    }
});
