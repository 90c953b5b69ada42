/**
 * The parser, the rules and the score never throw, never hang, and every diagnostic lies inside
 * its document, for any text: every truncation of the examples, grammar-aware token mutations,
 * encodings and control characters, extreme sizes, and junk. Seeded: see ./seed.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkText } from '../helpers/check.js';
import { expectWellFormed, junk, mutated, naming, samples } from './fuzz-helpers.js';
import { FUZZ_SEED, runs } from './seed.js';

const SAMPLES = samples();
const check = (text: string) => naming(`checking ${JSON.stringify(text.slice(0, 80))}…`, () => checkText(text));

describe('checking damaged text', () => {
    it('survives truncation at every offset of an example', async () => {
        const { text } = SAMPLES.find(s => s.path.includes('riverside'))!;
        for (let i = 0; i <= text.length; i++) expectWellFormed(await check(text.slice(0, i)));
    });

    it('survives truncation at every line of every example', async () => {
        for (const { text } of SAMPLES) {
            const ends = [...text.matchAll(/\n/g)].map(m => m.index!);
            for (const end of ends) expectWellFormed(await check(text.slice(0, end)));
        }
    });

    it('survives grammar-aware mutations of the examples', async () => {
        await fc.assert(fc.asyncProperty(mutated(SAMPLES), async text => { expectWellFormed(await check(text)); }),
            { seed: FUZZ_SEED, numRuns: runs(150) });
    });

    it('survives junk: random bytes, unicode, shuffled grammar tokens', async () => {
        await fc.assert(fc.asyncProperty(junk, async text => { expectWellFormed(await check(text)); }),
            { seed: FUZZ_SEED, numRuns: runs(300) });
    });

    it('reports a syntax error, not a crash, for the classic extremes', async () => {
        const base = SAMPLES[0].text;
        const extremes: Record<string, string> = {
            empty: '',
            'only a BOM': '\ufeff',
            'NUL bytes': base.replace('year', 'ye\0ar'),
            'deep nesting': 'submission x ' + '{'.repeat(5_000) + '}'.repeat(5_000),
            'a 1 MB line': `submission x { note "${'a'.repeat(1_000_000)}" }`,
            'a huge number': base.replace(/measure e-prescribing \d+ \/ \d+/, `measure e-prescribing ${'9'.repeat(5_000)} / ${'9'.repeat(5_001)}`),
            'unterminated comment': base.replace('year', '/* year'),
            'unterminated string': base.replace(/practice "[^"]*"/, 'practice "open'),
            'CR only line ends': base.replace(/\n/g, '\r'),
            'right-to-left and zero-width': base.replace(/practice "[^"]*"/, 'practice "\u202e\u200b\u200dClinic"')
        };
        for (const [what, text] of Object.entries(extremes)) {
            const file = await naming(what, () => checkText(text));
            expectWellFormed(file);
            if (what === 'empty' || what === 'deep nesting' || what === 'unterminated string') {
                expect(file.diagnostics.some(d => d.code === 'submission/syntax'), what).toBe(true);
            }
        }
    });
});
