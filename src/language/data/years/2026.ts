/**
 * Performance year 2026: CMS's measure data and the facts not in it, each with its confidence and
 * sources (shared/reference/pi-rules-notes.md has the research behind each one). Starts from 2025's facts and
 * states what changed.
 */
import measures from '../qpp-measures/2026-pi.json' with { type: 'json' };
import { fact, type YearData, type YearFacts } from '../facts.js';
import { facts as previous } from './2025.js';

export const facts: YearFacts = {
    ...previous,
    year: 2026,
    minPeriodDays: fact(180, 'H', ['notesGates'], 'Any continuous 180 days in 2026; the last possible start is July 5, 2026.'),
    cehrtPrefixes: fact(['2026C'], 'M', ['oncCehrtId', 'notesCorrections'],
        'ONC (January 2026): "A new CMS EHR Certification ID is required each year", so a 2026C… id is expected for 2026.'),
    cehrtUnconfirmedPrefixes: fact(['XX15C', '2025C'], 'L', ['oncCehrtId', 'notesCorrections'],
        'Whether QPP still accepts a legacy XX15C… or a 2025C… id for 2026 is not confirmed (ONC requires a new id each year): generate a 2026 id on the CHPL.'),
    saferGuideVersion: fact('2025', 'H', ['measuresData', 'notesCatalogue'], 'From 2026 the self-assessment must use the 2025 High Priority Practices SAFER Guide.'),
    suppressedMeasures: fact([], 'H', ['measuresData']),
    answerNoZeroes: fact(true, 'M', ['safer2024', 'notesCorrections'],
        'The note on CMS\'s 2024 PI measure specifications ("reporting a "No" for a Yes/No response measure will result in a total score of 0 points") is believed to be on the 2026 specifications too; the 2026 text is not in the reference material.'),
    publicHealthObjective: {
        ...previous.publicHealthObjective,
        whenAllExcluded: { to: 'PI_PEA_1', confidence: 'H', note: 'Both public-health measures excluded: the objective\'s 25 points go to Provide Patients Electronic Access (pi-rules-notes §7.2).' }
    },
    publicHealthBonus: { measures: ['PI_PHCDRR_2', 'PI_PHCDRR_4', 'PI_PHCDRR_5', 'PI_PHCDRR_6'], points: 5, confidence: 'M' }
};

export const year2026: YearData = { year: 2026, measures, facts };
