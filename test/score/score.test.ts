/**
 * The score estimate against hand-computed expectations. Each expectation is worked out in the
 * comment next to it from the point tables in shared/reference/pi-rules-notes.md §3 and the
 * Quick Start Guides; the first case reproduces CMS's official scoring example.
 */
import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../src/language/score/score.js';
import { checkText } from '../helpers/check.js';
import { submission } from '../helpers/submissions.js';

async function score(text: string): Promise<ScoreResult> {
    const file = await checkText(text);
    expect(file.analysis, file.diagnostics.map(d => d.message).join('\n')).toBeDefined();
    return file.analysis!.score;
}

function points(s: ScoreResult): Record<string, number> {
    return Object.fromEntries(s.measures.map(m => [m.measureId, m.points]));
}

function maxPoints(s: ScoreResult): Record<string, number> {
    return Object.fromEntries(s.measures.map(m => [m.measureId, m.maxPoints]));
}

describe('score', () => {
    it('reproduces CMS\'s official scoring example (2022 point scale)', async () => {
        // shared/reference/qpp-submissions/scoring-example-output-pi.json:
        // ((49/115)*10) = 4, ((1123/1951)*20) = 12, ((923/951)*20) = 19, ((861/1809)*40) = 19,
        // public health 5 + 5 = 10; total 64; 25% weight → 16.
        const text = submission({
            year: 2022,
            measures: `measure PI_EP_1 49 / 115
    measure PI_HIE_1 1123 / 1951
    measure PI_HIE_4 923 / 951
    measure PI_PEA_1 861 / 1809
    measure PI_PHCDRR_1 yes
    measure PI_PHCDRR_3 yes`
        });
        const s = await score(text);
        expect(points(s)).toMatchObject({ PI_EP_1: 4, PI_HIE_1: 12, PI_HIE_4: 19, PI_PEA_1: 19, PI_PHCDRR_1: 5, PI_PHCDRR_3: 5 });
        expect(s.score).toBe(64);
        expect(s.finalScoreContribution).toBe(16);
        expect(s.zero).toBe(false);
    });

    it('scores the clean 2024 submission', async () => {
        // EP_1 412/530×10 = 7.77 → 8; PDMP yes 10; HIE_1 120/180×15 = 10; HIE_4 90/100×15 = 13.5 → 14
        // (a tie: rounded up, flagged); PEA 640/700×25 = 22.86 → 23; immunization + eCR 12.5 + 12.5.
        // 8 + 10 + 10 + 14 + 23 + 25 = 90; contribution 90 × 25% = 22.5.
        const s = await score(submission({ year: 2024 }));
        expect(points(s)).toEqual({ PI_EP_1: 8, PI_EP_2: 10, PI_HIE_1: 10, PI_HIE_4: 14, PI_PEA_1: 23, PI_PHCDRR_1: 12.5, PI_PHCDRR_3: 12.5 });
        expect(s.score).toBe(90);
        expect(s.bonus).toBe(0);
        expect(s.finalScoreContribution).toBe(22.5);
        expect(s.uncertainties.some(u => u.includes('PI_HIE_4') && u.includes('tie'))).toBe(true);
    });

    it('gives at least 1 point to a numerator of 1 that rounds to 0', async () => {
        // 1/1000 × 10 = 0.01 → rounds to 0 → 1 (mipsMinimumScore: 1 in CMS's scoring example).
        const s = await score(submission({ year: 2024 }).replace('e-prescribing 412 / 530', 'e-prescribing 1 / 1000'));
        expect(points(s).PI_EP_1).toBe(1);
    });

    it('moves Query of PDMP\'s 10 points to e-Prescribing when PDMP is excluded (2023+)', async () => {
        // EP_1 max 10 + 10 = 20: 412/530 × 20 = 15.55 → 16.
        const s = await score(submission({ year: 2024 }).replace('measure query-of-pdmp yes', 'measure query-of-pdmp excluded PI_EP_2_EX_1'));
        expect(maxPoints(s).PI_EP_1).toBe(20);
        expect(points(s).PI_EP_1).toBe(16);
        expect(points(s).PI_EP_2).toBe(0);
        expect(s.redistribution.map(r => r.from)).toEqual(['PI_EP_2']);
    });

    it('splits e-Prescribing\'s and the automatic PDMP exclusion\'s points over the HIE measures, flagged uncertain', async () => {
        // EP_1 10 + PDMP 10 → HIE_1 and HIE_4 get 10 each: max 25. 120/180 × 25 = 16.67 → 17; 90/100 × 25 = 22.5 → 23.
        const text = submission({ year: 2024 }).replace('measure e-prescribing 412 / 530', 'measure e-prescribing excluded').replace('measure query-of-pdmp yes', '');
        const s = await score(text);
        expect(maxPoints(s)).toMatchObject({ PI_HIE_1: 25, PI_HIE_4: 25, PI_EP_1: 0, PI_EP_2: 0 });
        expect(points(s)).toMatchObject({ PI_HIE_1: 17, PI_HIE_4: 23 });
        // 17 + 23 + 23 + 25 = 88
        expect(s.score).toBe(88);
        expect(s.uncertainties.some(u => u.includes('confidence L'))).toBe(true);
    });

    it('gives the public-health objective to the other measure when one is excluded, and to PEA when both are', async () => {
        const oneExcluded = await score(submission({ year: 2024 }).replace(/public-health immunization-registry yes[^\n]*/, 'public-health immunization-registry excluded PI_PHCDRR_1_EX_1'));
        expect(maxPoints(oneExcluded).PI_PHCDRR_3).toBe(25);
        expect(points(oneExcluded).PI_PHCDRR_3).toBe(25);

        // Both excluded: PEA max 25 + 25 = 50: 640/700 × 50 = 45.71 → 46.
        const both = await score(submission({ year: 2024 })
            .replace(/public-health immunization-registry yes[^\n]*/, 'public-health immunization-registry excluded PI_PHCDRR_1_EX_1')
            .replace(/public-health electronic-case-reporting yes[^\n]*/, 'public-health electronic-case-reporting excluded PI_PHCDRR_3_EX_1'));
        expect(maxPoints(both).PI_PEA_1).toBe(50);
        expect(points(both).PI_PEA_1).toBe(46);
    });

    it('moves an excluded referral-loop measure\'s points to Provide Patient Access (uncertain)', async () => {
        // HIE_1 excluded: PEA max 25 + 15 = 40: 640/700 × 40 = 36.57 → 37.
        const s = await score(submission({ year: 2024 }).replace('measure referral-loops-sending 120 / 180', 'measure referral-loops-sending excluded'));
        expect(points(s).PI_PEA_1).toBe(37);
        expect(s.redistribution[0]).toMatchObject({ from: 'PI_HIE_1', to: ['PI_PEA_1'], confidence: 'L' });
    });

    it('gives full credit for suppressed eCR in 2025 whatever the answer, without redistribution', async () => {
        for (const answer of ['no', 'excluded PI_PHCDRR_3_EX_1', 'yes engagement production']) {
            const s = await score(submission({ year: 2025 }).replace(/public-health electronic-case-reporting yes[^\n]*/, `public-health electronic-case-reporting ${answer}`));
            expect(points(s).PI_PHCDRR_3, answer).toBe(12.5);
            expect(points(s).PI_PHCDRR_1, answer).toBe(12.5);
            expect(s.redistribution, answer).toEqual([]);
        }
    });

    it('scores the category 0 for "no" on eCR outside 2025 (a required yes/no measure, pi-rules-notes §7.1)', async () => {
        const s = await score(submission({ year: 2024 }).replace(/public-health electronic-case-reporting yes[^\n]*/, 'public-health electronic-case-reporting no'));
        expect(points(s).PI_PHCDRR_3).toBe(0);
        // Without the gate: 90 − 12.5 = 77.5; with it, 0 and the reason.
        expect(s.rawScore).toBe(77.5);
        expect(s.score).toBe(0);
        expect(s.zero).toBe(true);
        expect(s.zeroReasons.map(r => r.code)).toEqual(['measure/answer-no']);
        expect(s.scoreRange).toEqual({ min: 0, max: 0 });
    });

    it('adds the 5-point public-health bonus once, and caps the total at 100', async () => {
        const base = submission({ year: 2024 });
        const one = await score(base.replace('public-health electronic-case-reporting', 'public-health syndromic-surveillance yes engagement production\n    public-health electronic-case-reporting'));
        expect(one.bonus).toBe(5);
        expect(one.score).toBe(95);
        const two = await score(base.replace('public-health electronic-case-reporting',
            'public-health syndromic-surveillance yes engagement production\n    public-health clinical-data-registry yes engagement production\n    public-health electronic-case-reporting'));
        expect(two.bonus).toBe(5);

        // Perfect rates to reach the cap: every ratio 1/1 → EP 10 + HIE 20 + 20 + PEA 40 + PH 10 = 100, + PDMP 10 + bonus 5 → 115 → 100.
        const perfect = submission({
            year: 2022, measures: `measure e-prescribing 5 / 5
    measure query-of-pdmp yes
    measure referral-loops-sending 5 / 5
    measure referral-loops-receiving 5 / 5
    measure patient-electronic-access 5 / 5
    public-health immunization-registry yes
    public-health electronic-case-reporting yes
    public-health syndromic-surveillance yes`
        });
        const capped = await score(perfect);
        expect(capped.rawScore).toBe(115);
        expect(capped.capped).toBe(true);
        expect(capped.score).toBe(100);
    });

    it('needs the engagement level for the bonus from 2023, but not for PI_PHCDRR_6 (no level ids in 2026)', async () => {
        const noLevel = await score(submission({ year: 2024 }).replace('public-health electronic-case-reporting', 'public-health syndromic-surveillance yes\n    public-health electronic-case-reporting'));
        expect(noLevel.bonus).toBe(0);
        const tefca = await score(submission({ year: 2026 }).replace('public-health electronic-case-reporting', 'public-health public-health-tefca yes\n    public-health electronic-case-reporting'));
        expect(tefca.bonus).toBe(5);
    });

    it('is 0 with every reason when a gate fails, and keeps the measures\' raw points for the breakdown', async () => {
        const s = await score(submission({ year: 2024 }).replace(/attest safer-guide yes[^\n]*/, 'attest safer-guide no').replace(/\n\s*cehrt \S+/, ''));
        expect(s.zero).toBe(true);
        expect(s.score).toBe(0);
        expect(s.finalScoreContribution).toBe(0);
        expect(s.zeroReasons.map(r => r.code).sort()).toEqual(['attestation/safer-not-yes', 'cehrt/missing']);
        expect(s.rawScore).toBe(90);
    });

    it('weighs PI 30% for APM entities and the APP, 25% otherwise', async () => {
        const apm = await score(submission({ year: 2024, entity: 'entity apm-entity id A1234' }));
        expect(apm.categoryWeight).toBe(0.3);
        expect(apm.finalScoreContribution).toBe(27);
        const app = await score(submission({ year: 2024 }).replace('entity group', 'reporting app\n    entity group'));
        expect(app.finalScoreContribution).toBe(27);
    });

    it('does not score a reweighted submission without PI data', async () => {
        const text = `submission reweighted-2024 {
    year 2024
    practice "Small Practice"
    entity group tin 123456789
    special-status small-practice
}
`;
        const s = await score(text);
        expect(s.reweighted).toBe(true);
        expect(s.zero).toBe(false);
        expect(s.finalScoreContribution).toBe(0);
    });

    it('scores HIE bi-directional exchange and TEFCA as one 30-point option (2023+), 40 in 2022', async () => {
        const hie = (year: number, line: string) => submission({ year }).replace(/measure referral-loops-sending[^\n]*\n\s*measure referral-loops-receiving[^\n]*/, line);
        expect(points(await score(hie(2024, 'measure tefca yes'))).PI_HIE_6).toBe(30);
        expect(points(await score(hie(2024, 'measure hie-bi-directional-exchange yes'))).PI_HIE_5).toBe(30);
        expect(points(await score(hie(2022, 'measure hie-bi-directional-exchange yes'))).PI_HIE_5).toBe(40);
        // A "no" earns 0 of the 30.
        expect(points(await score(hie(2024, 'measure tefca no'))).PI_HIE_6).toBe(0);
    });
});
