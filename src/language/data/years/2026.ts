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
    cehrtPrefixes: fact(['XX15C', '2025C', '2026C'], 'L', ['notesIdentifiers'],
        'The accepted CEHRT id forms for 2026 are not confirmed in the reference material (likely XX15C, 2025C, 2026C).'),
    saferGuideVersion: fact('2025', 'H', ['measuresData', 'notesCatalogue'], 'From 2026 the self-assessment must use the 2025 High Priority Practices SAFER Guide.'),
    suppressedMeasures: fact([], 'H', ['measuresData']),
    publicHealthBonus: { measures: ['PI_PHCDRR_2', 'PI_PHCDRR_4', 'PI_PHCDRR_5', 'PI_PHCDRR_6'], points: 5, confidence: 'M' }
};

export const year2026: YearData = { year: 2026, measures, facts };
