/**
 * What several checks need to know about the resolved measurement set: which measures are excluded
 * (directly or automatically), which HIE option is reported, and the wording and fixes they share.
 * Pure functions of the resolution; they report nothing.
 */
import type { YearCatalogue } from '../data/measures.js';
import { preferredName } from '../data/names.js';
import type { YearFacts } from '../data/years.js';
import type { MeasureEntry, SubmissionModel } from '../model/submission.js';
import type { FixSuggestion } from './context.js';
import type { Measurement, Resolution } from './resolve.js';

/** "Title (ID)", or the id when the year's data does not have it. */
export function label(cat: YearCatalogue, id: string): string {
    const info = cat.measures.get(id);
    return info ? `${info.title} (${id})` : id;
}

/** The line that reports a measure, with placeholder values (`measure e-prescribing 0 / 0`). */
export function skeleton(cat: YearCatalogue, id: string): string {
    const name = preferredName(id) ?? id;
    const info = cat.measures.get(id);
    if (info?.metricType === 'proportion') return `measure ${name} 0 / 0`;
    if (info?.preprod.length) return `measure ${name} yes engagement production`;
    return `measure ${name} yes`;
}

export function removeFix(entry: MeasureEntry, title: string): FixSuggestion {
    return { title, edits: [{ span: entry.span, text: '' }] };
}

/** A fix inserting whole statement lines before the closing brace (none when there is no such place). */
export function insertFixes(model: SubmissionModel, fixes: readonly { title: string; lines: readonly string[] }[]): FixSuggestion[] {
    const at = model.insertAt;
    if (at === undefined) return [];
    return fixes.map(f => ({ title: f.title, edits: [{ span: { offset: at, end: at }, text: f.lines.map(l => `    ${l}\n`).join('') }] }));
}

/** Measures whose exclusion is claimed, or excluded automatically (Query of PDMP with e-Prescribing's). */
export function excludedMeasures(res: Resolution, cat: YearCatalogue, facts: YearFacts): Map<string, Measurement | 'automatic'> {
    const excluded = new Map<string, Measurement | 'automatic'>();
    for (const m of res.measurements) {
        const of = cat.exclusionOf.get(m.measureId);
        if (of && m.value === true && !excluded.has(of)) excluded.set(of, m);
    }
    if (facts.epExclusionExcludesPdmp.value && excluded.has('PI_EP_1') && cat.measures.get('PI_EP_2')?.isRequired && !excluded.has('PI_EP_2')) {
        excluded.set('PI_EP_2', 'automatic');
    }
    return excluded;
}

/** The HIE options the submission touches (reports a measure of, or an exclusion of one), in order of the facts. */
export function touchedHieOptions(res: Resolution, cat: YearCatalogue, facts: YearFacts): { opt: readonly string[]; ms: Measurement[] }[] {
    const touches = (id: string): Measurement | undefined => {
        const direct = res.byId.get(id)?.[0];
        if (direct) return direct;
        for (const ex of cat.measures.get(id)?.exclusion ?? []) {
            const m = res.byId.get(ex)?.[0];
            if (m) return m;
        }
        return undefined;
    };
    return facts.hieOptions.value
        .map(opt => ({ opt, ms: opt.map(touches).filter((m): m is Measurement => m !== undefined) }))
        .filter(o => o.ms.length > 0);
}

export function describeOption(opt: readonly string[]): string {
    return opt.join(' + ');
}

export function describeAllOptions(facts: YearFacts): string {
    return facts.hieOptions.value.map(o => `{${describeOption(o)}}`).join(' or ');
}

/** "PI_LVPP_1 (writes fewer than 100 permissible prescriptions …); …" */
export function listExclusions(cat: YearCatalogue, ids: readonly string[]): string {
    return ids.map(ex => `${ex} (${shorten(cat.measures.get(ex)?.description ?? '')})`).join('; ');
}

function shorten(text: string, max = 90): string {
    const t = text.replace(/^Any MIPS eligible clinician who /i, '');
    return t.length > max ? t.slice(0, max - 1).trimEnd() + '…' : t.replace(/\.$/, '');
}
