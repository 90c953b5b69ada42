/**
 * One failing case per rule (and where year-specific, years where the same change passes): the
 * corpus of test/rules/rules.test.ts and test/rules/quick-fixes.test.ts. Each case starts from the
 * clean submission of a year (test/helpers/submissions.ts) and changes one thing.
 */
import type { Severity } from '../../src/language/rules/catalogue.js';
import { workspace } from '../helpers/check.js';
import { submission } from '../helpers/submissions.js';

export const ALL = [2022, 2023, 2024, 2025, 2026, 2027];
export const FROM_2023 = [2023, 2024, 2025, 2026, 2027];
export const FROM_2024 = [2024, 2025, 2026, 2027];

export function replace(text: string, from: string | RegExp, to: string): string {
    const out = text.replace(from, to);
    if (out === text) throw new Error(`test edit did not apply: ${from}`);
    return out;
}

export interface Case {
    code: string;
    name: string;
    years: readonly number[];
    /** The submission text for a year. */
    text: (year: number) => string;
    severity?: Severity;
    /** Text the diagnostic's range must cover (exactly). */
    covers?: string | ((year: number) => string);
    /** Years where the same change does not raise this code. */
    passes?: readonly number[];
    /** Other files checked together (for prior-year). */
    others?: (year: number) => string[];
}

export const clean = (year: number) => submission({ year });
export const edit = (from: string | RegExp, to: string) => (year: number) => replace(clean(year), from, to);

export const CASES: Case[] = [
    // --- submission ---
    { code: 'submission/syntax', name: 'a statement cut short', years: [2024], text: edit('measure patient-electronic-access 640 / 700', 'measure patient-electronic-access 640 /') },
    { code: 'submission/duplicate-statement', name: 'two periods', years: ALL, covers: y => `period ${y}-02-01 to ${y}-12-31`,
        text: y => replace(clean(y), `period ${y}-01-01 to ${y}-12-31`, `period ${y}-01-01 to ${y}-12-31\n    period ${y}-02-01 to ${y}-12-31`) },
    { code: 'submission/duplicate-name', name: 'another file declares the same name', years: [2024], covers: 'test-2024',
        text: clean, others: () => [submission({ year: 2024 }).replace('"Test Practice"', '"Another Practice"')] },
    { code: 'submission/placeholder', name: 'a template placeholder left in', years: ALL, covers: '<TIN, 9 digits>',
        text: edit('entity group tin 123456789', 'entity group tin <TIN, 9 digits>') },
    { code: 'submission/conflicting-data', name: 'another file for the same group, year and option with other counts', years: ALL, covers: '412 / 530',
        text: clean, others: y => [clean(y).replace(`test-${y}`, `copy-${y}`).replace('412 / 530', '400 / 530')] },
    { code: 'submission/weight-out-of-range', name: 'a weight over 100%', years: [2024], covers: 'weight 130%', text: edit('practice "Test Practice"', 'practice "Test Practice"\n    weight 130%') },
    { code: 'submission/practice-missing', name: 'no practice name', years: [2024], severity: 'info', text: edit('practice "Test Practice"', '') },
    { code: 'score/zero', name: 'a gate fails', years: ALL, text: edit(/attest security-risk-analysis yes/, 'attest security-risk-analysis no'), covers: y => `test-${y}` },

    // --- year ---
    { code: 'year/missing', name: 'no year', years: [2024], text: y => replace(clean(y), /^\s*year \d+$/m, '') },
    { code: 'year/unsupported', name: 'year 2019', years: [2024], covers: '2019', text: y => replace(clean(y), `year ${y}`, 'year 2019') },
    { code: 'year/provisional', name: '2027', years: [2027], severity: 'info', covers: '2027', passes: [2022, 2023, 2024, 2025, 2026], text: clean },

    // --- entity ---
    { code: 'entity/missing', name: 'no entity', years: [2024], text: edit('entity group tin 123456789', '') },
    { code: 'entity/tin-missing', name: 'group without TIN', years: [2024], covers: 'group', text: edit('entity group tin 123456789', 'entity group') },
    { code: 'entity/tin-format', name: 'TIN with a dash', years: [2024], covers: '"12-3456789"', text: edit('tin 123456789', 'tin "12-3456789"') },
    { code: 'entity/npi-missing', name: 'individual without NPI', years: [2024], text: edit('entity group tin 123456789', 'entity individual tin 123456789') },
    { code: 'entity/npi-format', name: '9-digit NPI', years: [2024], covers: '123456789', text: edit('entity group tin 123456789', 'entity individual tin 123456789 npi 123456789') },
    { code: 'entity/npi-check-digit', name: 'NPI typo', years: ALL, severity: 'warning', covers: '1234567890', text: edit('entity group tin 123456789', 'entity individual tin 123456789 npi 1234567890') },
    { code: 'entity/npi-not-allowed', name: 'group with NPI', years: [2024], covers: '1234567893', text: edit('entity group tin 123456789', 'entity group tin 123456789 npi 1234567893') },
    { code: 'entity/id-missing', name: 'APM entity without id', years: [2024], text: edit('entity group tin 123456789', 'entity apm-entity') },
    { code: 'entity/id-not-allowed', name: 'group with an entity id', years: [2024], severity: 'warning', text: edit('entity group tin 123456789', 'entity group tin 123456789 id G-1') },
    { code: 'entity/identifier-repeated', name: 'two TINs', years: [2024], text: edit('entity group tin 123456789', 'entity group tin 123456789 tin 987654321') },
    { code: 'entity/subgroup-needs-mvp', name: 'subgroup in traditional MIPS', years: [2024], text: edit('entity group tin 123456789', 'entity subgroup tin 123456789 id SG-12') },
    { code: 'entity/apm-entity-level-not-in-year', name: 'APM entity–level PI before 2023', years: [2022], passes: FROM_2023, covers: 'apm-entity',
        text: edit('entity group tin 123456789', 'entity apm-entity id A1234') },

    // --- reporting ---
    { code: 'reporting/mvp-id-missing', name: 'mvp without id', years: FROM_2023, text: y => clean(y).replace('entity group', 'reporting mvp\n    entity group') },
    { code: 'reporting/mvp-id-unknown', name: 'an MVP id not in the data', years: FROM_2023, covers: 'G9999', text: y => clean(y).replace('entity group', 'reporting mvp G9999\n    entity group') },
    { code: 'reporting/mvp-id-unexpected', name: 'traditional with an MVP id', years: [2024], severity: 'warning', text: y => clean(y).replace('entity group', 'reporting traditional G0053\n    entity group') },
    { code: 'reporting/virtual-group-traditional-only', name: 'a virtual group reporting an MVP', years: FROM_2023, covers: 'mvp',
        text: edit('entity group tin 123456789', 'entity virtual-group id VG-1\n    reporting mvp G0053') },
    { code: 'reporting/virtual-group-traditional-only', name: 'a virtual group reporting the APP', years: ALL, covers: 'app',
        text: edit('entity group tin 123456789', 'entity virtual-group id VG-1\n    reporting app') },
    { code: 'reporting/ssp-unconfirmed', name: 'the Shared Savings Program as a program', years: [2026, 2027], passes: [2024, 2025], severity: 'info', covers: 'ssp',
        text: edit('entity group tin 123456789', 'entity group tin 123456789\n    reporting ssp') },
    { code: 'reporting/option-not-in-year', name: 'ssp before 2026', years: [2022, 2023, 2024, 2025], passes: [2026, 2027], covers: 'ssp',
        text: edit('entity group tin 123456789', 'entity group tin 123456789\n    reporting ssp') },
    { code: 'reporting/option-not-in-year', name: 'MVP in 2022, APP Plus before 2025', years: [2022, 2023, 2024],
        text: y => clean(y).replace('entity group', y === 2022 ? 'reporting mvp G0053\n    entity group' : 'reporting app-plus\n    entity group'),
        passes: [2025, 2026] },

    // --- period ---
    { code: 'period/missing', name: 'no period', years: ALL, text: y => replace(clean(y), `period ${y}-01-01 to ${y}-12-31`, '') },
    { code: 'period/invalid-date', name: 'February 30', years: [2024], covers: '2024-02-30', text: edit('period 2024-01-01', 'period 2024-02-30') },
    { code: 'period/invalid-date', name: 'February 29 in a year that has none', years: [2023], covers: '2023-02-29', text: edit('period 2023-01-01', 'period 2023-02-29') },
    { code: 'period/end-before-start', name: 'dates swapped', years: ALL, covers: y => `period ${y}-12-31 to ${y}-01-01`, text: y => replace(clean(y), `period ${y}-01-01 to ${y}-12-31`, `period ${y}-12-31 to ${y}-01-01`) },
    { code: 'period/outside-year', name: 'ends in the next year', years: ALL, covers: y => `${y + 1}-01-15`, text: y => replace(clean(y), `to ${y}-12-31`, `to ${y + 1}-01-15`) },
    { code: 'period/too-short', name: '92 days in provisional 2027 (180 days not yet confirmed)', years: [2027], severity: 'warning',
        text: y => replace(clean(y), `period ${y}-01-01`, `period ${y}-10-01`) },
    { code: 'period/too-short', name: '92 days', years: [2024, 2025, 2026], passes: [2022, 2023], covers: y => `period ${y}-10-01 to ${y}-12-31`,
        text: y => replace(clean(y), `period ${y}-01-01`, `period ${y}-10-01`) },
    { code: 'period/too-short', name: '89 days (below 90)', years: [2022, 2023], text: y => replace(clean(y), `period ${y}-01-01`, `period ${y}-10-04`) },

    // --- CEHRT ---
    { code: 'cehrt/missing', name: 'no CEHRT id', years: ALL, text: edit(/\n\s*cehrt \S+/, '') },
    { code: 'cehrt/format', name: '14 characters', years: [2024], covers: '0015C8AB2CD3EF', text: edit('cehrt 0015C8AB2CD3EF4', 'cehrt 0015C8AB2CD3EF') },
    { code: 'cehrt/format', name: 'letter O', years: [2024], text: edit('cehrt 0015C8AB2CD3EF4', 'cehrt 0015C8AB2CD3EFO') },
    { code: 'cehrt/format', name: 'lower case', years: [2024], covers: '0015c8abcdefghj', text: edit('cehrt 0015C8AB2CD3EF4', 'cehrt 0015c8abcdefghj') },
    { code: 'cehrt/edition-not-accepted', name: '2015 Edition id', years: FROM_2024, passes: [2022, 2023], covers: '0015E8AB2CD3EF4', text: y => replace(clean(y), /cehrt \S+/, 'cehrt 0015E8AB2CD3EF4') },
    { code: 'cehrt/edition-not-accepted', name: 'yearly 2025C form before 2025', years: [2023, 2024], passes: [2025, 2026], text: y => replace(clean(y), /cehrt \S+/, 'cehrt 2025C8AB2CD3EF4') },
    { code: 'cehrt/form-unconfirmed', name: 'a 2015 Edition (non-Cures) id in 2023', years: [2023], passes: [2022, 2024], severity: 'warning', covers: '0015E8AB2CD3EF4',
        text: y => replace(clean(y), /cehrt \S+/, 'cehrt 0015E8AB2CD3EF4') },
    { code: 'cehrt/form-unconfirmed', name: 'last year\'s id form from 2026 (a new id each year)', years: [2026, 2027], passes: [2024, 2025], severity: 'warning', covers: '0015C9AB2CD3EF4',
        text: y => replace(clean(y), /cehrt \S+/, 'cehrt 0015C9AB2CD3EF4') },
    { code: 'cehrt/letters-in-a-row', name: 'four letters in a row', years: ALL, covers: 'ABCD',
        text: y => replace(clean(y), /cehrt (\S{5})\S+/, 'cehrt $18ABCD2EF34') },

    // --- attestations ---
    { code: 'attestation/missing', name: 'no SAFER answer', years: ALL, text: edit(/attest safer-guide [^\n]*/, '') },
    { code: 'attestation/missing', name: 'no ONC Direct Review answer (required every year)', years: ALL, text: edit('attest onc-direct-review yes', '') },
    { code: 'attestation/sra-not-yes', name: 'SRA no', years: ALL, covers: 'no', text: edit(/attest security-risk-analysis yes/, 'attest security-risk-analysis no') },
    { code: 'attestation/completed-outside-year', name: 'SRA done the year before', years: ALL, covers: y => `${y - 1}-11-30`,
        text: y => replace(clean(y), `completed ${y}-03-14`, `completed ${y - 1}-11-30`) },
    { code: 'attestation/safer-not-yes', name: 'SAFER no', years: FROM_2024, passes: [2022, 2023], covers: 'no', text: edit(/attest safer-guide yes/, 'attest safer-guide no') },
    { code: 'attestation/safer-guide-version', name: 'the 2016 SAFER guide in 2026', years: [2026, 2027], covers: '2016', text: edit('version 2025', 'version 2016') },
    { code: 'attestation/invalid-date', name: 'SRA completed on February 30', years: [2024], covers: '2024-02-30', text: edit('completed 2024-03-14', 'completed 2024-02-30') },
    { code: 'attestation/infoblock-not-yes', name: 'actions-to-limit no', years: ALL, text: edit('attest actions-to-limit-interoperability yes', 'attest actions-to-limit-interoperability no') },
    { code: 'attestation/onc-direct-review-not-yes', name: 'ONC Direct Review no', years: [2022, 2023], passes: FROM_2024, text: edit('attest onc-direct-review yes', 'attest onc-direct-review no') },
    { code: 'attestation/detail-not-applicable', name: 'completed on e-Prescribing', years: [2024], severity: 'warning', text: edit('measure e-prescribing 412 / 530', 'measure e-prescribing 412 / 530 completed 2024-05-01') },

    // --- measures ---
    { code: 'measure/unknown', name: 'a typo in a friendly name', years: [2024], covers: 'e-prescrbing', text: edit('measure e-prescribing 412', 'measure e-prescrbing 412') },
    { code: 'measure/not-in-year', name: 'HIE_6 (TEFCA) before 2023', years: [2022], passes: FROM_2023, covers: 'tefca',
        text: y => replace(replace(clean(y), 'measure referral-loops-sending 120 / 180', 'measure tefca yes'), 'measure referral-loops-receiving 90 / 100', '') },
    { code: 'measure/not-in-year', name: 'PI_PHCDRR_6 before 2026', years: [2022, 2023, 2024, 2025], passes: [2026, 2027], covers: 'PI_PHCDRR_6',
        text: y => clean(y).replace('public-health electronic-case-reporting', 'measure PI_PHCDRR_6 yes\n    public-health electronic-case-reporting') },
    { code: 'measure/not-in-year', name: 'PI_EP_2_EX_3 after 2023', years: FROM_2024, passes: [2023], covers: 'PI_EP_2_EX_3', text: edit('measure query-of-pdmp yes', 'measure query-of-pdmp excluded PI_EP_2_EX_3') },
    { code: 'measure/id-case', name: 'lower-case id', years: [2024], severity: 'warning', covers: 'pi_ep_1', text: edit('measure e-prescribing 412', 'measure pi_ep_1 412') },
    { code: 'measure/duplicate', name: 'e-Prescribing twice', years: ALL, covers: 'PI_EP_1', text: edit('measure e-prescribing 412 / 530', 'measure e-prescribing 412 / 530\n    measure PI_EP_1 412 / 530') },
    { code: 'measure/value-type', name: 'yes on a proportion measure', years: [2024], text: edit('measure patient-electronic-access 640 / 700', 'measure patient-electronic-access yes') },
    { code: 'measure/not-whole-number', name: 'a decimal numerator', years: [2024], covers: '12.5', text: edit('measure e-prescribing 412 / 530', 'measure e-prescribing 12.5 / 530') },
    { code: 'measure/not-whole-number', name: 'a negative count', years: [2024], covers: '-3', text: edit('measure e-prescribing 412 / 530', 'measure e-prescribing -3 / 530') },
    { code: 'measure/not-whole-number', name: 'a count beyond any real number', years: [2024], text: edit('measure e-prescribing 412 / 530', 'measure e-prescribing 1 / 99999999999999999999') },
    { code: 'measure/numerator-exceeds-denominator', name: 'swapped counts', years: ALL, covers: '700 / 640', text: edit('640 / 700', '700 / 640') },
    { code: 'measure/numerator-exceeds-denominator', name: 'denominator 0 with a numerator', years: [2024], text: edit('640 / 700', '5 / 0') },
    { code: 'measure/numerator-zero', name: 'numerator 0 on PEA', years: ALL, covers: '0', text: edit('640 / 700', '0 / 700') },
    { code: 'measure/required-missing', name: 'no Provide Patient Access', years: ALL, text: edit('measure patient-electronic-access 640 / 700', '') },
    { code: 'measure/required-missing', name: 'no Query of PDMP from 2023', years: FROM_2023, text: edit('measure query-of-pdmp yes', '') },
    { code: 'measure/required-missing', name: 'no HIE option', years: ALL, text: edit(/measure referral-loops-sending[^\n]*\n\s*measure referral-loops-receiving[^\n]*/, '') },
    { code: 'measure/required-missing', name: 'HIE option 1 incomplete', years: ALL, text: edit(/measure referral-loops-receiving[^\n]*/, '') },
    { code: 'measure/answer-no', name: 'Query of PDMP no', years: FROM_2023, covers: 'no', text: edit('measure query-of-pdmp yes', 'measure query-of-pdmp no') },
    { code: 'measure/answer-no', name: 'immunization no', years: ALL, covers: 'no', text: y => replace(clean(y), /public-health immunization-registry yes[^\n]*/, 'public-health immunization-registry no') },
    { code: 'measure/answer-no', name: 'eCR no (suppressed in 2025: full credit, no gate)', years: [2022, 2023, 2024, 2026, 2027], passes: [2025], covers: 'no',
        text: y => replace(clean(y), /public-health electronic-case-reporting yes[^\n]*/, 'public-health electronic-case-reporting no') },
    { code: 'measure/answer-no', name: 'HIE bi-directional exchange no (the HIE option reported)', years: ALL, covers: 'no',
        text: edit(/measure referral-loops-sending[^\n]*\n\s*measure referral-loops-receiving[^\n]*/, 'measure PI_HIE_5 no') },

    // --- exclusions ---
    { code: 'exclusion/not-for-measure', name: 'an immunization exclusion on eCR', years: ALL, covers: 'PI_PHCDRR_1_EX_1',
        text: y => replace(clean(y), /public-health electronic-case-reporting yes[^\n]*/, 'public-health electronic-case-reporting excluded PI_PHCDRR_1_EX_1') },
    { code: 'exclusion/not-available', name: 'excluding Provide Patient Access', years: ALL, text: edit('measure patient-electronic-access 640 / 700', 'measure patient-electronic-access excluded') },
    { code: 'exclusion/ambiguous', name: 'immunization excluded without naming which', years: ALL,
        text: y => replace(clean(y), /public-health immunization-registry yes[^\n]*/, 'public-health immunization-registry excluded') },
    { code: 'exclusion/with-measure', name: 'e-Prescribing and its exclusion', years: ALL, covers: 'PI_LVPP_1', text: edit('measure e-prescribing 412 / 530', 'measure e-prescribing 412 / 530\n    measure PI_LVPP_1 yes') },
    { code: 'exclusion/contradicts-counts', name: 'PDMP "fewer than 100 permissible prescriptions" with 530 in e-Prescribing', years: [2023], passes: FROM_2024, severity: 'warning',
        text: edit('measure query-of-pdmp yes', 'measure query-of-pdmp excluded PI_EP_2_EX_2') },
    { code: 'exclusion/pdmp-after-ep-exclusion', name: 'PDMP reported with e-Prescribing excluded', years: FROM_2023, covers: 'yes',
        text: edit('measure e-prescribing 412 / 530', 'measure e-prescribing excluded') },

    // --- HIE ---
    { code: 'hie/conflicting-options', name: 'HIE_5 with HIE_1/HIE_4', years: ALL, covers: 'PI_HIE_5', text: edit('measure patient-electronic-access', 'measure PI_HIE_5 yes\n    measure patient-electronic-access') },
    { code: 'hie/conflicting-options', name: 'TEFCA with HIE_1/HIE_4', years: FROM_2023, covers: 'tefca', text: edit('measure patient-electronic-access', 'measure tefca yes\n    measure patient-electronic-access') },

    // --- public health ---
    { code: 'public-health/engagement-missing', name: 'immunization yes without level', years: FROM_2023,
        text: edit('public-health immunization-registry yes engagement production', 'public-health immunization-registry yes') },
    { code: 'public-health/engagement-missing', name: 'suppressed eCR yes without level (2025): uncertain, so a warning', years: [2025], severity: 'warning',
        text: edit('public-health electronic-case-reporting yes engagement production', 'public-health electronic-case-reporting yes') },
    { code: 'public-health/bonus-engagement-missing', name: 'syndromic surveillance without level', years: FROM_2023, severity: 'warning',
        text: y => clean(y).replace('public-health electronic-case-reporting', 'public-health syndromic-surveillance yes\n    public-health electronic-case-reporting') },
    { code: 'public-health/engagement-conflict', name: 'both levels', years: FROM_2023, covers: 'PI_PHCDRR_1_PRE',
        text: y => clean(y).replace('public-health electronic-case-reporting', 'measure PI_PHCDRR_1_PRE yes\n    public-health electronic-case-reporting') },
    { code: 'public-health/engagement-not-in-year', name: 'a level in 2022', years: [2022], severity: 'warning', covers: 'production',
        text: edit('public-health immunization-registry yes', 'public-health immunization-registry yes engagement production') },
    { code: 'public-health/engagement-without-yes', name: 'a level on a "no"', years: FROM_2023, covers: 'production',
        text: edit('public-health immunization-registry yes engagement production', 'public-health immunization-registry no engagement production') },
    { code: 'public-health/suppressed', name: 'eCR in 2025', years: [2025], passes: [2024, 2026], severity: 'info', text: clean },
    { code: 'public-health/one-bonus', name: 'two bonus registries', years: FROM_2023, severity: 'info',
        text: y => clean(y).replace('public-health electronic-case-reporting', 'public-health syndromic-surveillance yes engagement production\n    public-health clinical-data-registry yes engagement production\n    public-health electronic-case-reporting') },

    // --- status, clinicians, roll-up ---
    { code: 'status/data-cancels-reweighting', name: 'hardship exception with data', years: ALL, severity: 'warning', covers: 'hardship-exception',
        text: edit('practice "Test Practice"', 'practice "Test Practice"\n    special-status hardship-exception') },
    { code: 'status/reweighted', name: 'a small practice that submits no PI data', years: ALL, severity: 'info', covers: 'small-practice',
        text: y => `submission small-${y} {\n    year ${y}\n    practice "Small Practice"\n    entity group tin 123456789\n    special-status small-practice\n}\n` },
    { code: 'clinician/not-group', name: 'clinicians on an individual submission', years: [2024], severity: 'warning',
        text: y => replace(clean(y), 'entity group tin 123456789', 'entity individual tin 123456789 npi 1234567893').replace(/\n}\n$/, '\n    clinician 1548392012 "Dr. A"\n}\n') },
    { code: 'clinician/duplicate', name: 'a clinician listed twice', years: [2024],
        text: y => clean(y).replace(/\n}\n$/, '\n    clinician 1548392012 "Dr. A"\n    clinician 1548392012 "Dr. A again"\n}\n') },
    { code: 'rollup/total-mismatch', name: 'the group total is not the sum', years: ALL, covers: '412 / 530',
        text: y => clean(y).replace(/\n}\n$/, '\n    clinician 1548392012 "Dr. A" { measure e-prescribing 200 / 250 }\n    clinician 1762049389 "Dr. B" { measure e-prescribing 210 / 280 }\n}\n') },
    { code: 'rollup/clinician-without-data', name: 'a clinician without CEHRT data', years: [2024], severity: 'info',
        text: y => clean(y).replace(/\n}\n$/, '\n    clinician 1548392012 "Dr. A" no-cehrt-data\n}\n') },

    // --- prior year ---
    { code: 'prior-year/unresolved', name: 'no such submission', years: [2024], covers: 'nowhere-2023', text: edit('practice "Test Practice"', 'practice "Test Practice"\n    prior-year nowhere-2023') },
    { code: 'prior-year/not-previous-year', name: 'points at the same year', years: [2024], severity: 'warning',
        text: edit('practice "Test Practice"', 'practice "Test Practice"\n    prior-year other-2024'),
        others: () => [submission({ year: 2024 }).replace('submission test-2024', 'submission other-2024')] },
    { code: 'prior-year/different-entity', name: 'another TIN', years: [2024], severity: 'warning',
        text: edit('practice "Test Practice"', 'practice "Test Practice"\n    prior-year test-2023'),
        others: () => [submission({ year: 2023, entity: 'entity group tin 987654321' })] },
    { code: 'public-health/pre-production-again', name: 'pre-production two years running', years: [2024, 2025], passes: [],
        text: y => replace(clean(y), 'public-health immunization-registry yes engagement production', 'public-health immunization-registry yes engagement pre-production')
            .replace('practice "Test Practice"', `practice "Test Practice"\n    prior-year test-${y - 1}`),
        others: y => [submission({ year: y - 1 }).replace('immunization-registry yes engagement production', 'immunization-registry yes engagement pre-production')] },
    { code: 'prior-year/exclusion-despite-volume', name: 'e-Prescribing exclusion after a year with 530 prescriptions', years: [2023, 2024, 2025, 2026, 2027], severity: 'warning', covers: 'excluded',
        text: y => replace(clean(y), 'measure e-prescribing 412 / 530', 'measure e-prescribing excluded').replace('measure query-of-pdmp yes', '')
            .replace('practice "Test Practice"', `practice "Test Practice"\n    prior-year test-${y - 1}`),
        others: y => [submission({ year: y - 1 })] },

    // --- evidence (files relative to the repository root, where the tests run; more in test/audit/evidence-checks.test.ts) ---
    { code: 'evidence/file-missing', name: 'a path that names no file', years: [2024], severity: 'warning', covers: '"nowhere/sra.pdf"',
        text: edit('practice "Test Practice"', 'practice "Test Practice"\n    evidence sra "nowhere/sra.pdf"') },
    { code: 'evidence/file-unreadable', name: 'a folder named as evidence', years: [2024], severity: 'warning', covers: '"examples/audit"',
        text: edit('practice "Test Practice"', 'practice "Test Practice"\n    evidence sra "examples/audit"') },
    { code: 'evidence/missing', name: 'evidence for the SRA only', years: [2024], severity: 'info', covers: 'safer-guide',
        text: edit('practice "Test Practice"', 'practice "Test Practice"\n    evidence sra "nowhere/sra.pdf"') },
    { code: 'evidence/target-unknown', name: 'evidence for a measure not reported', years: [2024], severity: 'warning', covers: 'tefca',
        text: edit('practice "Test Practice"', 'practice "Test Practice"\n    evidence tefca "nowhere/t.pdf"') },
    { code: 'evidence/date-outside-year', name: 'an SRA document from the year before', years: ALL, severity: 'error', covers: y => `${y - 1}-12-31`,
        text: y => replace(clean(y), 'practice "Test Practice"', `practice "Test Practice"\n    evidence sra "nowhere/sra.pdf" dated ${y - 1}-12-31`) },
    { code: 'evidence/hash-mismatch', name: 'a recorded SHA-256 that is not the file\'s', years: [2024], severity: 'warning', covers: `"${'0'.repeat(64)}"`,
        text: edit('practice "Test Practice"', `practice "Test Practice"\n    evidence sra "examples/audit/riverside-2024/evidence/sra-2024.txt" sha256 "${'0'.repeat(64)}"`) },
    { code: 'evidence/hash-not-recorded', name: 'a readable file without SHA-256', years: [2024], severity: 'info', covers: '"examples/audit/riverside-2024/evidence/sra-2024.txt"',
        text: edit('practice "Test Practice"', 'practice "Test Practice"\n    evidence sra "examples/audit/riverside-2024/evidence/sra-2024.txt"') },
    { code: 'evidence/period-mismatch', name: 'a report for half the year', years: [2024], severity: 'warning', covers: 'covers 2024-01-01 to 2024-06-30',
        text: edit('practice "Test Practice"', 'practice "Test Practice"\n    evidence e-prescribing "nowhere/r.pdf" covers 2024-01-01 to 2024-06-30') }
];

export async function run(text: string, others: string[] = []) {
    const files = [{ path: 'main.pisub', text }, ...others.map((t, i) => ({ path: `other-${i}.pisub`, text: t }))];
    const [main] = await workspace().check(files);
    return main;
}

