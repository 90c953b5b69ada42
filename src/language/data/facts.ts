/**
 * The shape of a performance year's facts: what the PI category requires that is not in CMS's
 * measure data (period length, CEHRT id forms, attestation answers, points, redistribution). Each
 * year's values live in ./years/<year>.ts; ./years.ts collects them.
 *
 * Confidence: 'H' seen in an official CMS/ONC text or data; 'M' consistent third-party
 * reproductions of CMS texts; 'L' partly seen or inferred. A rule built on an 'L' fact never raises
 * an error (see rules/catalogue.ts: `severityFor`).
 */
import type { SourceId } from './sources.js';

export type Confidence = 'H' | 'M' | 'L';

export interface Fact<T> {
    readonly value: T;
    readonly confidence: Confidence;
    readonly sources: readonly SourceId[];
    /** Said to the user where the fact is uncertain or needs explaining. */
    readonly note?: string;
}

export function fact<T>(value: T, confidence: Confidence, sources: SourceId[], note?: string): Fact<T> {
    return { value, confidence, sources, note };
}

/** Points one measure can earn, and how sure we are of it. */
export interface PointsEntry {
    readonly max: number;
    readonly confidence: Confidence;
    readonly bonus?: boolean;
}

export interface YearFacts {
    readonly year: number;
    /** The measure data for this year is still in progress (2027). */
    readonly provisional?: Fact<boolean>;
    /** Minimum number of continuous days in the performance period. */
    readonly minPeriodDays: Fact<number>;
    /** CEHRT id prefixes QPP accepts this year (first five characters). */
    readonly cehrtPrefixes: Fact<readonly string[]>;
    /**
     * Well-formed CEHRT id prefixes that may or may not pass this year: a warning (with the fact's
     * note), never an error. 2023: XX15E (QPP accepted the form; the texts require Cures Update);
     * 2026–2027: the earlier forms (a new id is required each year, whether the old ones pass is L).
     */
    readonly cehrtUnconfirmedPrefixes?: Fact<readonly string[]>;
    /** Which answers satisfy the SAFER Guide attestation (PI_PPHI_2). */
    readonly saferAnswers: Fact<readonly ('yes' | 'no')[]>;
    /** The SAFER High Priority Practices Guide edition to use, where a year prescribes one. */
    readonly saferGuideVersion?: Fact<string>;
    /** Which answers satisfy the ONC Direct Review attestation (PI_ONCDIR_1). */
    readonly oncDirectReviewAnswers: Fact<readonly ('yes' | 'no')[]>;
    /**
     * A "no" on a required yes/no measure (Query of PDMP where required, immunization, eCR, HIE_5 /
     * HIE_6 when it is the HIE option reported) scores the whole category 0 (pi-rules-notes §7.1).
     * Suppressed measures and bonus measures are never gated. Confidence: H where the year's text was
     * seen (2024), M where it is believed to carry the same note.
     */
    readonly answerNoZeroes: Fact<boolean>;
    /** APM entities may report PI at the APM entity level (What's New 2023; §7.5). */
    readonly apmEntityPiReporting: Fact<boolean>;
    /** Virtual groups report traditional MIPS only: no MVP, no APP (§7.5). */
    readonly virtualGroupTraditionalOnly: Fact<boolean>;
    /** Public-health measures must state their active-engagement level. */
    readonly engagementLevelRequired: Fact<boolean>;
    /** At most one performance period at pre-production per measure (needs the prior year). */
    readonly preProductionOnce: Fact<boolean>;
    /** Public-health measures suppressed this year: any answer earns full credit, no redistribution. */
    readonly suppressedMeasures: Fact<readonly string[]>;
    /** Claiming the e-Prescribing exclusion claims the Query of PDMP exclusion automatically. */
    readonly epExclusionExcludesPdmp: Fact<boolean>;
    /** The HIE objective: exactly one of these options. */
    readonly hieOptions: Fact<readonly (readonly string[])[]>;
    /** Points per scored measure. Public-health objective points are split between its required measures. */
    readonly points: Readonly<Record<string, PointsEntry>>;
    readonly publicHealthObjective: {
        readonly measures: readonly string[]; readonly points: number; readonly confidence: Confidence;
        /**
         * Where the objective's points go when every required public-health measure is excluded:
         * a measure id, or null when they are not redistributed (2025, eCR suppressed).
         */
        readonly whenAllExcluded: { readonly to: string | null; readonly confidence: Confidence; readonly note: string };
    };
    /** Optional public-health measures, one of which earns the bonus. */
    readonly publicHealthBonus: { readonly measures: readonly string[]; readonly points: number; readonly confidence: Confidence };
    /** Where an excluded measure's points go. */
    readonly redistribution: readonly Redistribution[];
    /** Category weight in the MIPS final score: the default, and PI's weight when cost is reweighted (§7.4). */
    readonly categoryWeight: Fact<{ readonly default: number; readonly costReweighted: number }>;
}

/**
 * "When `excluded` is excluded, its points go to `to` (split evenly among those reported and not
 * excluded; when all of them are excluded too, along their own rules)".
 */
export interface Redistribution {
    readonly excluded: string;
    readonly to: readonly string[];
    readonly confidence: Confidence;
    readonly note: string;
    /**
     * Other readings the official texts leave open (a rule of confidence L): the score is computed
     * under each, and the spread is the score range. `short` completes "depending on …".
     */
    readonly rivals?: readonly { readonly to: readonly string[]; readonly note: string }[];
    /** "how CMS redistributes the PI_HIE_1 exclusion": for the range text. */
    readonly short?: string;
}

/** Everything pisub knows about one performance year: CMS's measure data and the facts above. */
export interface YearData {
    readonly year: number;
    /** CMS's PI measure data for the year (qpp-measures/<year>-pi.json, verbatim). */
    readonly measures: readonly unknown[];
    readonly facts: YearFacts;
}

/**
 * The PI category's weight in the MIPS final score (the same every year pisub knows): 25% unless
 * CMS assigns another weight (42 CFR 414.1375(a)); 30% whenever the cost category is reweighted to 0%
 * (APM entity participation and the APP are examples: the 2023/2024 guides' weight charts; "Cost
 * isn't evaluated under the APP"); 0% when PI itself is reweighted. Other combinations give other
 * weights (CMS public data shows 0.85), so the weight is an assumption the user can state
 * (`weight 30%`, `--weight 30`). pi-rules-notes §7.4.
 */
export const CATEGORY_WEIGHT = fact({ default: 0.25, costReweighted: 0.30 }, 'H', ['cfr', 'guide2024', 'guide2023', 'notesWeight'],
    '25% of the MIPS final score by default (42 CFR 414.1375(a)); 30% whenever the cost category is reweighted to 0% (as for APM entity participation and the APP); 0% when PI is reweighted.');

