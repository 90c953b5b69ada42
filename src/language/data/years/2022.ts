/**
 * Performance year 2022: CMS's measure data and the facts not in it, each with its confidence and
 * sources (shared/reference/pi-rules-notes.md has the research behind each one).
 */
import measures from '../qpp-measures/2022-pi.json' with { type: 'json' };
import { CATEGORY_WEIGHT, fact, type Redistribution, type YearData, type YearFacts } from '../facts.js';

/**
 * One HIE referral-loop measure excluded: no official text says where its points go (L). Two live
 * readings (research-2026-12.md R3): Provide Patients Electronic Access (the notes' reading, scored
 * as `score`), or the other referral-loop measure (within the objective first, as PDMP → e-Prescribing).
 * The score range spans both. Both excluded: the other is excluded too, so both readings end at PEA_1.
 */
export const HIE_EXCLUSIONS: readonly Redistribution[] = [
    { excluded: 'PI_HIE_1', to: ['PI_PEA_1'], confidence: 'L', short: 'how CMS redistributes the PI_HIE_1 exclusion',
        note: 'Sending health information excluded: its points are believed to go to Provide Patients Electronic Access; CMS has not said (they may go to Receiving and reconciling instead).',
        rivals: [{ to: ['PI_HIE_4'], note: 'Sending health information\'s points to Receiving and reconciling' }] },
    { excluded: 'PI_HIE_4', to: ['PI_PEA_1'], confidence: 'L', short: 'how CMS redistributes the PI_HIE_4 exclusion',
        note: 'Receiving and reconciling excluded: its points are believed to go to Provide Patients Electronic Access; CMS has not said (they may go to Sending health information instead).',
        rivals: [{ to: ['PI_HIE_1'], note: 'Receiving and reconciling\'s points to Sending health information' }] }
];

const HIE_OPTIONS_2022 = [['PI_HIE_1', 'PI_HIE_4'], ['PI_HIE_5']] as const;
export const facts: YearFacts = {
    year: 2022,
    minPeriodDays: fact(90, 'H', ['notesGates', 'guide2023'], 'Any continuous 90 days in the calendar year (2022–2023).'),
    cehrtPrefixes: fact(['XX15E', 'XX15C', 'XX15H'], 'M', ['notesIdentifiers', 'research'],
        'For 2022 any 2015 Edition CEHRT id (2015 Edition, Cures Update or hybrid) is believed accepted (QPP docs for 2022: "Utilization of 2015 CEHRT"; research I1).'),
    saferAnswers: fact(['yes', 'no'], 'H', ['notesGates', 'cfr'], '42 CFR 414.1375(b)(2)(ii)(C): a yes or a no satisfies the SAFER Guide measure in the 2022 and 2023 performance years (2024–2025 MIPS payment years).'),
    oncDirectReviewAnswers: fact(['yes'], 'H', ['notesGates', 'guide2023']),
    answerNoZeroes: fact(true, 'M', ['safer2024', 'notesCorrections'],
        'The note on CMS\'s 2024 PI measure specifications ("reporting a "No" for a Yes/No response measure will result in a total score of 0 points") is believed to be on the 2022 specifications too; the 2022 text is not in the reference material.'),
    apmEntityPiReporting: fact(false, 'H', ['guide2023', 'notesCorrections'],
        'PI reporting at the APM entity level is new in 2023 (2023 Quick Start Guide, What\'s New); in 2022 the clinicians of an APM entity report PI as individuals or as a group.'),
    virtualGroupTraditionalOnly: fact(true, 'M', ['guide2023', 'guide2024', 'notesCorrections'],
        'Virtual groups report traditional MIPS only (stated in the 2023 and 2024 guides; there were no MVPs in 2022).'),
    engagementLevelRequired: fact(false, 'H', ['measuresData'], 'Active-engagement level ids exist in the measure data from 2023.'),
    preProductionOnce: fact(false, 'H', ['guide2023']),
    suppressedMeasures: fact([], 'H', ['measuresData']),
    epExclusionExcludesPdmp: fact(false, 'M', ['notesPoints'], 'In 2022 Query of PDMP is an optional bonus measure.'),
    hieOptions: fact(HIE_OPTIONS_2022, 'H', ['measuresData', 'notesCatalogue']),
    points: {
        // 2022 points (pi-rules-notes §7.3; the 2023 guide asterisks every value that changed from 2022).
        PI_EP_1: { max: 10, confidence: 'H' },
        PI_EP_2: { max: 10, confidence: 'H', bonus: true },
        PI_HIE_1: { max: 20, confidence: 'H' },
        PI_HIE_4: { max: 20, confidence: 'H' },
        PI_HIE_5: { max: 40, confidence: 'H' },
        PI_PEA_1: { max: 40, confidence: 'H' }
    },
    publicHealthObjective: {
        measures: ['PI_PHCDRR_1', 'PI_PHCDRR_3'], points: 10, confidence: 'M',
        whenAllExcluded: { to: 'PI_PEA_1', confidence: 'H', note: 'Both public-health measures excluded: the objective\'s 10 points go to Provide Patients Electronic Access (CMS PY22 known issue; pi-rules-notes §7.2).' }
    },
    publicHealthBonus: { measures: ['PI_PHCDRR_2', 'PI_PHCDRR_4', 'PI_PHCDRR_5'], points: 5, confidence: 'M' },
    redistribution: [
        { excluded: 'PI_EP_1', to: ['PI_HIE_1', 'PI_HIE_4', 'PI_HIE_5'], confidence: 'L', short: 'how CMS splits the e-Prescribing exclusion\'s points between the HIE measures',
            note: 'e-Prescribing excluded: its 10 points go to the Health Information Exchange objective (M), believed split evenly among its measures reported (the split is not in any official text: L).',
            rivals: [
                { to: ['PI_HIE_1'], note: 'all of e-Prescribing\'s points to Sending health information' },
                { to: ['PI_HIE_4'], note: 'all of e-Prescribing\'s points to Receiving and reconciling' }
            ] },
        ...HIE_EXCLUSIONS,
        { excluded: 'PI_PHCDRR_1', to: ['PI_PHCDRR_3'], confidence: 'M', note: 'Immunization excluded: Electronic Case Reporting is worth the whole objective.' },
        { excluded: 'PI_PHCDRR_3', to: ['PI_PHCDRR_1'], confidence: 'M', note: 'Electronic Case Reporting excluded: Immunization is worth the whole objective.' }
    ],
    categoryWeight: CATEGORY_WEIGHT
};

export const year2022: YearData = { year: 2022, measures, facts };
