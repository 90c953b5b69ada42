import { describe, expect, it } from 'vitest';
import { SUPPORTED_YEARS } from '../../src/language/data/measures.js';
import { factsFor } from '../../src/language/data/years.js';
import { ENTITY_KINDS } from '../../src/language/model/submission.js';
import { fillTemplate, submissionTemplate, templatePlaceholders, templateProblem, templateSnippet } from '../../src/language/templates.js';
import { checkText, codes } from '../helpers/check.js';

/** What a consultant would type for each placeholder. */
function fill(year: number) {
    return (what: string): string => {
        if (what.startsWith('submission-name')) return `practice-${year}`;
        if (what === 'practice name') return 'Riverside Family Medicine';
        if (what.startsWith('TIN')) return '123456789';
        if (what.startsWith('clinician NPI')) return '1234567893';
        // An id of the form the year expects (XX15C… → 0015C…, 2026C…), never more than 3 letters in a row.
        if (what.startsWith('CMS EHR Certification ID')) return `${factsFor(year)!.cehrtPrefixes.value[0].replace('XX', '00')}8AB2CD3EF4`;
        if (what.startsWith('date in')) return `${year}-03-14`;
        if (what === 'numerator') return '50';
        if (what === 'denominator') return '100';
        if (what.startsWith('pre-production or production')) return 'production';
        if (what.startsWith('MVP id')) return what.replace(/^.*e\.g\. /, '');
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

    it('is a syntax error while a placeholder is left in', async () => {
        const file = await checkText(submissionTemplate(2024, 'group'));
        expect(codes(file)).toContain('submission/syntax');
    });

    it('follows the year: engagement levels and PDMP from 2023, the SAFER Guide edition from 2026', () => {
        const t2022 = submissionTemplate(2022, 'group');
        expect(t2022).not.toContain('engagement');
        expect(t2022).not.toContain('query-of-pdmp');
        const t2023 = submissionTemplate(2023, 'group');
        expect(t2023).toContain('public-health immunization-registry yes engagement <pre-production or production>');
        expect(t2023).toContain('measure query-of-pdmp yes');
        expect(submissionTemplate(2025, 'group')).not.toContain('version');
        expect(submissionTemplate(2026, 'group')).toContain('attest safer-guide yes completed <date in 2026, YYYY-MM-DD> version 2025');
    });

    it('identifies each entity kind as the rules want', () => {
        expect(submissionTemplate(2024, 'individual')).toContain('entity individual tin <TIN, 9 digits> npi <clinician NPI, 10 digits>');
        expect(submissionTemplate(2024, 'virtual-group')).toContain('entity virtual-group id <virtual group id>');
        expect(submissionTemplate(2024, 'subgroup')).toMatch(/reporting mvp <MVP id, e\.g\. [GM]\d{4}>/);
    });

    it('says why there is no subgroup template for 2022 or for an unknown year', () => {
        expect(templateProblem(2022, 'subgroup')).toMatch(/MVPs start with the 2023/);
        expect(templateProblem(2019, 'group')).toMatch(/not a supported/);
        expect(() => submissionTemplate(2019, 'group')).toThrow(/not a supported/);
    });

    it('becomes a snippet with one tab stop per placeholder', () => {
        const template = submissionTemplate(2024, 'group');
        const snippet = templateSnippet(2024, 'group');
        const stops = [...snippet.matchAll(/\$\{(\d+)(?::([^}]*)|\|([^|]*)\|)\}/g)];
        expect(stops.map(s => s[2] ?? s[3].split(',').join(' or '))).toEqual(templatePlaceholders(template));
        expect(snippet).toContain('public-health immunization-registry yes engagement ${15|pre-production,production|}');
        expect(stops.map(s => Number(s[1]))).toEqual(stops.map((_, i) => i + 1));
        expect(snippet).toContain('submission ${1:submission-name, e.g. practice-2024} {');
        expect(snippet).toContain('\\}');
        expect(snippet.endsWith('$0')).toBe(true);
    });
});
