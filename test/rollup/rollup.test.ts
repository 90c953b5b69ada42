/**
 * Group roll-up: where a group lists its clinicians' numbers, the group's totals are their sums
 * (rollup/total-mismatch), clinicians without CEHRT data are reported (rollup/clinician-without-data),
 * and the clinician list itself is checked (clinician/not-group, clinician/duplicate).
 */
import { describe, expect, it } from 'vitest';
import { applyFix, checkText, codes, covered, withCode } from '../helpers/check.js';
import { measures, submission } from '../helpers/submissions.js';

// The helper's clean 2024 group reports: e-prescribing 412 / 530, referral-loops-sending 120 / 180,
// referral-loops-receiving 90 / 100, patient-electronic-access 640 / 700.
const A = '1234567893', B = '1245319599', C = '1679576722'; // NPIs with valid check digits

function group(clinicians: string, year = 2024): string {
    return submission({ year, extra: clinicians });
}

/** Two clinicians whose numbers add up exactly to the group's. */
const MATCHING = `
    clinician ${A} "Dr Ada Lane" {
        measure e-prescribing 200 / 300
        measure referral-loops-sending 70 / 100
        measure referral-loops-receiving 40 / 50
        measure patient-electronic-access 300 / 350
    }
    clinician ${B} "Dr Ben Okafor" {
        measure e-prescribing 212 / 230
        measure referral-loops-sending 50 / 80
        measure referral-loops-receiving 50 / 50
        measure patient-electronic-access 340 / 350
    }`;

describe('group roll-up', () => {
    it('passes when every group total is the sum of its clinicians', async () => {
        const file = await checkText(group(MATCHING));
        const serious = file.diagnostics.filter(d => d.severity !== 'info');
        expect(serious, JSON.stringify(serious, null, 1)).toEqual([]);
        expect(file.analysis?.score.zero).toBe(false);
    });

    it('holds in every year with clinicians', async () => {
        for (const year of [2022, 2023, 2025, 2026]) {
            const file = await checkText(group(MATCHING, year));
            expect(withCode(file, 'rollup/total-mismatch'), String(year)).toEqual([]);
        }
    });

    it('reports a stated total that disagrees as an error with both numbers, on the group line', async () => {
        const text = group(MATCHING.replace('measure e-prescribing 212 / 230', 'measure e-prescribing 215 / 240'));
        const file = await checkText(text);
        const [d, ...rest] = withCode(file, 'rollup/total-mismatch');
        expect(rest).toEqual([]);
        expect(d.severity).toBe('error');
        expect(d.message).toContain('PI_EP_1');
        expect(d.message).toContain('412 / 530'); // what the group says
        expect(d.message).toContain('415 / 540'); // what the clinicians add up to
        expect(covered(file, d)).toBe('412 / 530');
        // The preferred fix puts the clinicians' sum into the group line, and then all is well.
        const fix = d.fixes?.[0];
        expect(fix?.edits.length).toBe(2);
        const fixed = await checkText(applyFix(text, fix!.edits));
        expect(fixed.text).toContain('measure e-prescribing 415 / 540');
        expect(codes(fixed)).not.toContain('rollup/total-mismatch');
    });

    it('reports a numerator-only or denominator-only disagreement', async () => {
        const num = await checkText(group(MATCHING.replace('measure patient-electronic-access 340 / 350', 'measure patient-electronic-access 341 / 350')));
        expect(withCode(num, 'rollup/total-mismatch').map(d => d.message).join()).toMatch(/640 \/ 700.*641 \/ 700/);
        const den = await checkText(group(MATCHING.replace('measure referral-loops-receiving 50 / 50', 'measure referral-loops-receiving 50 / 51')));
        expect(withCode(den, 'rollup/total-mismatch').map(d => d.message).join()).toMatch(/PI_HIE_4.*90 \/ 100.*90 \/ 101/);
    });

    it('reports a measure the clinicians report but the group lacks, and offers to add the total', async () => {
        // The group uses the bi-directional exchange option; one clinician lists referral loops.
        const text = submission({ year: 2024, measures: [
            'measure e-prescribing 412 / 530', 'measure query-of-pdmp yes', 'measure bi-directional-exchange yes',
            'measure patient-electronic-access 640 / 700',
            'public-health immunization-registry yes engagement production', 'public-health electronic-case-reporting yes engagement production'
        ].join('\n    '), extra: `
    clinician ${A} "Dr Ada Lane" {
        measure e-prescribing 200 / 300
        measure query-of-pdmp yes
    }
    clinician ${B} {
        measure e-prescribing 212 / 230
        measure referral-loops-sending 30 / 40
    }` });
        const file = await checkText(text);
        const [d, ...rest] = withCode(file, 'rollup/total-mismatch');
        expect(rest).toEqual([]);
        expect(d.severity).toBe('error');
        expect(d.message).toMatch(/1 clinician\(s\) report PI_HIE_1 \(30 \/ 40\) but the group does not/);
        // Yes/no answers of clinicians do not add up and are not compared.
        expect(d.message).not.toContain('PI_EP_2');
        const fixed = applyFix(text, d.fixes![0].edits);
        expect(fixed).toMatch(/measure \S+ 30 \/ 40\n\}/);
    });

    it('reports clinicians\' counts for a measure the group claims the exclusion of, on the exclusion', async () => {
        const file = await checkText(submission({
            year: 2024,
            measures: measures(2024).replace('measure e-prescribing 412 / 530', 'measure e-prescribing excluded').replace('measure query-of-pdmp yes', ''),
            extra: `
    clinician ${A} {
        measure e-prescribing 200 / 300
    }`
        }));
        const [d, ...rest] = withCode(file, 'rollup/total-mismatch');
        expect(rest).toEqual([]);
        expect(d.severity).toBe('error');
        expect(d.message).toMatch(/^The group claims PI_LVPP_1, the exclusion of PI_EP_1, but 1 clinician\(s\) report PI_EP_1 \(200 \/ 300\)/);
        expect(covered(file, d)).toBe('excluded');
        expect(d.fixes ?? []).toEqual([]); // which side is wrong is the consultant's call
    });

    it('reports clinicians without CEHRT data (information) on their NPI, and adds nothing of theirs', async () => {
        const file = await checkText(group(`${MATCHING}
    clinician ${C} "Dr Cy Park" no-cehrt-data`));
        const [d, ...rest] = withCode(file, 'rollup/clinician-without-data');
        expect(rest).toEqual([]);
        expect(d.severity).toBe('info');
        expect(d.message).toContain('Dr Cy Park');
        expect(covered(file, d)).toBe(C);
        expect(codes(file)).not.toContain('rollup/total-mismatch');
    });

    it('does not add the numbers listed under a clinician marked no-cehrt-data, and says so', async () => {
        const file = await checkText(group(`${MATCHING}
    clinician ${C} "Dr Cy Park" no-cehrt-data {
        measure e-prescribing 10 / 10
    }`));
        expect(codes(file)).not.toContain('rollup/total-mismatch');
        const [d] = withCode(file, 'rollup/clinician-without-data');
        expect(d.message).toMatch(/not added to the group's totals/);
    });

    it('counts a clinician listed twice once, and reports the duplicate', async () => {
        const file = await checkText(group(`${MATCHING}
    clinician ${B} "Dr Ben Okafor" {
        measure e-prescribing 212 / 230
    }`));
        const dup = withCode(file, 'clinician/duplicate');
        expect(dup.length).toBe(1);
        expect(dup[0].severity).toBe('error');
        // On the second listing, not the first.
        expect(covered(file, dup[0])).toBe(B);
        expect(dup[0].offset).toBeGreaterThan(file.text.indexOf(B));
        expect(codes(file)).not.toContain('rollup/total-mismatch');
    });

    it('only bounds the total from below when some clinicians with data do not list the measure', async () => {
        const partial = `
    clinician ${A} {
        measure e-prescribing 200 / 300
    }
    clinician ${B} {
        measure e-prescribing 212 / 230
        measure referral-loops-sending 50 / 80
    }`;
        // Dr A's referrals are unknown: 120 / 180 can be the sum.
        expect(codes(await checkText(group(partial)))).not.toContain('rollup/total-mismatch');
        // But the group cannot have fewer than the clinicians who list it.
        const file = await checkText(group(partial.replace('50 / 80', '150 / 190')));
        const [d] = withCode(file, 'rollup/total-mismatch');
        expect(d.severity).toBe('error');
        expect(d.message).toMatch(/120 \/ 180, less than the 150 \/ 190 of the 1 of 2 clinicians/);
    });

    it('checks the clinicians\' own lines like the group\'s', async () => {
        const file = await checkText(group(MATCHING.replace('measure patient-electronic-access 300 / 350', 'measure patient-electronic-access 360 / 350')));
        const d = withCode(file, 'measure/numerator-exceeds-denominator');
        expect(d.length).toBe(1);
        expect(covered(file, d[0])).toBe('360 / 350');
    });

    it('warns about a clinician list on an individual submission', async () => {
        const file = await checkText(submission({ year: 2024, entity: `entity individual tin 123456789 npi ${A}`, extra: `
    clinician ${B} {
        measure e-prescribing 412 / 530
    }` }));
        const [d] = withCode(file, 'clinician/not-group');
        expect(d.severity).toBe('warning');
        expect(covered(file, d)).toMatch(/^clinician 1245319599/);
    });

    it('checks clinicians\' NPIs', async () => {
        const file = await checkText(group(`
    clinician 12345 "Dr Short" no-cehrt-data`));
        const npi = file.diagnostics.filter(d => d.code.startsWith('entity/npi') || d.code.startsWith('clinician/npi') || d.code.includes('npi'));
        expect(npi.length, JSON.stringify(file.diagnostics.map(d => d.code))).toBeGreaterThan(0);
        expect(covered(file, npi[0])).toBe('12345');
    });
});
