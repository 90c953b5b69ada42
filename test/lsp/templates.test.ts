import { describe, expect, it } from 'vitest';
import { SUPPORTED_YEARS } from '../../src/language/data/measures.js';
import { factsFor } from '../../src/language/data/years.js';
import { ENTITY_KINDS } from '../../src/language/model/submission.js';
import { fillTemplate, submissionTemplate, templatePlaceholders, templateProblem, templateSnippet } from '../../src/language/templates.js';
import { formatPisubText } from '../../src/language/lsp/format-text.js';
import { checkText, covered } from '../helpers/check.js';
import { pisub } from './lsp-helpers.js';

/** What a consultant would type for each placeholder. */
function fill(year: number) {
    return (what: string): string => {
        if (what === 'practice name') return 'Riverside Family Medicine';
        if (what.startsWith('TIN')) return '123456789';
        if (what.startsWith('clinician NPI')) return '1234567893';
        // An id of the form the year expects (XX15C… → 0015C…, 2026C…), never more than 3 letters in a row.
        if (what.startsWith('CMS EHR Certification ID')) return `${factsFor(year)!.cehrtPrefixes.value[0].replace('XX', '00')}8AB2CD3EF4`;
        if (what.startsWith('date in')) return `${year}-03-14`;
        if (what === 'numerator') return '50';
        if (what === 'denominator') return '100';
        if (what.endsWith(' id')) return 'E-0001';
        throw new Error(`no value for placeholder <${what}>`);
    };
}

describe('the new-submission template', () => {
    for (const year of SUPPORTED_YEARS) {
        for (const kind of ENTITY_KINDS) {
            if (templateProblem(year, kind)) continue;
            it(`passes all rules once filled in: ${year} ${kind}`, async () => {
                const template = submissionTemplate(year, kind);
                const file = await checkText(fillTemplate(template, fill(year)));
                const serious = file.diagnostics.filter(d => d.severity !== 'info');
                expect(serious, JSON.stringify(serious, null, 1)).toEqual([]);
                expect(file.analysis?.score.zero).toBe(false);
            });
        }
    }

    for (const kind of ENTITY_KINDS) {
        it(`a placeholder left in is one clear error each, nothing else: 2026 ${kind}`, async () => {
            const template = submissionTemplate(2026, kind);
            const file = await checkText(template);
            const placeholders = templatePlaceholders(template);
            const errors = file.diagnostics.filter(d => d.severity === 'error' && d.code !== 'score/zero');
            expect(errors.map(d => d.code), JSON.stringify(errors, null, 1)).toEqual(placeholders.map(() => 'submission/placeholder'));
            expect(errors.map(d => d.message)).toEqual(placeholders.map(p => `Replace the placeholder <${p}> with the real value (${p}).`));
            expect(file.diagnostics.filter(d => d.severity === 'warning')).toEqual([]);
            expect(file.analysis?.score.zeroReasons.map(r => r.code)).toEqual(placeholders.map(() => 'submission/placeholder'));
        });
    }

    it('one placeholder left among filled values: exactly one error, on the placeholder', async () => {
        const filled = fillTemplate(submissionTemplate(2025, 'individual'), what => what.startsWith('TIN') ? `<${what}>` : fill(2025)(what));
        const file = await checkText(filled);
        const errors = file.diagnostics.filter(d => d.severity === 'error' && d.code !== 'score/zero');
        expect(errors.map(d => d.code)).toEqual(['submission/placeholder']);
        expect(errors[0].message).toBe('Replace the placeholder <TIN, 9 digits> with the real value (TIN, 9 digits).');
        expect(covered(file, errors[0])).toBe('<TIN, 9 digits>');
    });

    it('is in the canonical layout, placeholders and all (formatting changes nothing)', () => {
        for (const kind of ENTITY_KINDS) {
            const template = submissionTemplate(2025, kind);
            expect(formatPisubText(pisub(), template)).toEqual({ ok: true, text: template, changed: false });
        }
    });

    it('tells the truth on its first line', () => {
        const first = submissionTemplate(2025, 'group').split('\n')[0];
        expect(first).toBe('// Promoting Interoperability, performance year 2025, group submission. A value in angle brackets is a placeholder: each one is an error until you replace it.');
        expect(templatePlaceholders(first)).toEqual([]);
    });

    it('follows the year: engagement levels and PDMP from 2023, the SAFER Guide edition from 2026', () => {
        const t2022 = submissionTemplate(2022, 'group');
        expect(t2022).not.toContain('engagement');
        expect(t2022).not.toContain('query-of-pdmp');
        const t2023 = submissionTemplate(2023, 'group');
        expect(t2023).toContain('public-health immunization-registry yes engagement production');
        expect(t2023).toContain('measure query-of-pdmp yes');
        expect(submissionTemplate(2025, 'group')).not.toContain('version');
        expect(submissionTemplate(2026, 'group')).toContain('attest safer-guide yes completed <date in 2026, YYYY-MM-DD> version 2025');
    });

    it('identifies each entity kind as the rules want', () => {
        expect(submissionTemplate(2024, 'individual')).toContain('entity individual tin <TIN, 9 digits> npi <clinician NPI, 10 digits>');
        expect(submissionTemplate(2024, 'virtual-group')).toContain('entity virtual-group id <virtual group id>');
        expect(submissionTemplate(2024, 'subgroup')).toMatch(/reporting mvp [GM]\d{4}\n/);
    });

    it('says why there is no subgroup template for 2022 or for an unknown year', () => {
        expect(templateProblem(2022, 'subgroup')).toMatch(/MVPs start with the 2023/);
        expect(templateProblem(2019, 'group')).toMatch(/not a supported/);
        expect(() => submissionTemplate(2019, 'group')).toThrow(/not a supported/);
    });

    it('becomes a snippet whose tab stops are the placeholders (brackets kept), samples and choices, in order', async () => {
        const template = submissionTemplate(2024, 'subgroup');
        const snippet = templateSnippet(2024, 'subgroup');
        const stops = [...snippet.matchAll(/\$\{(\d+)(?::([^}]*)|\|([^|]*)\|)\}/g)];
        expect(stops.map(s => Number(s[1]))).toEqual(stops.map((_, i) => i + 1));
        const placeholderStops = stops.map(s => s[2]).filter(d => d?.startsWith('<'));
        expect(placeholderStops).toEqual(templatePlaceholders(template).map(p => `<${p}>`));
        expect(snippet).toContain('submission ${1:new-subgroup-2024} {');
        expect(snippet).toMatch(/reporting mvp \$\{\d+\|G0053,[^|]*\|\}/);
        expect(snippet).toContain('period ${6:2024-01-01} to ${7:2024-12-31}');
        expect(snippet).toMatch(/public-health immunization-registry yes engagement \$\{\d+\|production,pre-production\|\}/);
        expect(snippet).toContain('\\}');
        expect(snippet.endsWith('$0')).toBe(true);
        // Each stop's default, left as it is, gives the text template.
        const expanded = snippet.slice(0, -2).replace(/\$\{\d+(?::([^}]*)|\|([^,|]*)[^|]*\|)\}/g, (_, d?: string, c?: string) => d ?? c ?? '').replace(/\\([\\$}])/g, '$1');
        expect(expanded).toBe(template);
    });
});
