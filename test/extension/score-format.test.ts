/**
 * Status bar text and the score breakdown (src/extension/score-format.ts), from real scores of the
 * e2e fixtures and the clean examples, and the "what the missing points take" arithmetic.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ScoreResponse } from '../../src/language/lsp/score-request.js';
import type { MeasureScore } from '../../src/language/score/score.js';
import { fromDecimal, measurePoints } from '../../src/language/score/points.js';
import {
    breakdownMarkdown, missingPointsAdvice, numeratorFor, objectiveTitle, STATUS_MAX_LENGTH, statusText
} from '../../src/extension/score-format.js';

/** The points rule itself (score/points.ts): round to nearest, a tie up, at least 1 for a numerator ≥ 1. */
const points = (n: number, d: number, max: number) => measurePoints(n, d, max).points;

describe('numeratorFor', () => {
    test('is the least numerator that earns the target points', () => {
        fc.assert(fc.property(
            fc.integer({ min: 1, max: 50_000 }), fc.constantFrom(5, 10, 12.5, 15, 20, 25, 30, 40),
            fc.integer({ min: 0, max: 40 }),
            (d, max, target) => {
                const n = numeratorFor(target, d, max);
                const reachable = target <= Math.round(max) && (target <= 1 || points(d, d, max) >= target);
                if (n === undefined) return !reachable || ![...Array(d + 1).keys()].some(k => points(k, d, max) >= target);
                return n <= d && points(n, d, max) >= target && (n === 0 || points(n - 1, d, max) < target);
            }
        ), { numRuns: 300 });
    });

    test('examples', () => {
        expect(numeratorFor(10, 4630, 10)).toBe(4399); // 4399/4630 × 10 = 9.501 → 10; 4398 gives 9.499 → 9
        expect(numeratorFor(15, 803, 15)).toBe(777); // 777/803 × 15 = 14.51 → 15; 776 gives 14.496 → 14
        expect(numeratorFor(1, 1000, 10)).toBe(1);
        expect(numeratorFor(11, 100, 10)).toBeUndefined();
        expect(numeratorFor(3, 0, 10)).toBeUndefined();
    });
});

const measure = (m: Partial<MeasureScore>): MeasureScore => ({
    measureId: 'PI_EP_1', title: 'e-Prescribing', points: 9, maxPoints: 10, maxExact: fromDecimal(m.maxPoints ?? 10), status: 'scored',
    formula: '(4120/4630) × 10 = 8.9 → 9', confidence: 'H', pointsRange: { min: m.points ?? 9, max: m.points ?? 9 }, ...m
});

describe('missingPointsAdvice', () => {
    test('a ratio: the numerator for the next point', () => {
        expect(missingPointsAdvice(measure({}), { numerator: 4120, denominator: 4630 })).toBe('+1 point at 4399/4630 (279 more in the numerator).');
        expect(missingPointsAdvice(measure({ points: 11, maxPoints: 15 }), { numerator: 612, denominator: 803 }))
            .toBe('+1 point at 616/803 (4 more in the numerator); full 15 points at 777/803 (165 more).');
    });

    test('yes/no, missing, invalid, full marks and excluded measures', () => {
        expect(missingPointsAdvice(measure({ points: 0, formula: 'no → 0' }), undefined)).toBe('Answer "yes" (with evidence): +10 points.');
        expect(missingPointsAdvice(measure({ points: 0, status: 'missing' }), undefined)).toMatch(/^Report it .*up to 10 points/);
        expect(missingPointsAdvice(measure({ points: 0, status: 'invalid' }), undefined)).toMatch(/^Correct the counts/);
        expect(missingPointsAdvice(measure({ points: 10 }), { numerator: 10, denominator: 10 })).toBeUndefined();
        expect(missingPointsAdvice(measure({ points: 0, maxPoints: 0, status: 'excluded' }), undefined)).toBeUndefined();
    });
});

function response(over: Partial<ScoreResponse>): ScoreResponse {
    return {
        performanceYear: 2024, score: 96, scoreRange: { min: 96, max: 96 }, rangeReasons: [], weightReason: '25%, the default.', rawScore: 96, zero: false, zeroReasons: [], measures: [measure({})], bonus: 5,
        bonusDetail: 'PI_PHCDRR_2: 5', redistribution: [], capped: false, categoryWeight: 0.25, finalScoreContribution: 24,
        uncertainties: [], reweighted: false, details: { PI_EP_1: { objective: 'electronicPrescribing', numerator: 4120, denominator: 4630 } },
        zeroTitles: [], zeroLinks: [], ...over
    };
}

describe('statusText', () => {
    test('score, gate, several gates, reweighting, no year', () => {
        expect(statusText(response({}))).toBe('PI: 96');
        const gated = response({ score: 0, zero: true, zeroReasons: [{ code: 'attestation/safer-not-yes', message: '…' }], zeroTitles: ['SAFER Guide not "yes"'] });
        expect(statusText(gated)).toBe('PI: 0 — SAFER Guide not "yes"');
        const two = response({
            score: 0, zero: true, zeroTitles: ['Performance period too short', 'SAFER Guide not "yes"'],
            zeroReasons: [{ code: 'period/too-short', message: '…' }, { code: 'attestation/safer-not-yes', message: '…' }]
        });
        expect(statusText(two)).toBe('PI: 0 — Performance period too short (+1)');
        const repeated = response({
            score: 0, zero: true, zeroTitles: ['Template placeholder not filled in', 'Template placeholder not filled in'],
            zeroReasons: [{ code: 'submission/placeholder', message: '…' }, { code: 'submission/placeholder', message: '…' }]
        });
        expect(statusText(repeated)).toBe('PI: 0 — Template placeholder not filled in ×2');
        expect(statusText(response({ reweighted: true, score: 0 }))).toBe('PI: reweighted');
        expect(statusText(response({ performanceYear: null, score: 0 }))).toBe('PI: no year');
    });

    test('long reasons are cut to fit the status bar', () => {
        const long = response({ score: 0, zero: true, zeroReasons: [{ code: 'x/y', message: '' }, { code: 'a/b', message: '' }], zeroTitles: ['A'.repeat(80), 'B'] });
        const text = statusText(long);
        expect(text.length).toBeLessThanOrEqual(STATUS_MAX_LENGTH);
        expect(text).toMatch(/^PI: 0 — A+… \(\+1\)$/);
    });
});

describe('breakdownMarkdown', () => {
    test('a table per objective with points, formula and advice; bonus and contribution', () => {
        const md = breakdownMarkdown(response({
            measures: [measure({}), measure({ measureId: 'PI_PEA_1', title: 'Provide Patients Electronic Access', points: 23, maxPoints: 25, formula: 'x' })],
            details: {
                PI_EP_1: { objective: 'electronicPrescribing', numerator: 4120, denominator: 4630 },
                PI_PEA_1: { objective: 'providerToPatientExchange', numerator: 2890, denominator: 3110 }
            },
            redistribution: [{ from: 'PI_EP_2', to: ['PI_EP_1'], points: 10, note: 'Query of PDMP excluded', confidence: 'M' }],
            uncertainties: ['Public-health bonus of 5 points (confidence M).']
        }), 'riverside.pisub');
        expect(md).toContain('# PI score breakdown — riverside.pisub');
        expect(md).toContain('**Estimated PI category score: 96 / 100** (performance year 2024)');
        expect(md).toContain('## e-Prescribing — 9 of 10 points');
        expect(md).toContain('## Provider to Patient Exchange — 23 of 25 points');
        expect(md.indexOf('## e-Prescribing')).toBeLessThan(md.indexOf('## Provider to Patient Exchange'));
        expect(md).toContain('| e-Prescribing `PI_EP_1` | scored | 9 | 10 | (4120/4630) × 10 = 8.9 → 9 | +1 point at 4399/4630 (279 more in the numerator). |');
        expect(md).toContain('- 10 points of `PI_EP_2` → `PI_EP_1`: Query of PDMP excluded (confidence M)');
        expect(md).toContain('## Uncertainties');
        expect(md).toContain('Contribution to the MIPS final score: 24 points (category weight 25%)');
        expect(md).not.toContain('Why the category scores 0');
    });

    test('a file that scores 0: reasons in words with their codes as links, points as what measures would earn', () => {
        const md = breakdownMarkdown(response({
            score: 0, zero: true, zeroReasons: [{ code: 'attestation/safer-not-yes', message: 'SAFER Guide must be YES from 2024.' }],
            zeroTitles: ['SAFER Guide not "yes"'], zeroLinks: ['file:///x/docs/rules.md#attestation-safer-not-yes']
        }), 'oakwood.pisub');
        expect(md).toContain('- **SAFER Guide not "yes"**: SAFER Guide must be YES from 2024. ([attestation/safer-not-yes](file:///x/docs/rules.md#attestation-safer-not-yes))');
        expect(md).toContain('## e-Prescribing — would earn 9 of 10 points (the category scores 0)');
        expect(md).toContain('| Measure | Status | Would earn | Max |');
    });

    test('explains "confidence M" and "L" where the breakdown shows them, not otherwise', () => {
        const md = breakdownMarkdown(response({ measures: [measure({ confidence: 'M', formula: 'f' })] }), 'x.pisub');
        expect(md).toContain('(confidence M)');
        expect(md).toContain('## What "confidence M" and "confidence L" mean');
        expect(md).toMatch(/- \*\*M\*\*: not seen in an official text/);
        expect(md).not.toMatch(/- \*\*L\*\*/);
        expect(breakdownMarkdown(response({}), 'x.pisub')).not.toContain('What "confidence');
    });

    test('objective names', () => {
        expect(objectiveTitle('healthInformationExchange')).toBe('Health Information Exchange');
        expect(objectiveTitle(null)).toBe('Other');
    });
});
