/**
 * Turns the measure entries as written (friendly names, `excluded`, `engagement ...`) into the
 * measurement set CMS sees: official ids with `true|false` or `{ numerator, denominator }` — the
 * QPP Submissions API's `measurements`. Reports what cannot be resolved (rules measure/*,
 * exclusion/not-for-measure, exclusion/ambiguous, exclusion/not-available, public-health/engagement-*).
 */
import { measureKind, officialMeasureId, yearsOfMeasure, type YearCatalogue } from '../data/measures.js';
import { idForFriendlyName, preferredName } from '../data/names.js';
import type { MeasureEntry, Span } from '../model/submission.js';
import type { RuleContext } from './context.js';

export type MeasurementValue = boolean | { readonly numerator: number; readonly denominator: number };

export interface Measurement {
    readonly measureId: string;
    /** Undefined where the written numbers are not valid counts (already reported). */
    readonly value: MeasurementValue | undefined;
    readonly entry: MeasureEntry;
    /** Where a finding about this measurement points. */
    readonly span: Span;
    /** How the entry produced it: the measure itself, an exclusion claim, or an engagement level. */
    readonly via: 'direct' | 'exclusion' | 'engagement';
}

export interface Resolution {
    readonly measurements: readonly Measurement[];
    readonly byId: ReadonlyMap<string, readonly Measurement[]>;
}

export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/** Parses a count as written; undefined (with a finding) when it is not a whole number ≥ 0. */
function parseCount(ctx: RuleContext, text: string, span: Span, what: string): number | undefined {
    if (!/^-?\d+(\.\d+)?$/.test(text)) {
        ctx.report('measure/not-whole-number', span, `The ${what} "${text}" is not a number. Write a whole number ≥ 0.`);
        return undefined;
    }
    if (text.startsWith('-')) {
        ctx.report('measure/not-whole-number', span, `The ${what} ${text} is negative. Counts are whole numbers ≥ 0.`);
        return undefined;
    }
    if (text.includes('.')) {
        ctx.report('measure/not-whole-number', span, `The ${what} ${text} is not a whole number. Counts of patients or actions are whole numbers.`);
        return undefined;
    }
    const n = Number(text);
    if (!Number.isSafeInteger(n)) {
        ctx.report('measure/not-whole-number', span, `The ${what} ${text} is too large to be a real count (more than ${MAX_COUNT}).`);
        return undefined;
    }
    return n;
}

/** The official id a written reference stands for, or undefined (reported). */
export function resolveRef(ctx: RuleContext, entry: MeasureEntry, cat: YearCatalogue): string | undefined {
    const written = entry.ref.value;
    const friendly = idForFriendlyName(written);
    const official = friendly ?? officialMeasureId(written);
    if (!official) {
        ctx.report('measure/unknown', entry.ref.span,
            `Unknown measure "${written}". Use an official id such as PI_EP_1 or a friendly name such as e-prescribing (see completion or docs/language.md).`);
        return undefined;
    }
    if (!friendly && official !== written) {
        ctx.report('measure/id-case', entry.ref.span,
            `Write the measure id as ${official}: the QPP API matches ids exactly, upper case.`,
            { fixes: [{ title: `Write ${official}`, edits: [{ span: entry.ref.span, text: official }], preferred: true }] });
    }
    if (!cat.measures.has(official)) {
        const years = yearsOfMeasure(official);
        const shown = preferredName(official) ? `${official} (${preferredName(official)})` : official;
        ctx.report('measure/not-in-year', entry.ref.span,
            `${shown} does not exist in ${cat.year}: CMS's measure data has it only for ${describeYears(years)}. Remove it or report the measure that replaces it.`,
            { fixes: [{ title: `Remove ${official}`, edits: [{ span: entry.span, text: '' }] }] });
        return undefined;
    }
    return official;
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

/** Resolves every entry of the submission into measurements, reporting what does not resolve. */
export function resolveEntries(ctx: RuleContext, entries: readonly MeasureEntry[], cat: YearCatalogue): Resolution {
    const measurements: Measurement[] = [];
    const engagementRequired = ctx.facts?.engagementLevelRequired.value ?? false;

    for (const entry of entries) {
        const id = resolveRef(ctx, entry, cat);
        if (!id) continue;
        const info = cat.measures.get(id)!;
        const kind = measureKind(cat, id);
        const v = entry.value;

        const isPublicHealth = kind === 'measure' && info.objective === 'publicHealthAndClinicalDataExchange';
        checkDetails(ctx, entry, id, isPublicHealth);

        if (v.kind === 'excluded') {
            if (kind !== 'measure') {
                ctx.report('exclusion/not-available', v.span, `${id} is itself ${kind === 'exclusion' ? 'an exclusion' : 'an engagement level'}: answer it with yes or no.`);
                continue;
            }
            const exclusions = info.exclusion.filter(ex => cat.measures.has(ex));
            if (exclusions.length === 0) {
                ctx.report('exclusion/not-available', v.span,
                    `${info.title} (${id}) has no exclusion in ${cat.year}. ${info.isBonus ? 'It is optional: leave it out instead.' : info.isRequired ? 'Report it, or the category scores 0.' : 'Report it or leave it out.'}`);
                continue;
            }
            let exclusionId: string | undefined;
            if (v.exclusion) {
                const written = v.exclusion.value;
                const exOfficial = idForFriendlyName(written) ?? officialMeasureId(written);
                if (!exOfficial) {
                    ctx.report('measure/unknown', v.exclusion.span, `Unknown exclusion "${written}". ${id}'s exclusions in ${cat.year}: ${listExclusions(cat, exclusions)}.`);
                    continue;
                }
                if (!cat.measures.has(exOfficial)) {
                    const replacement = exclusions.length === 1 ? exclusions[0] : undefined;
                    ctx.report('measure/not-in-year', v.exclusion.span,
                        `Exclusion ${exOfficial} does not exist in ${cat.year} (it exists in ${describeYears(yearsOfMeasure(exOfficial))}). ${id}'s exclusions in ${cat.year}: ${listExclusions(cat, exclusions)}.`,
                        { fixes: exclusions.map(ex => ({ title: `Claim ${ex} instead`, edits: [{ span: v.exclusion!.span, text: ex }], preferred: ex === replacement })) });
                    continue;
                }
                if (!exclusions.includes(exOfficial)) {
                    ctx.report('exclusion/not-for-measure', v.exclusion.span,
                        `${exOfficial} is not an exclusion of ${id}. ${id}'s exclusions in ${cat.year}: ${listExclusions(cat, exclusions)}.`);
                    continue;
                }
                if (exOfficial !== written && !idForFriendlyName(written)) {
                    ctx.report('measure/id-case', v.exclusion.span, `Write the exclusion id as ${exOfficial}.`,
                        { fixes: [{ title: `Write ${exOfficial}`, edits: [{ span: v.exclusion.span, text: exOfficial }], preferred: true }] });
                }
                exclusionId = exOfficial;
            } else if (exclusions.length === 1) {
                exclusionId = exclusions[0];
            } else {
                ctx.report('exclusion/ambiguous', v.span,
                    `${info.title} has ${exclusions.length} exclusions in ${cat.year}; name the one you claim: ${listExclusions(cat, exclusions)}.`,
                    { fixes: exclusions.map(ex => ({ title: `Claim ${ex}`, edits: [{ span: { offset: v.span.end, end: v.span.end }, text: ` ${ex}` }] })) });
                continue;
            }
            measurements.push({ measureId: exclusionId, value: true, entry, span: v.exclusion?.span ?? v.span, via: 'exclusion' });
            continue;
        }

        if (v.kind === 'ratio') {
            if (info.metricType !== 'proportion') {
                ctx.report('measure/value-type', v.span, `${info.title} (${id}) is answered yes or no, not with a numerator and denominator.`);
                continue;
            }
            const numerator = parseCount(ctx, v.numerator.value, v.numerator.span, 'numerator');
            const denominator = parseCount(ctx, v.denominator.value, v.denominator.span, 'denominator');
            const value = numerator !== undefined && denominator !== undefined ? { numerator, denominator } : undefined;
            if (value && value.numerator > value.denominator) {
                ctx.report('measure/numerator-exceeds-denominator', v.span, value.denominator === 0
                    ? `${id}: a denominator of 0 goes only with a numerator of 0 (here ${value.numerator}). Check the EHR report for this measure.`
                    : `${id}: the numerator ${value.numerator} is larger than the denominator ${value.denominator}. The numerator counts a subset of the denominator; check the EHR report.`);
            }
            measurements.push({ measureId: id, value, entry, span: v.span, via: 'direct' });
            continue;
        }

        // yes / no
        if (info.metricType === 'proportion') {
            ctx.report('measure/value-type', v.span, `${info.title} (${id}) is reported as numerator / denominator (e.g. \`${entry.ref.value} 45 / 60\`), not yes or no.`);
            continue;
        }
        const answer = v.answer.value;
        measurements.push({ measureId: id, value: answer, entry, span: v.span, via: 'direct' });

        if (entry.engagement && isPublicHealth) {
            if (!engagementRequired) {
                ctx.report('public-health/engagement-not-in-year', entry.engagement.span,
                    `Active-engagement levels are reported from 2023; for ${cat.year} the level is not submitted and will be left out of the export.`,
                    { fixes: [{ title: 'Remove the engagement level', edits: [{ span: { offset: v.span.end, end: entry.engagement.span.end }, text: '' }] }] });
            } else if (!answer) {
                ctx.report('public-health/engagement-without-yes', entry.engagement.span,
                    `${id} is answered "no", so it has no active-engagement level. Answer yes (you are in active engagement) or remove the level.`);
            } else {
                const suffix = entry.engagement.value === 'production' ? '_PROD' : '_PRE';
                const levelId = info.preprod.find(l => l.endsWith(suffix) && cat.measures.has(l));
                if (levelId) measurements.push({ measureId: levelId, value: true, entry, span: entry.engagement.span, via: 'engagement' });
                else ctx.report('attestation/detail-not-applicable', entry.engagement.span,
                    `${info.title} (${id}) has no active-engagement levels in CMS's ${cat.year} measure data; remove \`engagement ${entry.engagement.value}\`.`);
            }
        }
    }

    const byId = new Map<string, Measurement[]>();
    for (const m of measurements) {
        const list = byId.get(m.measureId);
        if (list) list.push(m); else byId.set(m.measureId, [m]);
    }
    return { measurements, byId };
}

function listExclusions(cat: YearCatalogue, ids: readonly string[]): string {
    return ids.map(ex => `${ex} (${shorten(cat.measures.get(ex)?.description ?? '')})`).join('; ');
}

function shorten(text: string, max = 90): string {
    const t = text.replace(/^Any MIPS eligible clinician who /i, '');
    return t.length > max ? t.slice(0, max - 1).trimEnd() + '…' : t.replace(/\.$/, '');
}

/** `completed`, `version`, `engagement` only where they mean something. */
function checkDetails(ctx: RuleContext, entry: MeasureEntry, id: string, isPublicHealthMeasure: boolean): void {
    const dated = id === 'PI_PPHI_1' || id === 'PI_PPHI_2';
    if (entry.completed && !dated) {
        ctx.report('attestation/detail-not-applicable', entry.completed.span,
            `\`completed\` is for the Security Risk Analysis and the SAFER Guide; it means nothing on ${id}.`);
    }
    if (entry.version && id !== 'PI_PPHI_2') {
        ctx.report('attestation/detail-not-applicable', entry.version.span, `\`version\` is the SAFER Guide edition; it means nothing on ${id}.`);
    }
    if (entry.engagement && !isPublicHealthMeasure) {
        ctx.report('attestation/detail-not-applicable', entry.engagement.span,
            `\`engagement\` is the active-engagement level of a public-health measure; it means nothing on ${id}.`);
    }
}
