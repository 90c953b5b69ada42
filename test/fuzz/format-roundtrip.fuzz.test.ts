/**
 * Formatting is idempotent and never changes meaning (same findings, same score), on the examples,
 * the generated corpus and re-spaced variants of them; and a generated valid submission means the
 * same after export to QPP JSON and import back. Seeded: see ./seed.ts.
 */
import '../../src/interop/register.js';
import fc from 'fast-check';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { buildQppSubmission, qppJsonText } from '../../src/interop/export.js';
import { importSubmission } from '../../src/interop/import.js';
import { formatPisubText } from '../../src/language/lsp/format-text.js';
import { createPisubServices } from '../../src/language/pisub-module.js';
// @ts-expect-error plain ESM script without types
import { generateCorpus } from '../../scripts/gen-corpus.mjs';
import { checkText } from '../helpers/check.js';
import { meaning } from '../interop/interop-helpers.js';
import { samples, tokens } from './fuzz-helpers.js';
import { FUZZ_SEED, runs } from './seed.js';

const services = createPisubServices(EmptyFileSystem).Pisub;
const SAMPLES = samples();

/** What a text means: its findings (code and message, in order) and its score. */
async function meaningOf(text: string): Promise<unknown> {
    const file = await checkText(text);
    return { findings: file.analysis?.findings.map(f => `${f.code}: ${f.message}`).sort(), score: file.analysis?.score };
}

/** Replaces whitespace between tokens with other whitespace (and sometimes a comment line). */
const respaced = fc.tuple(fc.constantFrom(...SAMPLES), fc.array(fc.constantFrom(' ', '  ', '\t', '\n', '\n\n\n', ' \n\t ', '\r\n', '\n// moved\n', ' /* c */ '), { minLength: 1, maxLength: 50 }))
    .map(([s, spaces]) => {
        let k = 0;
        return tokens(s.text).map(t => (/^\s+$/.test(t) ? (t.includes('\n') && !spaces[k % spaces.length].includes('\n') ? '\n' : '') + spaces[k++ % spaces.length] : t)).join('');
    });

async function expectFormatSafe(text: string): Promise<boolean> {
    const once = formatPisubText(services, text);
    if (!once.ok) return false; // files with syntax errors are not formatted
    const twice = formatPisubText(services, once.text);
    expect(twice.ok && twice.text, 'formatting twice changes the text').toBe(once.text);
    expect(await meaningOf(once.text), 'formatting changed the findings or the score').toEqual(await meaningOf(text));
    return true;
}

describe('formatting', () => {
    it('is idempotent and keeps the meaning of every example and generated file', async () => {
        let formatted = 0;
        for (const { text } of SAMPLES) if (await expectFormatSafe(text)) formatted++;
        expect(formatted).toBeGreaterThan(SAMPLES.length / 2);
    });

    it('is idempotent and keeps the meaning of re-spaced files', async () => {
        await fc.assert(fc.asyncProperty(respaced, async text => { await expectFormatSafe(text); }), { seed: FUZZ_SEED, numRuns: runs(150) });
    });
});

describe('QPP JSON round trip of generated valid submissions', () => {
    it('import(export(x)) means the same as x', async () => {
        const files: { path: string; text: string; invalid: boolean }[] = generateCorpus({ count: runs(40), seed: FUZZ_SEED + 1, invalidRate: 0 });
        const standalone = files.filter(x => !x.text.includes('prior-year'));
        expect(standalone.length).toBeGreaterThan(files.length / 3);
        for (const f of standalone) {
            const checked = await checkText(f.text, f.path);
            const exported = buildQppSubmission(checked.analysis!);
            expect(exported.problem, f.path).toBeUndefined();
            const back = importSubmission('exported.json', qppJsonText(exported.submission!));
            expect(back.problems, f.path).toEqual([]);
            const reimported = await checkText(back.written!.text, 'reimported.pisub');
            expect(meaning(reimported.analysis!), f.path).toEqual(meaning(checked.analysis!));
        }
    });
});
