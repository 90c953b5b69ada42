/**
 * Every rule fails and passes, per relevant year. Each case starts from the clean submission of a
 * year (test/helpers/submissions.ts, which passes every rule — see clean.test.ts), changes one thing,
 * and expects the rule's code with its severity and a range on the offending text. `passes` lists
 * years where the same change is fine (year-specific rules), checked too. The last test asserts that
 * every code of the rule catalogue is exercised here.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/language/rules/catalogue.js';
import type { Severity } from '../../src/language/rules/catalogue.js';
import { workspace } from '../helpers/check.js';
import { submission, measures } from '../helpers/submissions.js';

const ALL = [2022, 2023, 2024, 2025, 2026, 2027];
const FROM_2023 = [2023, 2024, 2025, 2026, 2027];
const FROM_2024 = [2024, 2025, 2026, 2027];

function replace(text: string, from: string | RegExp, to: string): string {
    const out = text.replace(from, to);
    if (out === text) throw new Error(`test edit did not apply: ${from}`);
    return out;
}

interface Case {
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

const clean = (year: number) => submission({ year });
const edit = (from: string | RegExp, to: string) => (year: number) => replace(clean(year), from, to);

const CASES: Case[] = [
    // --- submission ---
    { code: 'submission/syntax', name: 'a statement cut short', years: [2024], text: edit('measure patient-electronic-access 640 / 700', 'measure patient-electronic-access 640 /') },
    { code: 'submission/duplicate-statement', name: 'two periods', years: ALL, covers: y => `period ${y}-02-01 to ${y}-12-31`,
        text: y => replace(clean(y), `period ${y}-01-01 to ${y}-12-31`, `period ${y}-01-01 to ${y}-12-31\n    period ${y}-02-01 to ${y}-12-31`) },
    { code: 'submission/duplicate-name', name: 'another file declares the same name', years: [2024], covers: 'test-2024',
        text: clean, others: () => [submission({ year: 2024 }).replace('"Test Practice"', '"Another Practice"')] },
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

    // --- reporting ---
    { code: 'reporting/mvp-id-missing', name: 'mvp without id', years: FROM_2023, text: y => clean(y).replace('entity group', 'reporting mvp\n    entity group') },
    { code: 'reporting/mvp-id-unknown', name: 'an MVP id not in the data', years: FROM_2023, covers: 'G9999', text: y => clean(y).replace('entity group', 'reporting mvp G9999\n    entity group') },
    { code: 'reporting/mvp-id-unexpected', name: 'traditional with an MVP id', years: [2024], severity: 'warning', text: y => clean(y).replace('entity group', 'reporting traditional G0053\n    entity group') },
    { code: 'reporting/option-not-in-year', name: 'MVP in 2022, APP Plus before 2025', years: [2022, 2023, 2024],
        text: y => clean(y).replace('entity group', y === 2022 ? 'reporting mvp G0053\n    entity group' : 'reporting app-plus\n    entity group'),
        passes: [2025, 2026] },

    // --- period ---
    { code: 'period/missing', name: 'no period', years: ALL, text: y => replace(clean(y), `period ${y}-01-01 to ${y}-12-31`, '') },
    { code: 'period/invalid-date', name: 'February 30', years: [2024], covers: '2024-02-30', text: edit('period 2024-01-01', 'period 2024-02-30') },
    { code: 'period/end-before-start', name: 'dates swapped', years: [2024], text: edit('period 2024-01-01 to 2024-12-31', 'period 2024-12-31 to 2024-01-01') },
    { code: 'period/outside-year', name: 'ends in the next year', years: ALL, covers: y => `${y + 1}-01-15`, text: y => replace(clean(y), `to ${y}-12-31`, `to ${y + 1}-01-15`) },
    { code: 'period/too-short', name: '92 days in provisional 2027 (180 days not yet confirmed)', years: [2027], severity: 'warning',
        text: y => replace(clean(y), `period ${y}-01-01`, `period ${y}-10-01`) },
    { code: 'period/too-short', name: '92 days', years: [2024, 2025, 2026], passes: [2022, 2023], covers: y => `period ${y}-10-01 to ${y}-12-31`,
        text: y => replace(clean(y), `period ${y}-01-01`, `period ${y}-10-01`) },
    { code: 'period/too-short', name: '89 days (below 90)', years: [2022, 2023], text: y => replace(clean(y), `period ${y}-01-01`, `period ${y}-10-04`) },

    // --- CEHRT ---
    { code: 'cehrt/missing', name: 'no CEHRT id', years: ALL, text: edit(/\n\s*cehrt \S+/, '') },
    { code: 'cehrt/format', name: '14 characters', years: [2024], covers: '0015C8ABCDEFGH', text: edit('cehrt 0015C8ABCDEFGHJ', 'cehrt 0015C8ABCDEFGH') },
    { code: 'cehrt/format', name: 'letter O', years: [2024], text: edit('cehrt 0015C8ABCDEFGHJ', 'cehrt 0015C8ABCDEFGHO') },
    { code: 'cehrt/edition-not-accepted', name: '2015 Edition id', years: [2024, 2025], passes: [2022, 2023], covers: '0015E8ABCDEFGHJ', text: edit('cehrt 0015C8ABCDEFGHJ', 'cehrt 0015E8ABCDEFGHJ') },
    { code: 'cehrt/edition-not-accepted', name: '2015 Edition id where the accepted forms are unconfirmed', years: [2026, 2027], severity: 'warning', text: edit('cehrt 0015C8ABCDEFGHJ', 'cehrt 0015E8ABCDEFGHJ') },
    { code: 'cehrt/edition-not-accepted', name: 'yearly 2025C form before 2025', years: [2023, 2024], passes: [2025, 2026], text: edit('cehrt 0015C8ABCDEFGHJ', 'cehrt 2025C8ABCDEFGHJ') },

    // --- attestations ---
    { code: 'attestation/missing', name: 'no SAFER answer', years: ALL, text: edit(/attest safer-guide [^\n]*/, '') },
    { code: 'attestation/missing', name: 'no ONC Direct Review answer (required every year)', years: ALL, text: edit('attest onc-direct-review yes', '') },
    { code: 'attestation/sra-not-yes', name: 'SRA no', years: ALL, covers: 'no', text: edit(/attest security-risk-analysis yes/, 'attest security-risk-analysis no') },
    { code: 'attestation/completed-outside-year', name: 'SRA done the year before', years: ALL, covers: y => `${y - 1}-11-30`,
        text: y => replace(clean(y), `completed ${y}-03-14`, `completed ${y - 1}-11-30`) },
    { code: 'attestation/safer-not-yes', name: 'SAFER no', years: FROM_2024, passes: [2022, 2023], covers: 'no', text: edit(/attest safer-guide yes/, 'attest safer-guide no') },
    { code: 'attestation/safer-guide-version', name: 'the 2016 SAFER guide in 2026', years: [2026, 2027], severity: 'warning', covers: '2016', text: edit('version 2025', 'version 2016') },
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
    { code: 'measure/answer-no', name: 'Query of PDMP no', years: FROM_2023, severity: 'warning', text: edit('measure query-of-pdmp yes', 'measure query-of-pdmp no') },
    { code: 'measure/answer-no', name: 'immunization no', years: ALL, severity: 'warning', text: y => replace(clean(y), /public-health immunization-registry yes[^\n]*/, 'public-health immunization-registry no') },

    // --- exclusions ---
    { code: 'exclusion/not-for-measure', name: 'an immunization exclusion on eCR', years: ALL, covers: 'PI_PHCDRR_1_EX_1',
        text: y => replace(clean(y), /public-health electronic-case-reporting yes[^\n]*/, 'public-health electronic-case-reporting excluded PI_PHCDRR_1_EX_1') },
    { code: 'exclusion/not-available', name: 'excluding Provide Patient Access', years: ALL, text: edit('measure patient-electronic-access 640 / 700', 'measure patient-electronic-access excluded') },
    { code: 'exclusion/ambiguous', name: 'immunization excluded without naming which', years: ALL,
        text: y => replace(clean(y), /public-health immunization-registry yes[^\n]*/, 'public-health immunization-registry excluded') },
    { code: 'exclusion/with-measure', name: 'e-Prescribing and its exclusion', years: ALL, covers: 'PI_LVPP_1', text: edit('measure e-prescribing 412 / 530', 'measure e-prescribing 412 / 530\n    measure PI_LVPP_1 yes') },
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

async function run(text: string, others: string[] = []) {
    const files = [{ path: 'main.pisub', text }, ...others.map((t, i) => ({ path: `other-${i}.pisub`, text: t }))];
    const [main] = await workspace().check(files);
    return main;
}

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
