/**
 * The Health Information Exchange objective: exactly one of the year's options.
 * Reports: hie/conflicting-options, and measure/required-missing when no option, or only part of
 * one, is reported.
 */
import type { RuleContext } from '../context.js';
import { describeAllOptions, describeOption, insertFixes, label, removeFix, skeleton, touchedHieOptions } from '../measure-sets.js';

export function checkHie(ctx: RuleContext): void {
    const cat = ctx.catalogue, res = ctx.resolution, facts = ctx.facts;
    if (!cat || !res || !facts) return;
    const options = facts.hieOptions.value;
    const touched = touchedHieOptions(res, cat, facts);
    const allOptions = describeAllOptions(facts);

    if (touched.length === 0) {
        ctx.report('measure/required-missing', ctx.model.headerSpan,
            `No Health Information Exchange option is reported: the category scores 0. Report one of ${allOptions}.`,
            { fixes: insertFixes(ctx.model, options.map(opt => ({ title: `Add HIE option ${describeOption(opt)}`, lines: opt.map(id => skeleton(cat, id)) }))) });
        return;
    }
    if (touched.length > 1) {
        // Keep the first option written; every measure of the others conflicts.
        const sorted = [...touched].sort((a, b) => a.ms[0].entry.span.offset - b.ms[0].entry.span.offset);
        const kept = sorted[0];
        for (const other of sorted.slice(1)) {
            for (const m of other.ms) {
                ctx.report('hie/conflicting-options', m.entry.ref.span,
                    `${m.measureId} belongs to HIE option {${describeOption(other.opt)}}, but option {${describeOption(kept.opt)}} is also reported. Report exactly one option: ${allOptions}.`,
                    { fixes: [removeFix(m.entry, `Remove ${m.measureId} (keep {${describeOption(kept.opt)}})`)] });
            }
        }
        return;
    }
    const { opt } = touched[0];
    for (const id of opt) {
        const m = res.byId.get(id)?.[0];
        const exclusions = (cat.measures.get(id)?.exclusion ?? []).filter(ex => cat.measures.has(ex));
        const excluded = exclusions.some(ex => res.byId.get(ex)?.[0]?.value === true);
        if (!m && !excluded) {
            ctx.report('measure/required-missing', ctx.model.headerSpan,
                `HIE option {${describeOption(opt)}} is incomplete: ${label(cat, id)} is neither reported nor excluded, so the category scores 0. Report it${exclusions.length ? ` or claim ${exclusions.join(' / ')}` : ''}.`,
                { fixes: insertFixes(ctx.model, [{ title: `Add \`${skeleton(cat, id)}\``, lines: [skeleton(cat, id)] }]) });
        }
    }
}
