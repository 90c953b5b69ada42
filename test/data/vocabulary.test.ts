/**
 * The vocabulary and the syntax words are read from one place each (CMS's measure data, the
 * generated grammar) and agree with the model's own lists.
 */
import { describe, expect, it } from 'vitest';
import { catalogueFor } from '../../src/language/data/measures.js';
import { ENGAGEMENT_LEVELS, ENTITY_KINDS, REPORTING_OPTIONS, SPECIAL_STATUSES } from '../../src/language/model/submission.js';
import { KEYWORDS, keywordAlternatives, MEASURE_KEYWORDS, STATEMENT_KEYWORDS, SUBMISSION_KEYWORD } from '../../src/language/syntax.js';
import { ATTESTATION_IDS, isReweighted, mvpIds, MVP_ID, REQUIRED_ATTESTATION_IDS } from '../../src/language/vocabulary.js';

describe('syntax words come from the grammar', () => {
    it('statement keywords, the file keyword and every keyword', () => {
        expect(STATEMENT_KEYWORDS).toEqual(['year', 'practice', 'entity', 'reporting', 'period', 'cehrt', 'measure', 'attest',
            'public-health', 'special-status', 'clinician', 'prior-year', 'note', 'evidence', 'weight']);
        expect(SUBMISSION_KEYWORD).toBe('submission');
        expect(MEASURE_KEYWORDS).toEqual(['measure', 'attest', 'public-health']);
        for (const k of ['excluded', 'engagement', 'no-cehrt-data', 'to', 'tin', 'npi', 'id', 'yes', 'no', 'dated', 'sha256', 'covers']) expect(KEYWORDS.has(k), k).toBe(true);
        expect(KEYWORDS.has('{')).toBe(false);
    });

    it('the model\'s value lists are the grammar\'s alternatives', () => {
        expect(keywordAlternatives('EntityKind')).toEqual([...ENTITY_KINDS]);
        expect(keywordAlternatives('ReportingOption')).toEqual([...REPORTING_OPTIONS]);
        expect(keywordAlternatives('SpecialStatus')).toEqual([...SPECIAL_STATUSES]);
        expect(keywordAlternatives('EngagementLevel')).toEqual([...ENGAGEMENT_LEVELS]);
    });
});

describe('domain words come from the measure data', () => {
    it('attestations: five ids, four of them required every year', () => {
        expect([...ATTESTATION_IDS].sort()).toEqual(['PI_INFBLO_1', 'PI_ONCACB_1', 'PI_ONCDIR_1', 'PI_PPHI_1', 'PI_PPHI_2']);
        expect(REQUIRED_ATTESTATION_IDS).toEqual(['PI_PPHI_1', 'PI_PPHI_2', 'PI_INFBLO_1', 'PI_ONCDIR_1']);
    });

    it('MVP ids per year, none before 2023', () => {
        expect(mvpIds(catalogueFor(2022))).toEqual([]);
        const ids = mvpIds(catalogueFor(2024));
        expect(ids.length).toBeGreaterThan(0);
        for (const id of ids) expect(id).toMatch(MVP_ID);
        expect(ids).not.toContain('mips');
    });

    it('reweighted: a status and no PI data', () => {
        const status = [{ value: 'small-practice' as const, span: { offset: 0, end: 0 } }];
        expect(isReweighted({ statuses: status, entries: [] })).toBe(true);
        expect(isReweighted({ statuses: [], entries: [] })).toBe(false);
    });
});
