/**
 * Hang guard: an infinite loop in the parser or a rule would block the test process itself, so the
 * same kind of damaged files also go through the built CLI in a child process with a hang guard (killed after minutes, so a hang fails instead of blocking the suite).
 * It must finish, report every file, and exit 0 or 1 (never 2 with an internal error, never killed).
 * Needs the built CLI (`npm test` builds first).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HANG_GUARD_MS, run } from '../helpers/cli.js';
import { junk, mutated, ROOT, samples } from './fuzz-helpers.js';
import { FUZZ_SEED, runs } from './seed.js';

describe('the CLI on damaged files, in a child process', () => {
    it('finishes, reports every file, and never fails internally', async () => {
        const bin = join(ROOT, 'bin', 'pisub.cjs');
        if (!existsSync(join(ROOT, 'out', 'cli', 'main.cjs'))) throw new Error('out/cli/main.cjs missing: run `npm run build` first (npm test does)');
        const texts = [...fc.sample(mutated(samples()), { seed: FUZZ_SEED, numRuns: runs(300) }), ...fc.sample(junk, { seed: FUZZ_SEED, numRuns: runs(100) })]
            .map(t => t.replace(/\0/g, '')); // NUL makes the CLI refuse the file as binary (tested elsewhere)
        const dir = mkdtempSync(join(tmpdir(), 'pisub-fuzz-cli-'));
        try {
            texts.forEach((t, i) => writeFileSync(join(dir, `f${String(i).padStart(4, '0')}.pisub`), t));
            const r = await run(process.execPath, [bin, 'check', dir, '--format', 'json']);
            expect(r.signal, `killed: the check did not finish in ${HANG_GUARD_MS / 60_000} minutes (a hang)`).toBeNull();
            expect(r.stderr).not.toMatch(/internal error/);
            // Exit 2 only for inputs the CLI refuses to read (e.g. invalid UTF-8 from the junk).
            const json = JSON.parse(r.stdout);
            const refused = (json.unreadable ?? []).length;
            expect(r.code).toBe(refused > 0 ? 2 : json.summary.errors > 0 ? 1 : 0);
            expect(json.files.length + refused).toBe(texts.length);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
