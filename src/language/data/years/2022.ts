/**
 * Performance year 2022: CMS's measure data and the facts not in it, each with its confidence and
 * sources (shared/reference/pi-rules-notes.md has the research behind each one).
 */
import measures from '../qpp-measures/2022-pi.json' with { type: 'json' };
import { CATEGORY_WEIGHT, fact, type YearData, type YearFacts } from '../facts.js';

const HIE_OPTIONS_2022 = [['PI_HIE_1', 'PI_HIE_4'], ['PI_HIE_5']] as const;
export const facts: YearFacts = {
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
    categoryWeight: CATEGORY_WEIGHT
};

export const year2022: YearData = { year: 2022, measures, facts };
