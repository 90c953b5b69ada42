/**
 * Year-over-year checks against the previous year's submission of the same practice
 * (`prior-year <submission name>`): it is the previous year and the same entity, and a
 * public-health measure spends at most one performance period at pre-production (2024+).
 */
import { catalogueFor } from '../../data/measures.js';
import { factsFor } from '../../data/years.js';
import { yearOf } from '../../model/submission.js';
import { RuleContext } from '../context.js';
import { resolveEntries } from '../resolve.js';

export function checkPriorYear(ctx: RuleContext): void {
    const prior = ctx.model.priorYear;
    const target = prior?.target;
    if (!prior || !target || ctx.year === undefined || !ctx.resolution || !ctx.catalogue) return;
    const priorYear = yearOf(target);
    if (priorYear !== ctx.year - 1) {
        ctx.report('prior-year/not-previous-year', prior.ref.span,
            `${prior.ref.value} is the ${priorYear ?? 'unknown'} submission, not ${ctx.year - 1}. Point prior-year at this practice's ${ctx.year - 1} submission.`);
    }
    const mine = ctx.model.entities[0], theirs = target.entities[0];
    if (mine && theirs) {
        const tinA = mine.tin[0]?.value, tinB = theirs.tin[0]?.value;
        const npiA = mine.npi[0]?.value, npiB = theirs.npi[0]?.value;
        if ((tinA && tinB && tinA !== tinB) || (npiA && npiB && npiA !== npiB)) {
            ctx.report('prior-year/different-entity', prior.ref.span,
                `${prior.ref.value} belongs to another entity (TIN ${tinB ?? '—'}${npiB ? `, NPI ${npiB}` : ''}; this submission: TIN ${tinA ?? '—'}${npiA ? `, NPI ${npiA}` : ''}).`);
        }
    }
    if (!ctx.facts?.preProductionOnce.value || priorYear === undefined) return;
    const priorCat = catalogueFor(priorYear);
    const priorFacts = factsFor(priorYear);
    if (!priorCat || !priorFacts) return;
    // Resolve the prior submission on its own (its findings belong to its own file).
    const scratch = new RuleContext(target, priorYear, priorFacts, priorCat);
    const priorRes = resolveEntries(scratch, target.entries, priorCat);
    for (const m of ctx.resolution.measurements) {
        if (!m.measureId.endsWith('_PRE') || m.value !== true) continue;
        const before = priorRes.byId.get(m.measureId)?.[0];
        if (before?.value === true) {
            const measure = ctx.catalogue.levelOf.get(m.measureId) ?? m.measureId;
            ctx.report('public-health/pre-production-again', m.span,
                `${measure} was already at pre-production in ${priorYear} (${prior.ref.value}). From 2024 a clinician may spend only one performance period at pre-production per measure: report validated data production (\`engagement production\`) once you have it.`,
                { confidence: ctx.facts.preProductionOnce.confidence });
        }
    }
}
