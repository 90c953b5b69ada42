/**
 * Performance year 2024: CMS's measure data and the facts not in it, each with its confidence and
 * sources (shared/reference/pi-rules-notes.md has the research behind each one). Starts from 2023's facts and
 * states what changed.
 */
import measures from '../qpp-measures/2024-pi.json' with { type: 'json' };
import { fact, type YearData, type YearFacts } from '../facts.js';
import { facts as previous } from './2023.js';

export const facts: YearFacts = {
    ...previous,
    year: 2024,
    minPeriodDays: fact(180, 'H', ['guide2024', 'notesGates'], 'Any continuous 180 days in 2024; the last possible start is July 5, 2024.'),
    cehrtPrefixes: fact(['XX15C'], 'H', ['notesIdentifiers'], 'Only 2015 Edition Cures Update ids (XX15C…) are accepted for 2024.'),
    cehrtUnconfirmedPrefixes: undefined,
    saferAnswers: fact(['yes'], 'H', ['guide2024', 'safer2024', 'cfr'], 'From 2024 only "yes" satisfies the SAFER Guide measure (2024 Quick Start Guide step 4b; 42 CFR 414.1375(b)(2)(ii)(D)).'),
    oncDirectReviewAnswers: fact(['yes', 'no'], 'H', ['guide2024'], '2024 Quick Start Guide: submit a "yes" or "no" to the ONC Direct Review attestation.'),
    epExclusionExcludesPdmp: fact(true, 'H', ['guide2024']),
    answerNoZeroes: fact(true, 'H', ['safer2024', 'notesCorrections'],
        'CMS\'s 2024 PI measure specification: "reporting a "No" for a Yes/No response measure will result in a total score of 0 points for the Promoting Interoperability performance category."'),
    virtualGroupTraditionalOnly: fact(true, 'H', ['guide2024', 'notesCorrections'],
        '2024 Quick Start Guide: virtual group participation is "Available for traditional MIPS reporting only"; the APP lists individual, group and APM entity participation.'),
    preProductionOnce: fact(true, 'H', ['guide2023', 'notesReporting'], 'Starting with 2024, a clinician may spend only one performance period at Pre-production and Validation per measure and must progress to Validated Data Production in the next period they report it (2023 Quick Start Guide, What\'s New, item 2).')
};

export const year2024: YearData = { year: 2024, measures, facts };
