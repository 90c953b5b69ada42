/**
 * Measures as written and as a set.
 * Reports: measure/unknown, measure/id-case, measure/not-in-year, measure/not-whole-number,
 * measure/value-type, measure/numerator-exceeds-denominator (found while resolving),
 * measure/duplicate, measure/required-missing (required measures outside the HIE objective; the
 * HIE options are checks/hie.ts), measure/numerator-zero and measure/answer-no (required measures
 * and the reported HIE option).
 */
import { measureKind, yearsOfMeasure, type YearCatalogue } from '../../data/measures.js';
import { preferredName } from '../../data/names.js';
import type { RuleContext } from '../context.js';
import { excludedMeasures, insertFixes, label, listExclusions, removeFix, skeleton, touchedHieOptions } from '../measure-sets.js';
import { describeYears, MAX_COUNT, problemsOf, type Measurement } from '../resolve.js';
import { ATTESTATION_IDS } from '../../vocabulary.js';


export function checkMeasures(ctx: RuleContext): void {
    const cat = ctx.catalogue, res = ctx.resolution, facts = ctx.facts;
    if (!cat || !res || !facts) return;
    reportProblems(ctx, cat);

    // Given twice.
    for (const [id, list] of res.byId) {
        for (const extra of list.slice(1)) {
            ctx.report('measure/duplicate', extra.entry.ref.span,
                `${label(cat, id)} is reported twice (first at ${describeAt(ctx, list[0])}). QPP rejects a measure given twice in one submission; keep one.`,
                { fixes: extra.via === 'direct' ? [removeFix(extra.entry, 'Remove this duplicate')] : [] });
        }
    }

    // Required measures (the HIE objective's options are checks/hie.ts).
    const excluded = excludedMeasures(res, cat, facts);
    const hie = new Set(facts.hieOptions.value.flat());
    for (const info of cat.measures.values()) {
        const id = info.measureId;
        if (!info.isRequired || info.reportingCategory !== 'required' || measureKind(cat, id) !== 'measure') continue;
        if (ATTESTATION_IDS.has(id) || hie.has(id)) continue; // checks/attestation.ts and checks/hie.ts
        const m = res.byId.get(id)?.[0];
        if (!m && !excluded.has(id)) {
            const exclusions = info.exclusion.filter(ex => cat.measures.has(ex));
            ctx.report('measure/required-missing', ctx.model.headerSpan,
                `${label(cat, id)} is required in ${cat.year} and is neither reported nor excluded: the category scores 0. Report it${exclusions.length ? ` or claim its exclusion (${exclusions.join(', ')})` : ''}.`,
                { fixes: insertFixes(ctx.model, [{ title: `Add \`${skeleton(cat, id)}\``, lines: [skeleton(cat, id)] }]) });
            continue;
        }
        if (m) gateValue(ctx, m, cat);
    }
    // The measures of the one HIE option reported (with several, hie/conflicting-options says so).
    const touched = touchedHieOptions(res, cat, facts);
    if (touched.length === 1) {
        for (const id of touched[0].opt) {
            const m = res.byId.get(id)?.[0];
            if (m) gateValue(ctx, m, cat);
        }
    }
}

function describeAt(ctx: RuleContext, m: Measurement): string {
    return `"${ctx.model.origin === 'pisub' ? m.entry.ref.value : m.measureId}"`;
}

/** Numerator 0 on a required proportion measure; "no" on a required yes/no measure. */
function gateValue(ctx: RuleContext, m: Measurement, cat: YearCatalogue): void {
    const info = cat.measures.get(m.measureId)!;
    if (typeof m.value === 'object' && m.value.numerator === 0) {
        ctx.report('measure/numerator-zero', m.entry.value.kind === 'ratio' ? m.entry.value.numerator.span : m.span,
            `${label(cat, m.measureId)} has a numerator of 0. Required measures need at least 1 in the numerator, or the category scores 0. ${info.exclusion.length ? 'If the clinician qualifies, claim the exclusion instead.' : 'Check the EHR report.'}`);
    }
    // A "no" on a required yes/no measure scores the category 0 (pi-rules-notes §7.1), except on a
    // measure suppressed that year (any answer earns full credit). Bonus measures never come here.
    const gate = ctx.facts!.answerNoZeroes;
    if (m.value === false && m.via === 'direct' && gate.value) {
        const suppressed = ctx.facts!.suppressedMeasures.value.includes(m.measureId);
        if (!suppressed) {
            const hie = ctx.facts!.hieOptions.value.some(o => o.length === 1 && o[0] === m.measureId);
            const seen = gate.confidence === 'H' ? '' : ` (CMS's ${cat.year} specifications are not in pisub's reference material; the note is believed to be on them too.)`;
            ctx.report('measure/answer-no', m.span,
                `${label(cat, m.measureId)} is answered "no": "reporting a "No" for a Yes/No response measure will result in a total score of 0 points for the Promoting Interoperability performance category" (CMS's 2024 PI measure specifications), so the category scores 0.${seen} Answer "yes" if the clinician qualifies${info.exclusion.length ? ', or claim an exclusion' : ''}${hie ? ', or report another HIE option' : ''}.`,
                { confidence: gate.confidence });
        }
    }
}

/** What did not resolve: unknown ids, wrong case, measures of other years, bad counts, wrong kind of value. */
function reportProblems(ctx: RuleContext, cat: YearCatalogue): void {
    for (const p of problemsOf(ctx.resolution!, 'measure/unknown', 'measure/id-case', 'measure/not-in-year', 'measure/not-whole-number', 'measure/value-type', 'measure/numerator-exceeds-denominator')) {
        switch (p.code) {
            case 'measure/unknown':
                ctx.report(p.code, p.span, p.exclusionOf
                    ? `Unknown exclusion "${p.written}". ${p.exclusionOf.id}'s exclusions in ${cat.year}: ${listExclusions(cat, p.exclusionOf.exclusions)}.`
                    : `Unknown measure "${p.written}". Use an official id such as PI_EP_1 or a friendly name such as e-prescribing (see completion or docs/language.md).`);
                break;
            case 'measure/id-case':
                ctx.report(p.code, p.span, p.what === 'measure'
                    ? `Write the measure id as ${p.official}: the QPP API matches ids exactly, upper case.`
                    : `Write the exclusion id as ${p.official}.`,
                { fixes: [{ title: `Write ${p.official}`, edits: [{ span: p.span, text: p.official }], preferred: true }] });
                break;
            case 'measure/not-in-year': {
                const years = describeYears(yearsOfMeasure(p.official));
                if (p.exclusionOf) {
                    const { id, exclusions } = p.exclusionOf;
                    const replacement = exclusions.length === 1 ? exclusions[0] : undefined;
                    ctx.report(p.code, p.span,
                        `Exclusion ${p.official} does not exist in ${cat.year} (it exists in ${years}). ${id}'s exclusions in ${cat.year}: ${listExclusions(cat, exclusions)}.`,
                        { fixes: exclusions.map(ex => ({ title: `Claim ${ex} instead`, edits: [{ span: p.span, text: ex }], preferred: ex === replacement })) });
                } else {
                    const name = preferredName(p.official);
                    ctx.report(p.code, p.span,
                        `${name ? `${p.official} (${name})` : p.official} does not exist in ${cat.year}: CMS's measure data has it only for ${years}. Remove it or report the measure that replaces it.`,
                        { fixes: [{ title: `Remove ${p.official}`, edits: [{ span: p.entry.span, text: '' }] }] });
                }
                break;
            }
            case 'measure/not-whole-number':
                ctx.report(p.code, p.span,
                    p.why === 'not-a-number' ? `The ${p.what} "${p.text}" is not a number. Write a whole number ≥ 0.`
                    : p.why === 'negative' ? `The ${p.what} ${p.text} is negative. Counts are whole numbers ≥ 0.`
                    : p.why === 'fraction' ? `The ${p.what} ${p.text} is not a whole number. Counts of patients or actions are whole numbers.`
                    : `The ${p.what} ${p.text} is too large to be a real count (more than ${MAX_COUNT}).`);
                break;
            case 'measure/value-type':
                ctx.report(p.code, p.span, p.expected === 'answer'
                    ? `${label(cat, p.id)} is answered yes or no, not with a numerator and denominator.`
                    : `${label(cat, p.id)} is reported as numerator / denominator (e.g. \`${p.entry.ref.value} 45 / 60\`), not yes or no.`);
                break;
            case 'measure/numerator-exceeds-denominator':
                ctx.report(p.code, p.span, p.denominator === 0
                    ? `${p.id}: a denominator of 0 goes only with a numerator of 0 (here ${p.numerator}). Check the EHR report for this measure.`
                    : `${p.id}: the numerator ${p.numerator} is larger than the denominator ${p.denominator}. The numerator counts a subset of the denominator; check the EHR report.`);
                break;
        }
    }
}
