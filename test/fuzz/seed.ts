/**
 * One seed for every fuzz and property suite, so failures reproduce: `FUZZ_SEED=123 npx vitest run
 * test/fuzz`. fast-check prints the seed and path of a failing run; pass them back to reproduce.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261122);
/** Runs per property are scaled by FUZZ_SCALE (default 1, sized so CI stays under two minutes). */
export const FUZZ_SCALE = Number(process.env.FUZZ_SCALE ?? 1);
export const runs = (n: number): number => Math.max(1, Math.round(n * FUZZ_SCALE));
