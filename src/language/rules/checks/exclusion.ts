/**
 * Exclusions claimed for measures.
 * Reports: exclusion/not-available, exclusion/not-for-measure, exclusion/ambiguous (found while
 * resolving), exclusion/with-measure, exclusion/pdmp-after-ep-exclusion, exclusion/contradicts-counts.
 */
import type { YearCatalogue } from '../../data/measures.js';
import type { RuleContext } from '../context.js';
import { excludedMeasures, label, listExclusions, removeFix } from '../measure-sets.js';
import { problemsOf, type Resolution } from '../resolve.js';

/**
 * An exclusion whose own text bounds a count that another measure of the file reports: "fewer than
 * 100 permissible prescriptions" (PI_EP_2_EX_2 in 2023) against e-Prescribing, whose measure text
 * counts permissible prescriptions. Both sides come from the year's measure data; an exclusion of the
 * measure itself is exclusion/with-measure instead.
 */
function checkExclusionTexts(ctx: RuleContext, res: Resolution, cat: YearCatalogue): void {
    for (const m of res.measurements) {
        const of = cat.exclusionOf.get(m.measureId);
        if (!of || m.value !== true) continue;
        const text = cat.measures.get(m.measureId)?.description ?? '';
        const bound = /fewer than (\d+) (permissible prescriptions)/i.exec(text);
        if (!bound) continue;
        const limit = Number(bound[1]);
        const noun = bound[2].toLowerCase().replace(/s$/, '');
        for (const other of cat.measures.values()) {
            if (other.measureId === of || other.metricType !== 'proportion' || !other.description.toLowerCase().includes(noun)) continue;
            const counted = res.byId.get(other.measureId)?.[0];
            if (!counted || typeof counted.value !== 'object' || counted.value.denominator < limit) continue;
            ctx.report('exclusion/contradicts-counts', m.span,
                `${m.measureId} is for "${text.replace(/\.$/, '')}", but ${label(cat, other.measureId)} reports ${counted.value.denominator} ${bound[2]} in its denominator. One of the two is wrong: remove the exclusion and report ${label(cat, of)}, or correct the counts of ${label(cat, other.measureId)}.`);
        }
    }
}

export function checkExclusions(ctx: RuleContext): void {
    const cat = ctx.catalogue, res = ctx.resolution, facts = ctx.facts;
    if (!cat || !res || !facts) return;
    reportProblems(ctx, cat);

    const excluded = excludedMeasures(res, cat, facts);
    const first = (id: string) => res.byId.get(id)?.[0];
    checkExclusionTexts(ctx, res, cat);

    // Exclusions never with their measure, nor two exclusions of one measure.
    for (const m of res.measurements) {
        const of = cat.exclusionOf.get(m.measureId);
        if (!of || m.value !== true) continue;
        const measure = first(of);
        if (measure) {
            ctx.report('exclusion/with-measure', m.via === 'direct' ? m.entry.ref.span : m.span,
                `The exclusion ${m.measureId} is claimed while ${label(cat, of)} is also reported. Submit either the measure or its exclusion, never both.`,
                { fixes: m.via === 'direct' ? [removeFix(m.entry, `Remove the exclusion ${m.measureId}`)] : [removeFix(measure.entry, `Remove ${of}`)] });
        }
        const claimed = excluded.get(of);
        if (claimed !== undefined && claimed !== 'automatic' && claimed !== m) {
            ctx.report('exclusion/with-measure', m.span,
                `${of} already has the exclusion ${claimed.measureId} claimed; claim one exclusion per measure.`,
                { fixes: [removeFix(m.entry, `Remove ${m.measureId}`)] });
        }
    }

    // e-Prescribing excluded → Query of PDMP is excluded automatically and can't be reported.
    const pdmp = first('PI_EP_2');
    if (facts.epExclusionExcludesPdmp.value && excluded.has('PI_EP_1') && pdmp && pdmp.via === 'direct') {
        ctx.report('exclusion/pdmp-after-ep-exclusion', pdmp.span,
            'With the e-Prescribing exclusion claimed you can\'t report Query of PDMP: its exclusion is claimed automatically. Remove this line.',
            { confidence: facts.epExclusionExcludesPdmp.confidence, fixes: [removeFix(pdmp.entry, 'Remove Query of PDMP')] });
    }
}

function reportProblems(ctx: RuleContext, cat: YearCatalogue): void {
    for (const p of problemsOf(ctx.resolution!, 'exclusion/not-available', 'exclusion/not-for-measure', 'exclusion/ambiguous')) {
        switch (p.code) {
            case 'exclusion/not-available': {
                const info = cat.measures.get(p.id)!;
                ctx.report(p.code, p.span, p.reason !== 'no-exclusion'
                    ? `${p.id} is itself ${p.reason === 'is-exclusion' ? 'an exclusion' : 'an engagement level'}: answer it with yes or no.`
                    : `${label(cat, p.id)} has no exclusion in ${cat.year}. ${info.isBonus ? 'It is optional: leave it out instead.' : info.isRequired ? 'Report it, or the category scores 0.' : 'Report it or leave it out.'}`);
                break;
            }
            case 'exclusion/not-for-measure':
                ctx.report(p.code, p.span,
                    `${p.exclusion} is not an exclusion of ${p.exclusionOf.id}. ${p.exclusionOf.id}'s exclusions in ${cat.year}: ${listExclusions(cat, p.exclusionOf.exclusions)}.`);
                break;
            case 'exclusion/ambiguous': {
                const { id, exclusions } = p.exclusionOf;
                ctx.report(p.code, p.span,
                    `${cat.measures.get(id)!.title} has ${exclusions.length} exclusions in ${cat.year}; name the one you claim: ${listExclusions(cat, exclusions)}.`,
                    { fixes: exclusions.map(ex => ({ title: `Claim ${ex}`, edits: [{ span: { offset: p.span.end, end: p.span.end }, text: ` ${ex}` }] })) });
                break;
            }
        }
    }
}
