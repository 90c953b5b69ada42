/**
 * Year-specific facts of the PI category that are not in CMS's measure data: period length, CEHRT
 * id forms, attestation answers, points, redistribution. One object per performance year; every
 * fact carries its confidence and its source (see shared/reference/pi-rules-notes.md for the
 * research behind each one).
 *
 * Confidence: 'H' seen in an official CMS/ONC text or data; 'M' consistent third-party
 * reproductions of CMS texts; 'L' partly seen or inferred. A rule built on an 'L' fact never raises
 * an error (see rules/catalogue.ts: `severityFor`).
 */
import type { SourceId } from './sources.js';
import { SUPPORTED_YEARS } from './measures.js';

export type Confidence = 'H' | 'M' | 'L';

export interface Fact<T> {
    readonly value: T;
    readonly confidence: Confidence;
    readonly sources: readonly SourceId[];
    /** Said to the user where the fact is uncertain or needs explaining. */
    readonly note?: string;
}

function fact<T>(value: T, confidence: Confidence, sources: SourceId[], note?: string): Fact<T> {
    return { value, confidence, sources, note };
}

/** Points one measure can earn, and how sure we are of it. */
export interface PointsEntry {
    readonly max: number;
    readonly confidence: Confidence;
    readonly bonus?: boolean;
}

export interface YearFacts {
    readonly year: number;
    /** The measure data for this year is still in progress (2027). */
    readonly provisional?: Fact<boolean>;
    /** Minimum number of continuous days in the performance period. */
    readonly minPeriodDays: Fact<number>;
    /** CEHRT id prefixes QPP accepts this year (first five characters). */
    readonly cehrtPrefixes: Fact<readonly string[]>;
    /** Which answers satisfy the SAFER Guide attestation (PI_PPHI_2). */
    readonly saferAnswers: Fact<readonly ('yes' | 'no')[]>;
    /** The SAFER High Priority Practices Guide edition to use, where a year prescribes one. */
    readonly saferGuideVersion?: Fact<string>;
    /** Which answers satisfy the ONC Direct Review attestation (PI_ONCDIR_1). */
    readonly oncDirectReviewAnswers: Fact<readonly ('yes' | 'no')[]>;
    /** Public-health measures must state their active-engagement level. */
    readonly engagementLevelRequired: Fact<boolean>;
    /** At most one performance period at pre-production per measure (needs the prior year). */
    readonly preProductionOnce: Fact<boolean>;
    /** Public-health measures suppressed this year: any answer earns full credit, no redistribution. */
    readonly suppressedMeasures: Fact<readonly string[]>;
    /** Claiming the e-Prescribing exclusion claims the Query of PDMP exclusion automatically. */
    readonly epExclusionExcludesPdmp: Fact<boolean>;
    /** The HIE objective: exactly one of these options. */
    readonly hieOptions: Fact<readonly (readonly string[])[]>;
    /** Points per scored measure. Public-health objective points are split between its required measures. */
    readonly points: Readonly<Record<string, PointsEntry>>;
    readonly publicHealthObjective: { readonly measures: readonly string[]; readonly points: number; readonly confidence: Confidence };
    /** Optional public-health measures, one of which earns the bonus. */
    readonly publicHealthBonus: { readonly measures: readonly string[]; readonly points: number; readonly confidence: Confidence };
    /** Where an excluded measure's points go. */
    readonly redistribution: readonly Redistribution[];
    /** Category weight in the MIPS final score. */
    readonly categoryWeight: Fact<{ readonly default: number; readonly apmEntityOrApp: number }>;
    /** Reporting options the measure data allows (MVPs from 2023; APP Plus from 2025). */
    readonly notes?: readonly string[];
}

/** "When `excluded` is excluded, its points go to `to` (split evenly among those reported)". */
export interface Redistribution {
    readonly excluded: string;
    readonly to: readonly string[];
    readonly confidence: Confidence;
    readonly note: string;
}

const HIE_OPTIONS_2022 = [['PI_HIE_1', 'PI_HIE_4'], ['PI_HIE_5']] as const;
const HIE_OPTIONS_2023 = [['PI_HIE_1', 'PI_HIE_4'], ['PI_HIE_5'], ['PI_HIE_6']] as const;

const WEIGHT = fact({ default: 0.25, apmEntityOrApp: 0.30 }, 'H', ['cfr', 'notesPoints'],
    '25% of the MIPS final score by default (42 CFR 414.1375(a)); 30% for APM entities and the APP.');

/** Points 2023 onwards (2024 Quick Start Guide appendix; the 2023 guide has the same table). */
const POINTS_2023: Record<string, PointsEntry> = {
    PI_EP_1: { max: 10, confidence: 'H' },
    PI_EP_2: { max: 10, confidence: 'H' },
    PI_HIE_1: { max: 15, confidence: 'H' },
    PI_HIE_4: { max: 15, confidence: 'H' },
    PI_HIE_5: { max: 30, confidence: 'H' },
    PI_HIE_6: { max: 30, confidence: 'H' },
    PI_PEA_1: { max: 25, confidence: 'H' }
};

const REDISTRIBUTION_2023: Redistribution[] = [
    { excluded: 'PI_EP_2', to: ['PI_EP_1'], confidence: 'M', note: 'Query of PDMP excluded: its 10 points go to e-Prescribing.' },
    { excluded: 'PI_EP_1', to: ['PI_HIE_1', 'PI_HIE_4', 'PI_HIE_5', 'PI_HIE_6'], confidence: 'L',
        note: 'e-Prescribing excluded (which also excludes Query of PDMP): its points are believed to be split evenly among the HIE measures reported; the exact split is not in the reference material.' },
    { excluded: 'PI_HIE_1', to: ['PI_PEA_1'], confidence: 'L', note: 'Sending health information excluded: its points are believed to go to Provide Patients Electronic Access.' },
    { excluded: 'PI_HIE_4', to: ['PI_PEA_1'], confidence: 'L', note: 'Receiving and reconciling excluded: its points are believed to go to Provide Patients Electronic Access.' },
    { excluded: 'PI_PHCDRR_1', to: ['PI_PHCDRR_3'], confidence: 'M', note: 'Immunization excluded: Electronic Case Reporting is worth the whole objective.' },
    { excluded: 'PI_PHCDRR_3', to: ['PI_PHCDRR_1'], confidence: 'M', note: 'Electronic Case Reporting excluded: Immunization is worth the whole objective.' }
];

const FACTS_2022: YearFacts = {
    year: 2022,
    minPeriodDays: fact(90, 'H', ['notesGates', 'guide2023'], 'Any continuous 90 days in the calendar year (2022–2023).'),
    cehrtPrefixes: fact(['XX15E', 'XX15C', 'XX15H'], 'L', ['notesIdentifiers'],
        'For 2022 the reference material does not list the accepted CEHRT id forms; 2015 Edition, Cures Update and hybrid ids are assumed.'),
    saferAnswers: fact(['yes', 'no'], 'H', ['notesGates', 'cfr'], '42 CFR 414.1375(b)(2)(ii)(C): a yes or a no satisfies the SAFER Guide measure in the 2022 and 2023 performance years (2024–2025 MIPS payment years).'),
    oncDirectReviewAnswers: fact(['yes'], 'H', ['notesGates', 'guide2023']),
    engagementLevelRequired: fact(false, 'H', ['measuresData'], 'Active-engagement level ids exist in the measure data from 2023.'),
    preProductionOnce: fact(false, 'H', ['guide2023']),
    suppressedMeasures: fact([], 'H', ['measuresData']),
    epExclusionExcludesPdmp: fact(false, 'M', ['notesPoints'], 'In 2022 Query of PDMP is an optional bonus measure.'),
    hieOptions: fact(HIE_OPTIONS_2022, 'H', ['measuresData', 'notesCatalogue']),
    points: {
        PI_EP_1: { max: 10, confidence: 'M' },
        PI_EP_2: { max: 10, confidence: 'M', bonus: true },
        PI_HIE_1: { max: 20, confidence: 'H' },
        PI_HIE_4: { max: 20, confidence: 'H' },
        PI_HIE_5: { max: 40, confidence: 'M' },
        PI_PEA_1: { max: 40, confidence: 'M' }
    },
    publicHealthObjective: { measures: ['PI_PHCDRR_1', 'PI_PHCDRR_3'], points: 10, confidence: 'L' },
    publicHealthBonus: { measures: ['PI_PHCDRR_2', 'PI_PHCDRR_4', 'PI_PHCDRR_5'], points: 5, confidence: 'L' },
    redistribution: [
        { excluded: 'PI_EP_1', to: ['PI_HIE_1', 'PI_HIE_4', 'PI_HIE_5'], confidence: 'L', note: 'e-Prescribing excluded: its points are believed to be split evenly among the HIE measures reported.' },
        { excluded: 'PI_HIE_1', to: ['PI_PEA_1'], confidence: 'L', note: 'Sending health information excluded: its points are believed to go to Provide Patients Electronic Access.' },
        { excluded: 'PI_HIE_4', to: ['PI_PEA_1'], confidence: 'L', note: 'Receiving and reconciling excluded: its points are believed to go to Provide Patients Electronic Access.' },
        { excluded: 'PI_PHCDRR_1', to: ['PI_PHCDRR_3'], confidence: 'L', note: 'Immunization excluded: Electronic Case Reporting is believed to be worth the whole objective.' },
        { excluded: 'PI_PHCDRR_3', to: ['PI_PHCDRR_1'], confidence: 'L', note: 'Electronic Case Reporting excluded: Immunization is believed to be worth the whole objective.' }
    ],
    categoryWeight: WEIGHT
};

const FACTS_2023: YearFacts = {
    year: 2023,
    minPeriodDays: fact(90, 'H', ['guide2023', 'notesGates'], 'Any continuous 90 days in 2023; the last possible start is October 3, 2023.'),
    cehrtPrefixes: fact(['XX15E', 'XX15C'], 'H', ['notesIdentifiers']),
    saferAnswers: fact(['yes', 'no'], 'H', ['guide2023', 'cfr'], 'A yes or a no satisfies the SAFER Guide measure in 2023 (2023 Quick Start Guide, step 4b).'),
    oncDirectReviewAnswers: fact(['yes'], 'H', ['guide2023'], '2023 Quick Start Guide: submit a "yes" to the ONC Direct Review attestation.'),
    engagementLevelRequired: fact(true, 'H', ['measuresData', 'guide2024']),
    preProductionOnce: fact(false, 'H', ['guide2023']),
    suppressedMeasures: fact([], 'H', ['measuresData']),
    epExclusionExcludesPdmp: fact(true, 'M', ['guide2024', 'notesPoints'], 'Stated in the 2024 guide; assumed for 2023, when Query of PDMP became required.'),
    hieOptions: fact(HIE_OPTIONS_2023, 'H', ['measuresData', 'guide2023']),
    points: POINTS_2023,
    publicHealthObjective: { measures: ['PI_PHCDRR_1', 'PI_PHCDRR_3'], points: 25, confidence: 'M' },
    publicHealthBonus: { measures: ['PI_PHCDRR_2', 'PI_PHCDRR_4', 'PI_PHCDRR_5'], points: 5, confidence: 'M' },
    redistribution: REDISTRIBUTION_2023,
    categoryWeight: WEIGHT
};

const FACTS_2024: YearFacts = {
    ...FACTS_2023,
    year: 2024,
    minPeriodDays: fact(180, 'H', ['guide2024', 'notesGates'], 'Any continuous 180 days in 2024; the last possible start is July 5, 2024.'),
    cehrtPrefixes: fact(['XX15C'], 'H', ['notesIdentifiers'], 'Only 2015 Edition Cures Update ids (XX15C…) are accepted for 2024.'),
    saferAnswers: fact(['yes'], 'H', ['guide2024', 'safer2024', 'cfr'], 'From 2024 only "yes" satisfies the SAFER Guide measure (2024 Quick Start Guide step 4b; 42 CFR 414.1375(b)(2)(ii)(D)).'),
    oncDirectReviewAnswers: fact(['yes', 'no'], 'H', ['guide2024'], '2024 Quick Start Guide: submit a "yes" or "no" to the ONC Direct Review attestation.'),
    epExclusionExcludesPdmp: fact(true, 'H', ['guide2024']),
    preProductionOnce: fact(true, 'H', ['guide2023', 'notesReporting'], 'Starting with 2024, a clinician may spend only one performance period at Pre-production and Validation per measure and must progress to Validated Data Production in the next period they report it (2023 Quick Start Guide, What\'s New, item 2).')
};

const FACTS_2025: YearFacts = {
    ...FACTS_2024,
    year: 2025,
    minPeriodDays: fact(180, 'H', ['notesGates'], 'Any continuous 180 days in 2025; the last possible start is July 5, 2025.'),
    cehrtPrefixes: fact(['XX15C', '2025C'], 'H', ['notesIdentifiers'], '2025: legacy Cures Update ids (XX15C…) or the yearly form 2025C… (issued from 2025-09-01).'),
    suppressedMeasures: fact(['PI_PHCDRR_3'], 'H', ['notesCatalogue', 'notesPoints'],
        'Electronic Case Reporting is suppressed for 2025: it must still be answered (yes, no or exclusion) and every answer earns full credit; its points are not redistributed.')
};

const FACTS_2026: YearFacts = {
    ...FACTS_2025,
    year: 2026,
    minPeriodDays: fact(180, 'H', ['notesGates'], 'Any continuous 180 days in 2026; the last possible start is July 5, 2026.'),
    cehrtPrefixes: fact(['XX15C', '2025C', '2026C'], 'L', ['notesIdentifiers'],
        'The accepted CEHRT id forms for 2026 are not confirmed in the reference material (likely XX15C, 2025C, 2026C).'),
    saferGuideVersion: fact('2025', 'H', ['measuresData', 'notesCatalogue'], 'From 2026 the self-assessment must use the 2025 High Priority Practices SAFER Guide.'),
    suppressedMeasures: fact([], 'H', ['measuresData']),
    publicHealthBonus: { measures: ['PI_PHCDRR_2', 'PI_PHCDRR_4', 'PI_PHCDRR_5', 'PI_PHCDRR_6'], points: 5, confidence: 'M' }
};

const FACTS_2027: YearFacts = {
    ...FACTS_2026,
    year: 2027,
    provisional: fact(true, 'L', ['measuresData', 'notesCatalogue'],
        'CMS says the 2027 measure data is "in progress and subject to change"; 2027 rules mirror 2026 until CMS publishes final data.'),
    minPeriodDays: fact(180, 'L', ['notesGates'], 'Assumed unchanged from 2026 (180 days); not yet confirmed for 2027.'),
    cehrtPrefixes: fact(['XX15C', '2025C', '2026C', '2027C'], 'L', ['notesIdentifiers'], 'Not confirmed for 2027.')
};

const FACTS: Record<number, YearFacts> = {
    2022: FACTS_2022, 2023: FACTS_2023, 2024: FACTS_2024, 2025: FACTS_2025, 2026: FACTS_2026, 2027: FACTS_2027
};

/** The facts of a supported performance year, or undefined. */
export function factsFor(year: number): YearFacts | undefined {
    return FACTS[year];
}

export function isSupportedYear(year: number): boolean {
    return FACTS[year] !== undefined && SUPPORTED_YEARS.includes(year);
}

export const FACT_YEARS: readonly number[] = Object.keys(FACTS).map(Number);

/** Last day on which a period of `days` continuous days can start in `year` (Dec 31 − (days − 1)). */
export function latestStart(year: number, days: number): string {
    const end = Date.UTC(year, 11, 31);
    const start = new Date(end - (days - 1) * 86_400_000);
    return start.toISOString().slice(0, 10);
}
