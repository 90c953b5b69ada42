/**
 * Fixes never damage text: every quick fix of every rule case (test/rules/cases.ts), applied to the
 * case's text and to variants of it with extra spaces, tabs, comments between tokens and at line
 * ends, and CRLF line ends, leaves a file that still parses and without the finding it fixed.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/language/rules/catalogue.js';
import { applyFix } from '../helpers/check.js';
import { CASES, run } from './cases.js';

/** Applies `f` to the parts of the text outside quoted strings. */
function outsideQuotes(text: string, f: (part: string) => string): string {
    return text.split(/("(?:\\.|[^"\\\r\n])*"|'(?:\\.|[^'\\\r\n])*')/).map((part, i) => i % 2 === 1 ? part : f(part)).join('');
}

const VARIANTS: Record<string, (text: string) => string> = {
    'as written': t => t,
    'extra spaces': t => outsideQuotes(t, p => p.replace(/ /g, '   ')),
    'tabs': t => outsideQuotes(t, p => p.replace(/ /g, '\t')),
    'comments': t => t.split('\n').map(line => {
        // A block comment after the first word of each statement and a line comment at its end
        // (lines with quotes keep their text: a comment never goes inside a string).
        if (line.includes('"') || line.trim() === '') return line;
        return line.replace(/^(\s*\S+) /, '$1 /* c */ ') + ' // end';
    }).join('\n'),
    'CRLF': t => t.replace(/\r?\n/g, '\r\n')
};

/** Years tried per case: the first and the last it fails in. */
const yearsOf = (years: readonly number[]) => [...new Set([years[0], years.at(-1)!])];

const exercised = new Set<string>();

describe('every quick fix leaves a file that parses, without the finding it fixed', () => {
    for (const c of CASES) {
        for (const year of yearsOf(c.years)) {
            it(`${c.code}: ${c.name} (${year})`, async () => {
                const others = c.others?.(year);
                for (const [variant, make] of Object.entries(VARIANTS)) {
                    const text = make(c.text(year));
                    const before = await run(text, others);
                    const syntaxBefore = before.diagnostics.filter(d => d.code === 'submission/syntax').length;
                    if (c.code !== 'submission/syntax') expect(syntaxBefore, `${variant}: the variant itself parses`).toBe(0);
                    const hits = before.diagnostics.filter(d => d.code === c.code);
                    expect(hits.length, `${variant}: still raises ${c.code}`).toBeGreaterThan(0);
                    for (const hit of hits) {
                        for (const fix of hit.fixes ?? []) {
                            exercised.add(c.code);
                            const fixed = applyFix(text, fix.edits);
                            const after = await run(fixed, others);
                            const where = `${variant} / "${fix.title}":\n${fixed}`;
                            expect(after.diagnostics.filter(d => d.code === 'submission/syntax').map(d => d.message), where).toEqual([]);
                            expect(after.diagnostics.filter(d => d.code === c.code).length, where).toBeLessThan(hits.length);
                        }
                    }
                }
            });
        }
    }

    it('covers the rules that offer fixes', () => {
        // Every code whose check offers a fix in these cases (a new fix is tested by adding its case).
        expect([...exercised].sort()).toEqual([
            'attestation/missing', 'attestation/onc-direct-review-not-yes', 'attestation/safer-guide-version', 'attestation/safer-not-yes',
            'cehrt/format', 'entity/npi-not-allowed', 'entity/tin-format',
            'evidence/hash-mismatch', 'evidence/hash-not-recorded', 'evidence/period-mismatch', 'exclusion/ambiguous', 'exclusion/pdmp-after-ep-exclusion',
            'exclusion/with-measure', 'hie/conflicting-options', 'measure/duplicate', 'measure/id-case', 'measure/not-in-year',
            'measure/required-missing', 'period/too-short', 'public-health/bonus-engagement-missing', 'public-health/engagement-missing',
            'public-health/engagement-not-in-year', 'reporting/virtual-group-traditional-only', 'rollup/total-mismatch', 'submission/duplicate-name', 'submission/duplicate-statement', 'year/missing'
        ]);
        for (const code of exercised) expect(RULES.has(code)).toBe(true);
    });
});
