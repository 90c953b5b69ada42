/**
 * Redistribution per pi-rules-notes §7.2 and the score range where a rule is uncertain (confidence L).
 * Every expectation is computed by hand in the comment next to it (points 2023–2026: EP_1 10,
 * PDMP 10, HIE_1/HIE_4 15, HIE_5/HIE_6 30, PEA_1 25, public health 25 = 12.5 + 12.5, bonus 5;
 * 2022: EP_1 10, PDMP 10 bonus, HIE_1/HIE_4 20, HIE_5 40, PEA_1 40, public health 10, bonus 5).
 * The cases avoid exact halves so that only the rule under test moves the points.
 */
import { describe, expect, it } from 'vitest';
import { describeScoreOutOf100, type ScoreResult } from '../../src/language/score/score.js';
import { PisubWorkspace } from '../../src/language/headless.js';
import { checkText } from '../helpers/check.js';
import { submission } from '../helpers/submissions.js';

async function score(text: string): Promise<ScoreResult> {
    const file = await checkText(text);
    expect(file.analysis, file.diagnostics.map(d => d.message).join('\n')).toBeDefined();
    return file.analysis!.score;
}

const byId = (s: ScoreResult) => Object.fromEntries(s.measures.map(m => [m.measureId, m]));

function lines(...l: string[]): string {
    return l.join('\n    ');
}

const PH_YES = lines('public-health immunization-registry yes engagement production', 'public-health electronic-case-reporting yes engagement production');

describe('redistribution (pi-rules-notes §7.2)', () => {
    it('Query of PDMP excluded: its 10 points go to e-Prescribing (H, no range)', async () => {
        // EP_1 max 20: 80/100 × 20 = 16; HIE_1 60/100 × 15 = 9; HIE_4 9; PEA_1 92/100 × 25 = 23;
        // public health 25 → 16 + 9 + 9 + 23 + 25 = 82.
        const s = await score(submission({ year: 2024, measures: lines(
            'measure e-prescribing 80 / 100', 'measure PI_EP_2_EX_1 yes',
            'measure referral-loops-sending 60 / 100', 'measure referral-loops-receiving 60 / 100',
            'measure patient-electronic-access 92 / 100', PH_YES) }));
        expect(byId(s).PI_EP_1).toMatchObject({ maxPoints: 20, points: 16, pointsRange: { min: 16, max: 16 } });
        expect(s.score).toBe(82);
        expect(s.scoreRange).toEqual({ min: 82, max: 82 });
        expect(s.rangeReasons).toEqual([]);
        expect(s.redistribution.find(r => r.from === 'PI_EP_2')).toMatchObject({ to: ['PI_EP_1'], confidence: 'H' });
    });

    it('both public-health measures excluded: the objective goes to PEA_1 (H); the bonus stays a bonus', async () => {
        // EP_1 10, PDMP 10, HIE_5 30, PEA_1 max 50: 80/100 × 50 = 40; bonus 5 → 95.
        const s = await score(submission({ year: 2024, measures: lines(
            'measure e-prescribing 100 / 100', 'measure query-of-pdmp yes', 'measure PI_HIE_5 yes',
            'measure patient-electronic-access 80 / 100',
            'measure PI_PHCDRR_1_EX_1 yes', 'measure PI_PHCDRR_3_EX_1 yes',
            'public-health PI_PHCDRR_2 yes engagement production') }));
        expect(byId(s).PI_PEA_1).toMatchObject({ maxPoints: 50, points: 40 });
        expect(s.bonus).toBe(5);
        expect(s.score).toBe(95);
        expect(s.scoreRange).toEqual({ min: 95, max: 95 });
    });

    it('2022: both public-health measures excluded: the objective\'s 10 points go to PEA_1', async () => {
        // EP_1 10, HIE_5 40, PEA_1 max 40 + 10 = 50: 80/100 × 50 = 40 → 90.
        const s = await score(submission({ year: 2022, measures: lines(
            'measure e-prescribing 100 / 100', 'measure PI_HIE_5 yes', 'measure patient-electronic-access 80 / 100',
            'measure PI_PHCDRR_1_EX_1 yes', 'measure PI_PHCDRR_3_EX_1 yes') }));
        expect(byId(s).PI_PEA_1).toMatchObject({ maxPoints: 50, points: 40 });
        expect(s.score).toBe(90);
    });

    it('2025: eCR suppressed, both excluded: nothing moves to PEA_1 (the 2025 measure data)', async () => {
        // Immunization excluded → its 12.5 stay in the objective with eCR, which earns full credit
        // (25); PEA_1 keeps 25: 80/100 × 25 = 20. 10 + 10 + 30 + 20 + 25 = 95.
        const s = await score(submission({ year: 2025, measures: lines(
            'measure e-prescribing 100 / 100', 'measure query-of-pdmp yes', 'measure PI_HIE_5 yes',
            'measure patient-electronic-access 80 / 100',
            'measure PI_PHCDRR_1_EX_1 yes', 'measure PI_PHCDRR_3_EX_1 yes') }));
        expect(byId(s).PI_PEA_1).toMatchObject({ maxPoints: 25, points: 20 });
        expect(byId(s).PI_PHCDRR_3).toMatchObject({ status: 'suppressed', points: 25 });
        expect(s.score).toBe(95);
    });

    it('one referral-loop measure excluded: a range over both readings (L), never an error', async () => {
        // (a) → PEA_1 (max 40): 80/100 × 40 = 32, HIE_4 60/100 × 15 = 9 → 10 + 10 + 9 + 32 + 25 = 86;
        // (b) → HIE_4 (max 30): 60/100 × 30 = 18, PEA_1 80/100 × 25 = 20 → 10 + 10 + 18 + 20 + 25 = 83.
        const file = await checkText(submission({ year: 2024, measures: lines(
            'measure e-prescribing 100 / 100', 'measure query-of-pdmp yes',
            'measure PI_LVOTC_1 yes', 'measure referral-loops-receiving 60 / 100',
            'measure patient-electronic-access 80 / 100', PH_YES) }));
        const s = file.analysis!.score;
        expect(file.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        expect(s.score).toBe(86);
        expect(s.scoreRange).toEqual({ min: 83, max: 86 });
        expect(byId(s).PI_HIE_4.pointsRange).toEqual({ min: 9, max: 18 });
        expect(byId(s).PI_PEA_1.pointsRange).toEqual({ min: 20, max: 32 });
        expect(describeScoreOutOf100(s)).toBe('86 / 100 (83–86 depending on how CMS redistributes the PI_HIE_1 exclusion)');
    });

    it('e-Prescribing excluded: PDMP excluded too, 20 points to HIE; the split is a range (L)', async () => {
        // halves: HIE_1 max 25 → 80/100 = 20, HIE_4 max 25 → 40/100 = 10 → 20 + 10 + 20 + 25 = 75;
        // all to HIE_1: 35 → 28, HIE_4 15 → 6 → 79; all to HIE_4: HIE_1 15 → 12, HIE_4 35 → 14 → 71.
        const s = await score(submission({ year: 2024, measures: lines(
            'measure PI_LVPP_1 yes',
            'measure referral-loops-sending 80 / 100', 'measure referral-loops-receiving 40 / 100',
            'measure patient-electronic-access 80 / 100', PH_YES) }));
        expect(s.score).toBe(75);
        expect(s.scoreRange).toEqual({ min: 71, max: 79 });
        expect(byId(s).PI_HIE_1.pointsRange).toEqual({ min: 12, max: 28 });
        expect(s.rangeReasons.length).toBe(1);
    });

    it('e-Prescribing excluded with HIE_5: one measure takes all 20, no range', async () => {
        // HIE_5 yes: 30 + 20 = 50; PEA_1 20; PH 25 → 95.
        const s = await score(submission({ year: 2024, measures: lines(
            'measure PI_LVPP_1 yes', 'measure PI_HIE_5 yes', 'measure patient-electronic-access 80 / 100', PH_YES) }));
        expect(byId(s).PI_HIE_5).toMatchObject({ maxPoints: 50, points: 50 });
        expect(s.score).toBe(95);
        expect(s.scoreRange).toEqual({ min: 95, max: 95 });
    });

    it('both referral-loop measures excluded: both readings end at PEA_1, no range', async () => {
        // PEA_1 max 25 + 30 = 55: 80/100 × 55 = 44; 10 + 10 + 44 + 25 = 89.
        const s = await score(submission({ year: 2024, measures: lines(
            'measure e-prescribing 100 / 100', 'measure query-of-pdmp yes', 'measure PI_LVOTC_1 yes', 'measure PI_LVITC_2 yes',
            'measure patient-electronic-access 80 / 100', PH_YES) }));
        expect(byId(s).PI_PEA_1).toMatchObject({ maxPoints: 55, points: 44 });
        expect(s.scoreRange).toEqual({ min: 89, max: 89 });
    });

    it('an exact half is a range: CMS does not document how a tie rounds', async () => {
        // The clean 2024 file: HIE_4 90/100 × 15 = 13.5 → 14 (up) or 13 (down): 90, range 89–90.
        const s = await score(submission({ year: 2024 }));
        expect(s.score).toBe(90);
        expect(s.scoreRange).toEqual({ min: 89, max: 90 });
        expect(byId(s).PI_HIE_4.pointsRange).toEqual({ min: 13, max: 14 });
        expect(describeScoreOutOf100(s)).toBe('90 / 100 (89–90 depending on how CMS rounds an exact half (PI_HIE_4))');
    });
});

describe('category weight (pi-rules-notes §7.4)', () => {
    it('is 25% by default and says why; a `weight` statement or --weight states another', async () => {
        // The clean 2024 file scores 90: 90 × 25% = 22.5; × 30% = 27; × 85% = 76.5.
        const base = submission({ year: 2024 });
        const plain = await score(base);
        expect(plain.categoryWeight).toBe(0.25);
        expect(plain.finalScoreContribution).toBe(22.5);
        expect(plain.weightReason).toMatch(/^25%, the default \(42 CFR 414\.1375\(a\)\)/);

        const stated = await score(base.replace('practice "Test Practice"', 'practice "Test Practice"\n    weight 30%'));
        expect(stated.categoryWeight).toBe(0.3);
        expect(stated.finalScoreContribution).toBe(27);
        expect(stated.weightReason).toContain('stated in the file (`weight 30%`)');

        const [flag] = await new PisubWorkspace({ weight: { value: 0.85, by: 'stated with --weight 85' } })
            .check([{ path: 'w.pisub', text: base.replace('practice "Test Practice"', 'practice "Test Practice"\n    weight 30%') }]);
        expect(flag.analysis!.score.categoryWeight).toBe(0.85);
        expect(flag.analysis!.score.finalScoreContribution).toBe(76.5);
    });

    it('is 30% under the APP because cost is not evaluated there, and says so', async () => {
        const s = await score(submission({ year: 2024 }).replace('entity group tin 123456789', 'entity group tin 123456789\n    reporting app'));
        expect(s.categoryWeight).toBe(0.3);
        expect(s.weightReason).toContain("cost isn't evaluated under the APP");
    });

    it('rejects a weight that is not a percentage', async () => {
        const file = await checkText(submission({ year: 2024 }).replace('practice "Test Practice"', 'practice "Test Practice"\n    weight 130%'));
        const hit = file.diagnostics.find(d => d.code === 'submission/weight-out-of-range')!;
        expect(hit.severity).toBe('error');
        expect(file.text.slice(hit.offset, hit.end)).toBe('weight 130%');
        expect(file.analysis!.score.categoryWeight).toBe(0.25);
    });
});
