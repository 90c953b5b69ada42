// Node 20 polyfills for Langium 4.4's parser (chevrotain 13): the one file the bundler injects into
// the CLI and server bundles (esbuild.mjs).
import '../scripts/node20-polyfills.mjs';
import fc from 'fast-check';
import { beforeEach } from 'vitest';
import { FUZZ_SEED } from './fuzz/seed.js';
import { yieldToEventLoop } from './helpers/event-loop.js';

// Every property test is seeded: one seed for the whole suite (printed by test/global-setup.ts),
// unless a test passes its own `seed`. FUZZ_SEED=<n> changes it.
fc.configureGlobal({ seed: FUZZ_SEED });

// Each test starts on a fresh turn of the event loop, so the worker answers vitest's RPC between tests
// even when the previous test ended in a long synchronous stretch (test/helpers/event-loop.ts).
beforeEach(() => yieldToEventLoop());
