/**
 * Every rule fails and passes, per relevant year. Each case starts from the clean submission of a
 * year (test/helpers/submissions.ts, which passes every rule — see clean.test.ts), changes one thing,
 * and expects the rule's code with its severity and a range on the offending text. `passes` lists
 * years where the same change is fine (year-specific rules), checked too. The last test asserts that
 * every code of the rule catalogue is exercised here.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/language/rules/catalogue.js';
import { submission, measures } from '../helpers/submissions.js';
import { ALL, CASES, clean, run } from './cases.js';

describe('rules', () => {
    for (const c of CASES) {
        describe(`${c.code}: ${c.name}`, () => {
            for (const year of c.years) {
                it(`fails in ${year}`, async () => {
                    const file = await run(c.text(year), c.others?.(year));
                    const hits = file.diagnostics.filter(d => d.code === c.code);
                    expect(hits.length, file.diagnostics.map(d => `${d.code}: ${d.message}`).join('\n')).toBeGreaterThan(0);
                    const severity = c.severity ?? RULES.get(c.code)?.severity ?? 'error';
                    expect(hits.map(h => h.severity)).toContain(severity);
                    for (const h of hits) {
                        expect(h.message.length).toBeGreaterThan(20);
                        expect(h.offset).toBeGreaterThanOrEqual(0);
                        expect(h.end).toBeLessThanOrEqual(file.text.length);
                    }
                    if (c.covers) {
                        const want = typeof c.covers === 'function' ? c.covers(year) : c.covers;
                        expect(hits.map(h => file.text.slice(h.offset, h.end))).toContain(want);
                    }
                });
            }
            for (const year of c.passes ?? []) {
                it(`passes in ${year}`, async () => {
                    const file = await run(c.text(year), c.others?.(year));
                    expect(file.diagnostics.filter(d => d.code === c.code)).toEqual([]);
                });
            }
        });
    }

    it('every rule in the catalogue is exercised by a failing case', () => {
        const tested = new Set(CASES.map(c => c.code));
        // Raised when checking a file throws (no text should): tested in test/robustness/data-safety.test.ts.
        tested.add('submission/unreadable');
        // Raised by the language server on an open document over the size cap: test/robustness/lsp-documents.test.ts.
        tested.add('submission/file-too-large');
        const untested = [...RULES.keys()].filter(code => !tested.has(code));
        expect(untested).toEqual([]);
    });

    it('every rule passes on the clean submission of every year', async () => {
        for (const year of ALL) {
            const file = await run(clean(year));
            const unexpected = file.diagnostics.filter(d => !(year === 2027 && d.code === 'year/provisional') && !(year === 2025 && d.code === 'public-health/suppressed'));
            expect(unexpected, `${year}: ${unexpected.map(d => d.code).join(', ')}`).toEqual([]);
        }
    });

    it('measures() helper gives every year its required measures', () => {
        expect(measures(2022)).not.toContain('query-of-pdmp');
        expect(measures(2023)).toContain('query-of-pdmp');
    });
});

describe('period/too-short fixes', () => {
    it('moves the start earlier, or the end later when the start cannot move', async () => {
        const { checkText, applyFix, withCode } = await import('../helpers/check.js');
        const late = await checkText(submission({ year: 2024, period: 'period 2024-10-01 to 2024-12-31' }));
        const [d1] = withCode(late, 'period/too-short');
        expect(applyFix(late.text, d1.fixes![0].edits)).toContain('period 2024-07-05 to 2024-12-31');
        const early = await checkText(submission({ year: 2024, period: 'period 2024-01-15 to 2024-03-31' }));
        const [d2] = withCode(early, 'period/too-short');
        expect(applyFix(early.text, d2.fixes![0].edits)).toContain('period 2024-01-15 to 2024-07-12');
        const fixed = await checkText(applyFix(early.text, d2.fixes![0].edits));
        expect(withCode(fixed, 'period/too-short')).toEqual([]);
    });
});

describe('a reweighted practice without PI data', () => {
    it('gets only the reweighting info, not a list of missing measures', async () => {
        const { checkText } = await import('../helpers/check.js');
        const file = await checkText('submission small-2024 {\n    year 2024\n    practice "Small Practice"\n    entity group tin 123456789\n    special-status small-practice\n}\n');
        expect(file.diagnostics.map(d => d.code)).toEqual(['status/reweighted']);
        expect(file.analysis!.score.reweighted).toBe(true);
        expect(file.analysis!.score.zero).toBe(false);
    });
});

describe('a year pisub has no rules for', () => {
    it('reports year/unsupported, and only what holds in every known year, as warnings', async () => {
        const { checkText } = await import('../helpers/check.js');
        const text = submission({ year: 2024 }).replace('year 2024', 'year 2019')
            .replace('measure patient-electronic-access', 'measure PI_HIE_5 yes\n    measure patient-electronic-access')
            .replace('640 / 700', '700 / 640');
        const file = await checkText(text);
        const byCode = (code: string) => file.diagnostics.filter(d => d.code === code);
        expect(byCode('year/unsupported')[0].severity).toBe('error');
        expect(byCode('hie/conflicting-options').map(d => d.severity)).toEqual(['warning']);
        expect(byCode('measure/numerator-exceeds-denominator').map(d => d.severity)).toEqual(['warning']);
        // Nothing that depends on a year's facts (period, CEHRT form, required measures, attestations).
        for (const code of ['period/outside-year', 'cehrt/edition-not-accepted', 'measure/required-missing', 'attestation/missing']) expect(byCode(code)).toEqual([]);
    });
});
