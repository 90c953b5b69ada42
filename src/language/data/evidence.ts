/**
 * What an auditor expects as documentation for each PI attestation and measure, per performance
 * year, and how long it must be kept. Shown in hover and in the audit binder (`pisub audit`);
 * the evidence checks (rules/checks/evidence.ts) read `withinYear` and `coversPeriod` from here.
 *
 * Where this comes from, honestly: CMS publishes a "MIPS Data Validation Criteria" document per
 * year in the QPP Resource Library; the 2024 PI Quick Start Guide (shared/reference) names it
 * ("Documentation guidance for each measure and attestation ... 2024 MIPS Data Validation
 * Criteria") and says to keep documentation for 6 years after submission. The Data Validation
 * Criteria documents themselves were searched for (2026-12, search corpora `pages` and `docs`:
 * "MIPS Data Validation Criteria Promoting Interoperability" without a year and for 2023, 2024 and
 * 2025) and NOT found for any year: only secondary pages that describe them (SOURCES.auditPractice:
 * McDermott+ on the 2018 criteria, mdinteractive.com, NH DHHS, ONC's §170.315(g)(2) test method). So every expectation below is
 * pisub's summary with confidence 'M' (consistent third-party descriptions of the CMS document)
 * unless an official text in shared/reference says it ('H'). Nothing here raises an error on its
 * own: a missing document is reported as information.
 */
import type { Confidence } from './years.js';
import type { SourceId } from './sources.js';
import type { MeasureInfo } from './measures.js';

export interface EvidenceExpectation {
    /** What the documentation is, in a consultant's words. */
    readonly what: string;
    /** The document must be dated within the performance year (calendar year). */
    readonly withinYear?: boolean;
    /** The document is a report for a period, which should be the submission's performance period. */
    readonly coversPeriod?: boolean;
    readonly confidence: Confidence;
    readonly sources: readonly SourceId[];
}

/** The status of CMS's Data Validation Criteria document for one year, as far as pisub knows. */
export interface ValidationCriteriaStatus {
    readonly year: number;
    readonly found: false;
    readonly note: string;
}

/** The year's Data Validation Criteria document: searched for, not found (see the file comment). */
export function validationCriteriaFor(year: number): ValidationCriteriaStatus {
    return {
        year, found: false,
        note: `CMS's ${year} MIPS Data Validation Criteria (QPP Resource Library) was not available to pisub; the expectations shown are a summary from the PI Quick Start Guide and secondary descriptions of the criteria (confidence M). Check them against CMS's document for ${year}.`
    };
}

const SRA: EvidenceExpectation = {
    what: 'The security risk analysis (or its review) of the CEHRT, dated within the performance year, with the risk management done in response (from 2026 the attestation covers risk management too: 45 CFR 164.308(a)(1)(ii)(A) and (B)).',
    withinYear: true, confidence: 'H', sources: ['guide2024', 'cfr', 'dataValidation']
};
const SAFER: EvidenceExpectation = {
    what: 'The completed SAFER Guides High Priority Practices self-assessment (the checklist with fully / partially / not implemented marked), dated within the performance year.',
    withinYear: true, confidence: 'H', sources: ['guide2024', 'safer2024', 'dataValidation']
};
const ATTESTATION: EvidenceExpectation = {
    what: 'A record supporting the attestation (e.g. the signed attestation statement and the practice\'s policy), kept with the submission.',
    confidence: 'M', sources: ['dataValidation', 'auditPractice']
};
const RATIO: EvidenceExpectation = {
    what: 'A dated report from the CEHRT for the performance period showing the numerator and denominator (the report the numbers were taken from, §170.315(g)(2)), identifying the clinician or group.',
    coversPeriod: true, confidence: 'M', sources: ['dataValidation', 'auditPractice']
};
const YES_NO: EvidenceExpectation = {
    what: 'Proof that the action was performed with the CEHRT during the performance period (dated reports or screenshots showing the functionality in use).',
    confidence: 'M', sources: ['dataValidation', 'auditPractice']
};
const PUBLIC_HEALTH: EvidenceExpectation = {
    what: 'Dated correspondence with the public health agency or clinical data registry showing the active-engagement level claimed (registration, testing and validation, or production submission).',
    confidence: 'M', sources: ['dataValidation', 'auditPractice', 'measuresData']
};
const EXCLUSION: EvidenceExpectation = {
    what: 'Documentation that the exclusion applied during the performance period (e.g. a report showing the qualifying condition, or the agency\'s statement that it could not receive the data).',
    confidence: 'M', sources: ['dataValidation', 'auditPractice']
};
export const CEHRT_EXPECTATION: EvidenceExpectation = {
    what: 'The CHPL page (or a dated screenshot of it) showing the CMS EHR Certification ID used for the submission.',
    confidence: 'M', sources: ['dataValidation', 'auditPractice']
};
export const SUBMISSION_EXPECTATION: EvidenceExpectation = {
    what: 'Documents about the submission as a whole (e.g. the confirmation of submission, the practice\'s MIPS eligibility).',
    confidence: 'M', sources: ['dataValidation', 'auditPractice']
};

/** What documents a measure (or an exclusion claimed for it), by what the measure data says it is. */
export function expectationFor(info: MeasureInfo | undefined, excluded = false): EvidenceExpectation {
    if (excluded) return EXCLUSION;
    if (!info) return ATTESTATION;
    if (info.measureId === 'PI_PPHI_1') return SRA;
    if (info.measureId === 'PI_PPHI_2') return SAFER;
    if (info.objective === 'attestation') return ATTESTATION;
    if (info.objective === 'publicHealthAndClinicalDataExchange') return PUBLIC_HEALTH;
    if (info.metricType === 'proportion') return RATIO;
    return YES_NO;
}

/** When the submission window for a performance year closes, and how sure we are. */
export interface WindowClose {
    readonly date: string;
    readonly confidence: Confidence;
    readonly sources: readonly SourceId[];
    readonly note?: string;
}

const WINDOW_CLOSE: Record<number, WindowClose> = {
    2023: { date: '2024-04-01', confidence: 'H', sources: ['notesReporting'] },
    2024: { date: '2025-03-31', confidence: 'H', sources: ['guide2024', 'notesReporting'] }
};

/**
 * The day the submission window for `year` closes. Only 2023 and 2024 are in the reference
 * material; for other years the window is taken to close on March 31 of the next year, like 2024,
 * with confidence 'L' and a note saying so.
 */
export function windowCloseFor(year: number): WindowClose {
    return WINDOW_CLOSE[year] ?? {
        date: `${year + 1}-03-31`, confidence: 'L', sources: [],
        note: `The ${year} submission window is not in pisub's reference material; March 31, ${year + 1} is assumed (as for 2024). Check the date on qpp.cms.gov.`
    };
}

/** Documentation is kept for 6 years after submission (2024 PI Quick Start Guide). */
export const RETENTION_YEARS = 6;

/** The date until which the documentation must be kept: six years after the window closes. */
export function retentionUntil(year: number): { date: string; confidence: Confidence; note?: string } {
    const close = windowCloseFor(year);
    return { date: `${Number(close.date.slice(0, 4)) + RETENTION_YEARS}${close.date.slice(4)}`, confidence: close.confidence, note: close.note };
}
