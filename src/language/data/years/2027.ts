/**
 * Performance year 2027: CMS's measure data and the facts not in it, each with its confidence and
 * sources (shared/reference/pi-rules-notes.md has the research behind each one). Starts from 2026's facts and
 * states what changed.
 */
import measures from '../qpp-measures/2027-pi.json' with { type: 'json' };
import { fact, type YearData, type YearFacts } from '../facts.js';
import { facts as previous } from './2026.js';

export const facts: YearFacts = {
    ...previous,
    year: 2027,
    provisional: fact(true, 'L', ['measuresData', 'notesCatalogue'],
        'CMS says the 2027 measure data is "in progress and subject to change"; 2027 rules mirror 2026 until CMS publishes final data.'),
    minPeriodDays: fact(180, 'L', ['notesGates'], 'Assumed unchanged from 2026 (180 days); not yet confirmed for 2027.'),
    cehrtPrefixes: fact(['XX15C', '2025C', '2026C', '2027C'], 'L', ['notesIdentifiers'], 'Not confirmed for 2027.')
};

export const year2027: YearData = { year: 2027, measures, facts };
