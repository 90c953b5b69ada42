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
    cehrtPrefixes: fact(['2027C'], 'M', ['oncCehrtId', 'notesCorrections'],
        'ONC (January 2026): "A new CMS EHR Certification ID is required each year", so a 2027C… id is expected for 2027.'),
    cehrtUnconfirmedPrefixes: fact(['XX15C', '2025C', '2026C'], 'L', ['oncCehrtId', 'notesCorrections'],
        'Whether QPP accepts an earlier id form for 2027 is not confirmed (ONC requires a new id each year): generate a 2027 id on the CHPL.'),
    answerNoZeroes: fact(true, 'M', ['safer2024', 'notesCorrections'],
        'The note on CMS\'s 2024 PI measure specifications is believed to be on the 2027 specifications too (the 2027 data is still in progress).')
};

export const year2027: YearData = { year: 2027, measures, facts };
