// Node 20 polyfills for Langium 4.4's parser (chevrotain 13), as in every entry point.
import '../src/polyfills.js';
import fc from 'fast-check';
import { FUZZ_SEED } from './fuzz/seed.js';

// Every property test is seeded: one seed for the whole suite (printed by test/global-setup.ts),
// unless a test passes its own `seed`. FUZZ_SEED=<n> changes it.
fc.configureGlobal({ seed: FUZZ_SEED });
