/**
 * Performance year 2023: CMS's measure data and the facts not in it, each with its confidence and
 * sources (shared/reference/pi-rules-notes.md has the research behind each one).
 */
import measures from '../qpp-measures/2023-pi.json' with { type: 'json' };
import { CATEGORY_WEIGHT, fact, type PointsEntry, type Redistribution, type YearData, type YearFacts } from '../facts.js';
import { HIE_EXCLUSIONS } from './2022.js';

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
    { excluded: 'PI_EP_2', to: ['PI_EP_1'], confidence: 'H', note: 'Query of PDMP excluded: its 10 points go to e-Prescribing (CMS\'s PY23 known issues; pi-rules-notes §7.2).' },
    { excluded: 'PI_EP_1', to: ['PI_HIE_1', 'PI_HIE_4', 'PI_HIE_5', 'PI_HIE_6'], confidence: 'L', short: 'how CMS splits the e-Prescribing objective\'s points between the HIE measures',
        note: 'e-Prescribing excluded (which also excludes Query of PDMP): the objective\'s points go to the Health Information Exchange objective (M), believed split evenly among its measures reported (amount and split are not in any official text: L).',
        rivals: [
            { to: ['PI_HIE_1'], note: 'all of the e-Prescribing objective\'s points to Sending health information' },
            { to: ['PI_HIE_4'], note: 'all of the e-Prescribing objective\'s points to Receiving and reconciling' }
        ] },
    ...HIE_EXCLUSIONS,
    { excluded: 'PI_PHCDRR_1', to: ['PI_PHCDRR_3'], confidence: 'M', note: 'Immunization excluded: Electronic Case Reporting is worth the whole objective.' },
    { excluded: 'PI_PHCDRR_3', to: ['PI_PHCDRR_1'], confidence: 'M', note: 'Electronic Case Reporting excluded: Immunization is worth the whole objective.' }
];

export const facts: YearFacts = {
    year: 2023,
    minPeriodDays: fact(90, 'H', ['guide2023', 'notesGates'], 'Any continuous 90 days in 2023; the last possible start is October 3, 2023.'),
    cehrtPrefixes: fact(['XX15C'], 'H', ['notesIdentifiers', 'guide2023', 'safer2023'],
        '2023: EHR technology must be certified to the 2015 Edition Cures Update criteria (2023 Quick Start Guide, What\'s New 1); Cures Update ids are XX15C….'),
    cehrtUnconfirmedPrefixes: fact(['XX15E'], 'L', ['notesIdentifiers', 'guide2023', 'research'],
        'QPP accepted the XX15E form for 2023 (QPP submissions docs), but the 2023 guide requires 2015 Edition Cures Update certification, and an XX15E id names a 2015 Edition (non-Cures) product set: check that every product in it is certified to the Cures Update criteria.'),
    saferAnswers: fact(['yes', 'no'], 'H', ['guide2023', 'cfr'], 'A yes or a no satisfies the SAFER Guide measure in 2023 (2023 Quick Start Guide, step 4b).'),
    oncDirectReviewAnswers: fact(['yes'], 'H', ['guide2023'], '2023 Quick Start Guide: submit a "yes" to the ONC Direct Review attestation.'),
    answerNoZeroes: fact(true, 'M', ['safer2024', 'notesCorrections'],
        'The note on CMS\'s 2024 PI measure specifications ("reporting a "No" for a Yes/No response measure will result in a total score of 0 points") is believed to be on the 2023 specifications too; the 2023 text is not in the reference material.'),
    apmEntityPiReporting: fact(true, 'H', ['guide2023'], 'From 2023 APM entities may report PI at the APM entity level (2023 Quick Start Guide, What\'s New).'),
    virtualGroupTraditionalOnly: fact(true, 'H', ['guide2023', 'notesCorrections'],
        '2023 Quick Start Guide: "Virtual Group (traditional MIPS only)"; the APP lists individual, group and APM entity participation.'),
    engagementLevelRequired: fact(true, 'H', ['measuresData', 'guide2024']),
    preProductionOnce: fact(false, 'H', ['guide2023']),
    suppressedMeasures: fact([], 'H', ['measuresData']),
    epExclusionExcludesPdmp: fact(true, 'M', ['guide2024', 'notesPoints'], 'Stated in the 2024 guide; assumed for 2023, when Query of PDMP became required.'),
    hieOptions: fact(HIE_OPTIONS_2023, 'H', ['measuresData', 'guide2023']),
    points: POINTS_2023,
    publicHealthObjective: {
        measures: ['PI_PHCDRR_1', 'PI_PHCDRR_3'], points: 25, confidence: 'M',
        whenAllExcluded: { to: 'PI_PEA_1', confidence: 'H', note: 'Both public-health measures excluded: the objective\'s 25 points go to Provide Patients Electronic Access (pi-rules-notes §7.2).' }
    },
    publicHealthBonus: { measures: ['PI_PHCDRR_2', 'PI_PHCDRR_4', 'PI_PHCDRR_5'], points: 5, confidence: 'M' },
    redistribution: REDISTRIBUTION_2023,
    categoryWeight: CATEGORY_WEIGHT
};

export const year2023: YearData = { year: 2023, measures, facts };
