/**
 * Performance year 2025: CMS's measure data and the facts not in it, each with its confidence and
 * sources (shared/reference/pi-rules-notes.md has the research behind each one). Starts from 2024's facts and
 * states what changed.
 */
import measures from '../qpp-measures/2025-pi.json' with { type: 'json' };
import { fact, type YearData, type YearFacts } from '../facts.js';
import { facts as previous } from './2024.js';

export const facts: YearFacts = {
    ...previous,
    year: 2025,
    minPeriodDays: fact(180, 'H', ['notesGates'], 'Any continuous 180 days in 2025; the last possible start is July 5, 2025.'),
    cehrtPrefixes: fact(['XX15C', '2025C'], 'H', ['notesIdentifiers'], '2025: legacy Cures Update ids (XX15C…) or the yearly form 2025C… (issued from 2025-09-01).'),
    suppressedMeasures: fact(['PI_PHCDRR_3'], 'H', ['notesCatalogue', 'notesPoints'],
        'Electronic Case Reporting is suppressed for 2025: it must still be answered (yes, no or exclusion) and every answer earns full credit; its points are not redistributed.'),
    answerNoZeroes: fact(true, 'M', ['safer2024', 'notesCorrections'],
        'The note on CMS\'s 2024 PI measure specifications ("reporting a "No" for a Yes/No response measure will result in a total score of 0 points") is believed to be on the 2025 specifications too (not in the reference material). Not for Electronic Case Reporting, suppressed in 2025.'),
    virtualGroupTraditionalOnly: fact(true, 'M', ['guide2024', 'notesCorrections'], 'Stated in the 2023 and 2024 guides; believed unchanged in 2025.'),
    publicHealthObjective: {
        ...previous.publicHealthObjective,
        whenAllExcluded: { to: null, confidence: 'H', note: 'Electronic Case Reporting is suppressed for 2025 and "the 25 points for this objective won\'t be redistributed to another objective" (2025 measure data): an excluded immunization measure leaves the whole objective to Electronic Case Reporting, which earns full credit.' }
    }
};

export const year2025: YearData = { year: 2025, measures, facts };
