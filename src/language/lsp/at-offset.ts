/**
 * What sits at a text offset of a `.pisub` file, in terms of the submission model: a measure
 * reference, an exclusion, an engagement level, a count of a ratio, the period, the year, the CEHRT
 * id, the reporting option. Hover and other
 * editor features work from this and the document's Analysis instead of walking the AST.
 */
import { catalogueFor, officialMeasureId } from '../data/measures.js';
import { idForFriendlyName } from '../data/names.js';
import type { MeasureEntry, PeriodModel, Span } from '../model/submission.js';
import type { Analysis } from '../rules/engine.js';

export type Target =
    /** The measure as written (`e-prescribing`, `PI_EP_1`). */
    | { readonly kind: 'measure'; readonly entry: MeasureEntry; readonly span: Span; readonly measureId?: string }
    /** `excluded` or `excluded <exclusion id>`; measureId is the exclusion's id where it resolves. */
    | { readonly kind: 'exclusion'; readonly entry: MeasureEntry; readonly span: Span; readonly measureId?: string; readonly of?: string }
    /** `engagement production`; measureId is the level's id (…_PROD) where it resolves. */
    | { readonly kind: 'engagement'; readonly entry: MeasureEntry; readonly span: Span; readonly measureId?: string; readonly of?: string }
    | { readonly kind: 'count'; readonly entry: MeasureEntry; readonly span: Span; readonly measureId?: string }
    | { readonly kind: 'period'; readonly period: PeriodModel; readonly span: Span }
    | { readonly kind: 'year'; readonly value: string; readonly span: Span }
    | { readonly kind: 'cehrt'; readonly value: string; readonly span: Span }
    | { readonly kind: 'reporting'; readonly value: string; readonly span: Span };

function inside(span: Span | undefined, offset: number): span is Span {
    return span !== undefined && span.offset <= offset && offset <= span.end && span.end > span.offset;
}

/** The official id a written measure reference stands for (friendly name or id in any case). */
export function measureIdOf(written: string): string | undefined {
    return idForFriendlyName(written) ?? officialMeasureId(written);
}

/** Every measure entry of the submission, its own and its clinicians'. */
export function allEntries(analysis: Analysis): MeasureEntry[] {
    return [...analysis.model.entries, ...analysis.model.clinicians.flatMap(c => c.entries)];
}

export function targetAt(analysis: Analysis, offset: number): Target | undefined {
    for (const period of analysis.model.periods) {
        if (inside(period.span, offset)) return { kind: 'period', period, span: period.span };
    }
    const m = analysis.model;
    for (const y of m.years) if (inside(y.span, offset)) return { kind: 'year', value: y.value, span: y.span };
    for (const c of m.cehrts) if (inside(c.span, offset)) return { kind: 'cehrt', value: c.value, span: c.span };
    for (const r of m.reportings) if (inside(r.span, offset)) return { kind: 'reporting', value: r.option.value, span: r.span };
    const measurements = analysis.resolution?.measurements ?? [];
    const catalogue = analysis.year !== undefined ? catalogueFor(analysis.year) : undefined;
    for (const entry of allEntries(analysis)) {
        if (!inside(entry.span, offset)) continue;
        const measureId = measureIdOf(entry.ref.value);
        if (inside(entry.ref.span, offset)) return { kind: 'measure', entry, span: entry.ref.span, measureId };
        const v = entry.value;
        if (v.kind === 'excluded' && inside(v.span, offset)) {
            const resolved = measurements.find(m => m.entry === entry && m.via === 'exclusion')?.measureId
                ?? (v.exclusion ? measureIdOf(v.exclusion.value) : undefined);
            return { kind: 'exclusion', entry, span: v.span, measureId: resolved, of: measureId };
        }
        if (v.kind === 'ratio' && (inside(v.numerator.span, offset) || inside(v.denominator.span, offset) || inside(v.span, offset))) {
            return { kind: 'count', entry, span: v.span, measureId };
        }
        if (entry.engagement && inside(entry.engagement.span, offset)) {
            const suffix = entry.engagement.value === 'production' ? '_PROD' : '_PRE';
            const level = measurements.find(m => m.entry === entry && m.via === 'engagement')?.measureId
                ?? (measureId ? catalogue?.measures.get(measureId)?.preprod.find(l => l.endsWith(suffix)) : undefined);
            return { kind: 'engagement', entry, span: entry.engagement.span, measureId: level, of: measureId };
        }
        // Elsewhere on the statement (keyword, value): the measure.
        return { kind: 'measure', entry, span: entry.ref.span, measureId };
    }
    return undefined;
}
