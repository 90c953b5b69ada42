/**
 * The submission as a whole.
 * Reports: submission/duplicate-statement, submission/practice-missing, submission/duplicate-name,
 * submission/conflicting-data (files checked together that submit for the same entity, year and option),
 * submission/weight-out-of-range.
 * (submission/syntax comes from the parser and is a gate reason in engine.ts; score/zero is the
 * engine's summary of the gate reasons.)
 */
import type { YearCatalogue } from '../../data/measures.js';
import { submissionKey, type Span } from '../../model/submission.js';
import type { RuleContext } from '../context.js';
import { resolveSubmission, type Resolution } from '../resolve.js';

export function checkSubmission(ctx: RuleContext): void {
    const m = ctx.model;
    const duplicates = (items: readonly { span: { offset: number; end: number } }[], what: string): void => {
        for (const extra of items.slice(1)) {
            ctx.report('submission/duplicate-statement', extra.span, `${what} is stated twice. Keep one; remove this one or the first.`,
                { fixes: [{ title: `Remove the second ${what.toLowerCase()}`, edits: [{ span: extra.span, text: '' }] }] });
        }
    };
    duplicates(m.years, 'The performance year');
    duplicates(m.practices, 'The practice name');
    duplicates(m.entities, 'The entity');
    duplicates(m.reportings, 'The reporting option');
    duplicates(m.periods, 'The performance period');
    duplicates(m.cehrts, 'The CEHRT id');
    duplicates(m.weights ?? [], 'The category weight');
    const weight = m.weights?.[0];
    if (weight && !(Number(weight.value) >= 0 && Number(weight.value) <= 100)) {
        ctx.report('submission/weight-out-of-range', weight.span,
            `A category weight of ${weight.value}% is not a weight: write a percentage from 0 to 100 (\`weight 25%\` is the default; CMS uses 30% when the cost category is reweighted).`);
    }

    if (m.practices.length === 0 && m.origin === 'pisub') {
        ctx.report('submission/practice-missing', m.headerSpan, 'No practice name. Add `practice "Name of the practice"` so reports and reviewers can tell submissions apart.');
    }

    const name = m.name;
    const others = name && ctx.workspace ? ctx.workspace.otherFilesDeclaring(name.value) : [];
    if (name && others.length > 0) {
        const used = ctx.workspace?.declaredNames?.();
        const unique = used ? uniqueName(name.value, ctx.workspace?.fileName ?? '', used) : undefined;
        ctx.report('submission/duplicate-name', name.span,
            `Another file (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}) also declares \`submission ${name.value}\`. Submission names must be unique among the files checked together, or \`prior-year ${name.value}\` could resolve to the wrong one: rename one of them (e.g. practice and year).`,
            { fixes: unique ? [{ title: `Rename this submission to ${unique}`, edits: [{ span: name.span, text: unique }] }] : undefined });
    }
    checkConflictingData(ctx);
}

/**
 * "Any conflicting data for a single measure or required attestation submitted through multiple
 * submission types will result in a score of 0" (2023 and 2024 Quick Start Guides): two files of one
 * run for the same entity, year and reporting option that give a measure or attestation different
 * values. Each file reports it (the check is symmetric), on its own entry.
 */
function checkConflictingData(ctx: RuleContext): void {
    const key = submissionKey(ctx.model);
    const cat = ctx.catalogue, facts = ctx.facts, res = ctx.resolution;
    if (!key || !cat || !facts || !res || !ctx.workspace?.otherSubmissionsFor) return;
    const mine = answers(res, cat);
    for (const other of ctx.workspace.otherSubmissionsFor(key)) {
        const theirs = answers(resolveSubmission(other.model, cat, facts), cat);
        for (const [id, a] of mine) {
            const b = theirs.get(id);
            if (!b || b.text === a.text) continue;
            ctx.report('submission/conflicting-data', a.span,
                `${id} is ${a.text} here but ${b.text} in ${other.file}, a submission for the same ${key}. "Any conflicting data for a single measure or required attestation submitted through multiple submission types will result in a score of 0" (2023/2024 Quick Start Guides): make the files agree, or submit only one of them.`);
        }
    }
}

/** What a resolution says about each measure and attestation: its value, or which exclusion it claims. */
function answers(res: Resolution, cat: YearCatalogue): Map<string, { text: string; span: Span }> {
    const out = new Map<string, { text: string; span: Span }>();
    for (const m of res.measurements) {
        if (m.value === undefined || cat.levelOf.has(m.measureId)) continue;
        const of = cat.exclusionOf.get(m.measureId);
        if (of) {
            if (m.value === true && !out.has(of)) out.set(of, { text: `excluded (${m.measureId})`, span: m.span });
            continue;
        }
        if (out.has(m.measureId)) continue;
        const text = typeof m.value === 'boolean' ? `"${m.value ? 'yes' : 'no'}"` : `${m.value.numerator} / ${m.value.denominator}`;
        out.set(m.measureId, { text, span: m.span });
    }
    return out;
}

/** A name no file uses: the file's own name (without extension) where it is a valid name, else the name with -2, -3, … */
export function uniqueName(name: string, fileName: string, used: ReadonlySet<string>): string {
    const file = fileName.replace(/\.[^.]*$/, '').replace(/[^\w-]+/g, '-');
    if (/^[_a-zA-Z][\w-]*$/.test(file) && !used.has(file)) return file;
    for (let n = 2; ; n++) if (!used.has(`${name}-${n}`)) return `${name}-${n}`;
}
