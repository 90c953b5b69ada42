/**
 * Performance year 2023: CMS's measure data and the facts not in it, each with its confidence and
 * sources (shared/reference/pi-rules-notes.md has the research behind each one).
 */
import measures from '../qpp-measures/2023-pi.json' with { type: 'json' };
import { CATEGORY_WEIGHT, fact, type PointsEntry, type Redistribution, type YearData, type YearFacts } from '../facts.js';

const HIE_OPTIONS_2023 = [['PI_HIE_1', 'PI_HIE_4'], ['PI_HIE_5'], ['PI_HIE_6']] as const;

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

export const facts: YearFacts = {
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
    categoryWeight: CATEGORY_WEIGHT
};

export const year2023: YearData = { year: 2023, measures, facts };
