/**
 * Every performance year pisub knows, one file per year (./years/<year>.ts: CMS's measure data and
 * the facts not in it). Adding a year = adding its file and listing it in YEARS below; nothing else
 * names a year. Rules ask these facts (`factsFor(year).minPeriodDays`), never `if (year >= 2024)`.
 */
import type { YearData, YearFacts } from './facts.js';
import { year2022 } from './years/2022.js';
import { year2023 } from './years/2023.js';
import { year2024 } from './years/2024.js';
import { year2025 } from './years/2025.js';
import { year2026 } from './years/2026.js';
import { year2027 } from './years/2027.js';

export type { Confidence, Fact, PointsEntry, Redistribution, YearData, YearFacts } from './facts.js';

/** The performance years pisub knows, oldest first. */
export const YEARS: readonly YearData[] = [year2022, year2023, year2024, year2025, year2026, year2027]
    .slice().sort((a, b) => a.year - b.year);

const BY_YEAR = new Map(YEARS.map(y => [y.year, y]));

/** The performance years whose measure data and facts pisub ships. */
export const SUPPORTED_YEARS: readonly number[] = YEARS.map(y => y.year);

/** Everything pisub knows about one performance year, or undefined. */
export function yearData(year: number): YearData | undefined {
    return BY_YEAR.get(year);
}

/** The facts of a supported performance year, or undefined. */
export function factsFor(year: number): YearFacts | undefined {
    return BY_YEAR.get(year)?.facts;
}

/**
 * The first supported year from which `holds` is true in every later year, for messages such as
 * "from 2024" (built from the facts, so they follow the data). Undefined when it never settles.
 */
export function firstYearWhere(holds: (facts: YearFacts) => boolean): number | undefined {
    let first: number | undefined;
    for (const y of YEARS) {
        if (holds(y.facts)) first ??= y.year;
        else first = undefined;
    }
    return first;
}

/** Last day on which a period of `days` continuous days can start in `year` (Dec 31 − (days − 1)). */
export function latestStart(year: number, days: number): string {
    const end = Date.UTC(year, 11, 31);
    const start = new Date(end - (days - 1) * 86_400_000);
    return start.toISOString().slice(0, 10);
}
