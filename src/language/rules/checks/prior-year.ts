/**
 * Year-over-year checks against the previous year's submission of the same practice
 * (`prior-year <submission name>`): it is the previous year and the same entity, a
 * public-health measure spends at most one performance period at pre-production (2024+), and a
 * low-volume exclusion is not claimed after a year with the volume.
 * Reports: prior-year/not-previous-year, prior-year/different-entity,
 * prior-year/exclusion-despite-volume, public-health/pre-production-again.
 * (prior-year/unresolved is the linker's: the name does not resolve, pisub-module.ts.)
 */
import { catalogueFor } from '../../data/measures.js';
import { factsFor, firstYearWhere } from '../../data/years.js';
import { yearOf, type SubmissionModel } from '../../model/submission.js';
import type { RuleContext } from '../context.js';
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
    if (priorYear !== undefined) checkLowVolumeExclusions(ctx, target, priorYear, prior.ref.value);
    if (!ctx.facts?.preProductionOnce.value || priorYear === undefined) return;
    for (const m of ctx.resolution.measurements) {
        if (!m.measureId.endsWith('_PRE') || m.value !== true) continue;
        // "They must progress to the Validated Data Production level in the next performance period
        // for which they report a particular measure": walk back over years that did not report the
        // measure at either level (not reported, "no", excluded) to the last one that did.
        const last = lastLevel(target, m.measureId);
        if (last?.level !== 'pre-production') continue;
        const measure = ctx.catalogue.levelOf.get(m.measureId) ?? m.measureId;
        const gap = last.year !== priorYear ? ` and not reported at any level since` : '';
        ctx.report('public-health/pre-production-again', m.span,
            `${measure} was already at pre-production in ${last.year} (${last.name})${gap}. From ${firstYearWhere(f => f.preProductionOnce.value)} only one performance period may be spent at Pre-production and Validation per measure; this period must be Validated Data Production (\`engagement production\`). If the registry is not in production with you yet, the measure does not meet active engagement: talk to the registry, or claim an exclusion if one applies.`,
            { confidence: ctx.facts.preProductionOnce.confidence });
    }
}

/**
 * The engagement level at which the most recent earlier submission that reported the measure at a
 * level reported it, following `prior-year` back (each step an earlier year, at most 10 steps).
 */
function lastLevel(first: SubmissionModel, preId: string): { level: 'pre-production' | 'production'; year: number; name: string } | undefined {
    const prodId = preId.replace(/_PRE$/, '_PROD');
    let model: SubmissionModel | undefined = first;
    let previous: number | undefined;
    for (let step = 0; model && step < 10; step++, model = model.priorYear?.target) {
        const year = yearOf(model);
        if (year === undefined || (previous !== undefined && year >= previous)) return undefined;
        previous = year;
        if (!catalogueFor(year)?.levelOf.has(preId)) return undefined; // no levels that year (2022)
        const res = resolveModel(model, year);
        if (!res) return undefined;
        const name = model.name?.value ?? String(year);
        if (res.byId.get(preId)?.[0]?.value === true) return { level: 'pre-production', year, name };
        if (res.byId.get(prodId)?.[0]?.value === true) return { level: 'production', year, name };
    }
    return undefined;
}

/**
 * Low-volume exclusions and the measure whose denominator counts the same thing. The threshold is
 * in each exclusion's description in CMS's measure data (`qpp-measures-data/<year>-pi.json`):
 * "fewer than 100 permissible prescriptions", "... refers a patient fewer than 100 times",
 * "... fewer than 100 times during the performance period".
 */
const LOW_VOLUME: readonly { readonly exclusion: string; readonly measure: string; readonly below: number; readonly counts: string }[] = [
    { exclusion: 'PI_LVPP_1', measure: 'PI_EP_1', below: 100, counts: 'permissible prescriptions' },
    { exclusion: 'PI_LVOTC_1', measure: 'PI_HIE_1', below: 100, counts: 'referrals and transitions of care' },
    { exclusion: 'PI_LVITC_2', measure: 'PI_HIE_4', below: 100, counts: 'transitions received and new patients' }
];

/** A low-volume exclusion claimed this year, where the prior year reported 100 or more. */
function checkLowVolumeExclusions(ctx: RuleContext, prior: SubmissionModel, priorYear: number, priorName: string): void {
    const claimed = LOW_VOLUME.map(lv => ({ lv, m: ctx.resolution!.byId.get(lv.exclusion)?.[0] })).filter(c => c.m?.value === true);
    if (claimed.length === 0) return;
    const priorRes = resolveModel(prior, priorYear);
    for (const { lv, m } of claimed) {
        const before = priorRes?.byId.get(lv.measure)?.[0]?.value;
        if (typeof before !== 'object' || before.denominator < lv.below) continue;
        ctx.report('prior-year/exclusion-despite-volume', m!.span,
            `${lv.exclusion} is for fewer than ${lv.below} ${lv.counts} during the performance period, but ${priorName} (${priorYear}) reported ${lv.measure} with a denominator of ${before.denominator}. Check that the exclusion applies this year and keep the EHR report that shows it; otherwise report ${lv.measure}.`);
    }
}

/** Resolves another submission's entries on their own (their findings belong to their own file). */
function resolveModel(model: SubmissionModel, year: number) {
    const cat = catalogueFor(year), facts = factsFor(year);
    if (!cat || !facts) return undefined;
    return resolveEntries(model.entries, cat, facts);
}
