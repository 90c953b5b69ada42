/**
 * Turns the measure entries as written (friendly names, `excluded`, `engagement ...`) into the
 * measurement set CMS sees: official ids with `true|false` or `{ numerator, denominator }` — the
 * QPP Submissions API's `measurements`. Pure: it reports nothing. What cannot be resolved comes back
 * as `problems` (data, keyed by the rule code), which the checks of each area turn into findings:
 * measure/* in checks/measure.ts, exclusion/* in checks/exclusion.ts, public-health/* in
 * checks/public-health.ts, attestation/detail-not-applicable in checks/attestation.ts.
 *
 * The engine resolves a submission once, before any check runs (`resolveSubmission`).
 */
import { measureKind, officialMeasureId, type YearCatalogue } from '../data/measures.js';
import { idForFriendlyName } from '../data/names.js';
import type { YearFacts } from '../data/years.js';
import type { ClinicianModel, MeasureEntry, Span, SubmissionModel } from '../model/submission.js';
import { isPublicHealth } from '../vocabulary.js';

export type MeasurementValue = boolean | { readonly numerator: number; readonly denominator: number };

export interface Measurement {
    readonly measureId: string;
    /** Undefined where the written numbers are not valid counts (a problem says why). */
    readonly value: MeasurementValue | undefined;
    readonly entry: MeasureEntry;
    /** Where a finding about this measurement points. */
    readonly span: Span;
    /** How the entry produced it: the measure itself, an exclusion claim, or an engagement level. */
    readonly via: 'direct' | 'exclusion' | 'engagement';
}

/** Why an entry (or part of it) does not resolve; `code` is the rule that reports it. */
export type EntryProblem = { readonly entry: MeasureEntry; readonly span: Span } & (
    | { readonly code: 'measure/unknown'; readonly written: string; readonly exclusionOf?: ExclusionChoice }
    | { readonly code: 'measure/id-case'; readonly official: string; readonly what: 'measure' | 'exclusion' }
    | { readonly code: 'measure/not-in-year'; readonly official: string; readonly exclusionOf?: ExclusionChoice }
    | { readonly code: 'measure/not-whole-number'; readonly what: 'numerator' | 'denominator'; readonly text: string; readonly why: 'not-a-number' | 'negative' | 'fraction' | 'too-large' }
    | { readonly code: 'measure/value-type'; readonly id: string; readonly expected: 'ratio' | 'answer' }
    | { readonly code: 'measure/numerator-exceeds-denominator'; readonly id: string; readonly numerator: number; readonly denominator: number }
    | { readonly code: 'exclusion/not-available'; readonly id: string; readonly reason: 'is-exclusion' | 'is-level' | 'no-exclusion' }
    | { readonly code: 'exclusion/not-for-measure'; readonly exclusion: string; readonly exclusionOf: ExclusionChoice }
    | { readonly code: 'exclusion/ambiguous'; readonly exclusionOf: ExclusionChoice }
    | { readonly code: 'public-health/engagement-not-in-year'; readonly id: string }
    | { readonly code: 'public-health/engagement-without-yes'; readonly id: string }
    | { readonly code: 'attestation/detail-not-applicable'; readonly id: string; readonly detail: 'completed' | 'version' | 'engagement' | 'no-levels' }
);

/** A problem without its entry (distributes over the union). */
type ProblemData = EntryProblem extends infer P ? P extends unknown ? Omit<P, 'entry'> : never : never;

/** A measure and the exclusions that year's data offers for it. */
export interface ExclusionChoice {
    readonly id: string;
    readonly exclusions: readonly string[];
}

export interface Resolution {
    readonly measurements: readonly Measurement[];
    readonly byId: ReadonlyMap<string, readonly Measurement[]>;
    readonly problems: readonly EntryProblem[];
}

/** The submission's own entries and each clinician's, resolved once. */
export interface SubmissionResolution extends Resolution {
    readonly clinicians: ReadonlyMap<ClinicianModel, Resolution>;
}

export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/** Parses a count as written; a problem when it is not a whole number ≥ 0. */
function parseCount(text: string, what: 'numerator' | 'denominator'): number | Omit<Extract<EntryProblem, { code: 'measure/not-whole-number' }>, 'entry' | 'span'> {
    const problem = (why: 'not-a-number' | 'negative' | 'fraction' | 'too-large') => ({ code: 'measure/not-whole-number' as const, what, text, why });
    if (!/^-?\d+(\.\d+)?$/.test(text)) return problem('not-a-number');
    if (text.startsWith('-')) return problem('negative');
    if (text.includes('.')) return problem('fraction');
    const n = Number(text);
    if (!Number.isSafeInteger(n)) return problem('too-large');
    return n;
}

export function describeYears(years: readonly number[]): string {
    if (years.length === 0) return 'no supported year';
    const runs: string[] = [];
    let start = years[0], prev = years[0];
    for (const y of [...years.slice(1), Number.NaN]) {
        if (y === prev + 1) { prev = y; continue; }
        runs.push(start === prev ? String(start) : `${start}–${prev}`);
        start = prev = y;
    }
    return runs.join(', ');
}

/** The submission's entries and every clinician's, each resolved on its own. */
export function resolveSubmission(model: SubmissionModel, cat: YearCatalogue, facts: YearFacts): SubmissionResolution {
    const own = resolveEntries(model.entries, cat, facts);
    const clinicians = new Map<ClinicianModel, Resolution>();
    for (const c of model.clinicians) if (c.entries.length > 0) clinicians.set(c, resolveEntries(c.entries, cat, facts));
    return { ...own, clinicians };
}

/** Resolves entries into measurements; what does not resolve is returned in `problems`. */
export function resolveEntries(entries: readonly MeasureEntry[], cat: YearCatalogue, facts: YearFacts | undefined): Resolution {
    const measurements: Measurement[] = [];
    const problems: EntryProblem[] = [];
    const engagementRequired = facts?.engagementLevelRequired.value ?? false;

    for (const entry of entries) {
        const problem = (p: ProblemData) => problems.push({ entry, ...p } as EntryProblem);
        const written = entry.ref.value;
        const friendly = idForFriendlyName(written);
        const id = friendly ?? officialMeasureId(written);
        if (!id) { problem({ code: 'measure/unknown', span: entry.ref.span, written }); continue; }
        if (!friendly && id !== written) problem({ code: 'measure/id-case', span: entry.ref.span, official: id, what: 'measure' });
        if (!cat.measures.has(id)) { problem({ code: 'measure/not-in-year', span: entry.ref.span, official: id }); continue; }
        const info = cat.measures.get(id)!;
        const kind = measureKind(cat, id);
        const v = entry.value;

        const publicHealth = kind === 'measure' && isPublicHealth(info);
        // `completed`, `version`, `engagement` only where they mean something.
        if (entry.completed && id !== 'PI_PPHI_1' && id !== 'PI_PPHI_2') problem({ code: 'attestation/detail-not-applicable', span: entry.completed.span, id, detail: 'completed' });
        if (entry.version && id !== 'PI_PPHI_2') problem({ code: 'attestation/detail-not-applicable', span: entry.version.span, id, detail: 'version' });
        if (entry.engagement && !publicHealth) problem({ code: 'attestation/detail-not-applicable', span: entry.engagement.span, id, detail: 'engagement' });

        if (v.kind === 'excluded') {
            if (kind !== 'measure') { problem({ code: 'exclusion/not-available', span: v.span, id, reason: kind === 'exclusion' ? 'is-exclusion' : 'is-level' }); continue; }
            const exclusions = info.exclusion.filter(ex => cat.measures.has(ex));
            const choice: ExclusionChoice = { id, exclusions };
            if (exclusions.length === 0) { problem({ code: 'exclusion/not-available', span: v.span, id, reason: 'no-exclusion' }); continue; }
            let exclusionId: string | undefined;
            if (v.exclusion) {
                const exWritten = v.exclusion.value;
                const exOfficial = idForFriendlyName(exWritten) ?? officialMeasureId(exWritten);
                if (!exOfficial) { problem({ code: 'measure/unknown', span: v.exclusion.span, written: exWritten, exclusionOf: choice }); continue; }
                if (!cat.measures.has(exOfficial)) { problem({ code: 'measure/not-in-year', span: v.exclusion.span, official: exOfficial, exclusionOf: choice }); continue; }
                if (!exclusions.includes(exOfficial)) { problem({ code: 'exclusion/not-for-measure', span: v.exclusion.span, exclusion: exOfficial, exclusionOf: choice }); continue; }
                if (exOfficial !== exWritten && !idForFriendlyName(exWritten)) problem({ code: 'measure/id-case', span: v.exclusion.span, official: exOfficial, what: 'exclusion' });
                exclusionId = exOfficial;
            } else if (exclusions.length === 1) {
                exclusionId = exclusions[0];
            } else {
                problem({ code: 'exclusion/ambiguous', span: v.span, exclusionOf: choice });
                continue;
            }
            measurements.push({ measureId: exclusionId, value: true, entry, span: v.exclusion?.span ?? v.span, via: 'exclusion' });
            continue;
        }

        if (v.kind === 'ratio') {
            if (info.metricType !== 'proportion') { problem({ code: 'measure/value-type', span: v.span, id, expected: 'answer' }); continue; }
            const numerator = parseCount(v.numerator.value, 'numerator');
            const denominator = parseCount(v.denominator.value, 'denominator');
            if (typeof numerator !== 'number') problem({ ...numerator, span: v.numerator.span });
            if (typeof denominator !== 'number') problem({ ...denominator, span: v.denominator.span });
            const value = typeof numerator === 'number' && typeof denominator === 'number' ? { numerator, denominator } : undefined;
            if (value && value.numerator > value.denominator) {
                problem({ code: 'measure/numerator-exceeds-denominator', span: v.span, id, numerator: value.numerator, denominator: value.denominator });
            }
            measurements.push({ measureId: id, value, entry, span: v.span, via: 'direct' });
            continue;
        }

        // yes / no
        if (info.metricType === 'proportion') { problem({ code: 'measure/value-type', span: v.span, id, expected: 'ratio' }); continue; }
        const answer = v.answer.value;
        measurements.push({ measureId: id, value: answer, entry, span: v.span, via: 'direct' });

        if (entry.engagement && publicHealth) {
            if (!engagementRequired) {
                problem({ code: 'public-health/engagement-not-in-year', span: entry.engagement.span, id });
            } else if (!answer) {
                problem({ code: 'public-health/engagement-without-yes', span: entry.engagement.span, id });
            } else {
                const suffix = entry.engagement.value === 'production' ? '_PROD' : '_PRE';
                const levelId = info.preprod.find(l => l.endsWith(suffix) && cat.measures.has(l));
                if (levelId) measurements.push({ measureId: levelId, value: true, entry, span: entry.engagement.span, via: 'engagement' });
                else problem({ code: 'attestation/detail-not-applicable', span: entry.engagement.span, id, detail: 'no-levels' });
            }
        }
    }

    const byId = new Map<string, Measurement[]>();
    for (const m of measurements) {
        const list = byId.get(m.measureId);
        if (list) list.push(m); else byId.set(m.measureId, [m]);
    }
    return { measurements, byId, problems };
}

/** The problems of the submission's entries and its clinicians' entries with one of `codes`. */
export function problemsOf<C extends EntryProblem['code']>(res: SubmissionResolution, ...codes: C[]): Extract<EntryProblem, { code: C }>[] {
    const all = [...res.problems, ...[...res.clinicians.values()].flatMap(r => r.problems)];
    return all.filter((p): p is Extract<EntryProblem, { code: C }> => (codes as string[]).includes(p.code));
}
