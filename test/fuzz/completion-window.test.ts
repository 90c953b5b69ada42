/**
 * Completion in large documents reads only the statements around the cursor
 * (src/language/lsp/completion-window.ts); it must offer exactly what whole-document completion
 * offers, at any position, including inside clinician blocks, comments, strings and broken text.
 */
import fc from 'fast-check';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { completionWindow, completionWindowing, statementStarts } from '../../src/language/lsp/completion-window.js';
import { createPisubServices } from '../../src/language/pisub-module.js';
// @ts-expect-error plain ESM script without types
import { bigGroupSubmission } from '../../scripts/gen-corpus.mjs';
import { yieldToEventLoop } from '../helpers/event-loop.js';
import { FUZZ_SEED, runs } from './seed.js';

const services = createPisubServices(EmptyFileSystem).Pisub;
const parse = parseHelper(services);

describe('statementStarts', () => {
    it('finds top-level statement lines, not keywords in comments, strings or clinician blocks', () => {
        const text = [
            'submission x {',                        // 0
            '  year 2024',                            // statement
            '  /* measure in a comment',
            '  measure still comment */',
            '  note "a { brace"',                     // statement
            '  # measure',
            '  clinician 1234567893 {',               // statement
            '    measure e-prescribing 1 / 2',        // depth 2: not top level
            '  }',
            '  measure e-prescribing 3 / 4',          // statement
            "  practice 'it\\'s {'",                  // statement
            '  measurement x',                        // not a keyword
            '}'
        ].join('\n');
        const lines = statementStarts(text).map(o => text.slice(o, text.indexOf('\n', o)).trim());
        expect(lines).toEqual(['year 2024', 'note "a { brace"', 'clinician 1234567893 {', 'measure e-prescribing 3 / 4', "practice 'it\\'s {'"]);
    });

    it('leaves small offsets to whole-document completion', () => {
        expect(completionWindow('submission x {\n  year 2024\n}', 20)).toBeUndefined();
    });
});

describe('windowed completion in a 10,000-line file', () => {
    const big: string = bigGroupSubmission({ lines: 10_000 })
        .replace('    year 2024', '    year 2024\n    /* measure e-prescribing 1 / 2\n       } } { */\n    note "} {" # measure')
        .replace(/(\n {4}clinician [^\n]*\n)/, '$1    // measure in a comment\n');

    async function itemsAt(doc: Awaited<ReturnType<typeof parse>>, offset: number, minChars: number): Promise<string[]> {
        await yieldToEventLoop();
        completionWindowing.minChars = minChars;
        try {
            const list = await services.lsp.CompletionProvider!.getCompletion(doc, { textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(offset) });
            return (list?.items ?? []).map(i => JSON.stringify([i.label, i.kind, i.sortText, i.textEdit, i.insertText]));
        } finally {
            completionWindowing.minChars = 50_000;
        }
    }

    it('offers the same items as whole-document completion at any position', async () => {
        let counter = 0, nonEmpty = 0, compared = 0;
        // The last clinician's first measure split over two lines, a comment with keywords and braces before it.
        const last = big.lastIndexOf('    clinician ');
        const split = big.slice(0, last) + '    /* measure x\n    clinician { */\n' + big.slice(last).replace(/measure e-prescribing (\d+) \/ (\d+)/, 'measure e-prescribing $1 /\n          $2');
        const texts = [big, big.slice(0, Math.floor(big.length * 0.8)) + '\n    measure e-prescr', split];
        expect(split).toMatch(/e-prescribing \d+ \/\n {10}\d+/);
        for (const text of texts) {
            const doc = await parse(text, { documentUri: `file:///window-${++counter}.pisub` });
            await fc.assert(fc.asyncProperty(fc.integer({ min: 60_000, max: text.length }), async offset => {
                const windowed = await itemsAt(doc, offset, 50_000);
                expect(windowed).toEqual(await itemsAt(doc, offset, Infinity));
                compared++;
                if (windowed.length > 0) nonEmpty++;
            }), { seed: FUZZ_SEED, numRuns: runs(10) });
            // Line starts and ends near the end, where the saving is largest.
            const lineStarts = [...text.slice(-3000).matchAll(/\n/g)].map(m => text.length - 3000 + m.index! + 1);
            for (const offset of lineStarts.slice(-5).flatMap(o => [o, o + 4, o - 1])) {
                expect(await itemsAt(doc, offset, 50_000), `offset ${offset}`).toEqual(await itemsAt(doc, offset, Infinity));
            }
        }
        // Not a trivial equality: many positions offer something (positions glued to a number or id offer nothing, by design).
        expect(nonEmpty).toBeGreaterThan(compared / 4);
    });
});
