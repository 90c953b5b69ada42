/**
 * Batched checking (src/language/batches.ts, used by `pisub check`) gives exactly the results of
 * checking all files at once: linked files (`prior-year`) always share a batch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInBatches, linkNames, linkedBatches } from '../../src/language/batches.js';
import { PisubWorkspace, type CheckedFile } from '../../src/language/headless.js';
// @ts-expect-error plain ESM script without types
import { generateCorpus } from '../../scripts/gen-corpus.mjs';
import { FUZZ_SEED } from './seed.js';

type CorpusFile = { path: string; text: string };
const summary = (files: readonly CheckedFile[]) => files.map(f => `${f.path}: ${f.diagnostics.map(d => `${d.code}@${d.offset}-${d.end}`).join(' ')}`);

describe('linkNames', () => {
    it('finds declared and referenced names across comments and line breaks', () => {
        expect(linkNames('submission a-2024 { prior-year /* last year */\n  b-2023 }').sort()).toEqual(['a-2024', 'b-2023']);
        expect(linkNames('submission # c\n x { prior-year // d\n y }').sort()).toEqual(['x', 'y']);
    });
});

describe('linkedBatches', () => {
    it('keeps files that share a name in one batch, and covers every file once', () => {
        fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.option(fc.integer({ min: 0, max: 30 }))), { maxLength: 60 }), fc.integer({ min: 1, max: 10 }), (specs, size) => {
            const files = specs.map(([n, p], i) => ({ path: `${i}.pisub`, text: `submission s${n} {${p === null ? '' : ` prior-year s${p}`} }` }));
            const batches = linkedBatches(files, size);
            expect(batches.flat().sort((a, b) => a - b)).toEqual(files.map((_, i) => i));
            const batchOf = new Map<number, number>();
            batches.forEach((b, k) => b.forEach(i => batchOf.set(i, k)));
            files.forEach((a, i) => files.forEach((b, j) => {
                if (linkNames(a.text).some(n => linkNames(b.text).includes(n))) expect(batchOf.get(i)).toBe(batchOf.get(j));
            }));
        }), { seed: FUZZ_SEED, numRuns: 200 });
    });
});

describe('checkInBatches', () => {
    it('gives the same diagnostics, in the same order, as one build of all files', async () => {
        const files: CorpusFile[] = generateCorpus({ count: 60, seed: FUZZ_SEED });
        const all = await new PisubWorkspace().check(files);
        for (const size of [1, 7, 100]) {
            const batched = await checkInBatches(new PisubWorkspace(), files, { size });
            expect(summary(batched)).toEqual(summary(all));
            expect(batched.every(f => f.document === undefined && f.analysis === undefined)).toBe(true);
        }
        // The corpus does exercise prior-year links.
        expect(files.filter(f => /prior-year/.test(f.text)).length).toBeGreaterThan(5);
    });
});
