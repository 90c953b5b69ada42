/**
 * Public health and clinical data exchange: active-engagement levels, suppressed measures, the bonus.
 * Reports: public-health/engagement-missing, public-health/bonus-engagement-missing,
 * public-health/engagement-conflict, public-health/engagement-not-in-year,
 * public-health/engagement-without-yes, public-health/suppressed, public-health/one-bonus.
 * (public-health/pre-production-again needs the prior year: checks/prior-year.ts.)
 */
import { measureKind, type YearCatalogue } from '../../data/measures.js';
import { firstYearWhere } from '../../data/years.js';
import type { FixSuggestion, RuleContext } from '../context.js';
import { excludedMeasures } from '../measure-sets.js';
import { problemsOf, type Measurement } from '../resolve.js';
import { isPublicHealth } from '../../vocabulary.js';

function isYes(m: Measurement | undefined): boolean {
    return m?.value === true;
}

export function checkPublicHealth(ctx: RuleContext): void {
    const cat = ctx.catalogue, res = ctx.resolution, facts = ctx.facts;
    if (!cat || !res || !facts) return;
    reportProblems(ctx, cat);
    const excluded = excludedMeasures(res, cat, facts);
    const since = firstYearWhere(f => f.engagementLevelRequired.value);
    const bonusYes: Measurement[] = [];
    for (const info of cat.measures.values()) {
        if (!isPublicHealth(info) || measureKind(cat, info.measureId) !== 'measure') continue;
        const m = res.byId.get(info.measureId)?.[0];
        const levels = info.preprod.flatMap(l => (res.byId.get(l) ?? []).filter(x => x.value === true))
            .sort((a, b) => a.span.offset - b.span.offset);

        if (facts.suppressedMeasures.value.includes(info.measureId) && (m || excluded.has(info.measureId))) {
            ctx.report('public-health/suppressed', (m ?? (excluded.get(info.measureId) as Measurement)).span,
                `${info.title} is suppressed for ${cat.year}: any answer (yes, no or exclusion) earns full credit, and its points are not redistributed.`);
        }
        if (isYes(m) && info.isBonus && facts.publicHealthBonus.measures.includes(info.measureId)) bonusYes.push(m!);

        // Levels exist only where CMS's data lists level ids for the measure (not PI_PHCDRR_6).
        if (!facts.engagementLevelRequired.value || info.preprod.length === 0) continue;
        if (isYes(m)) {
            if (levels.length === 0) {
                const entry = m!.entry;
                const end = entry.value.span.end;
                const fixes: FixSuggestion[] = [
                    { title: 'Add `engagement production` (validated data production)', edits: [{ span: { offset: end, end }, text: ' engagement production' }] },
                    { title: 'Add `engagement pre-production` (pre-production and validation)', edits: [{ span: { offset: end, end }, text: ' engagement pre-production' }] }
                ];
                if (info.isBonus) {
                    ctx.report('public-health/bonus-engagement-missing', m!.span,
                        `${info.title} has no active-engagement level, so it earns no bonus. ${ctx.write('Add `engagement production` or `engagement pre-production`.', `Add the measurement ${info.measureId}_PROD or ${info.measureId}_PRE with value true.`)}`, { fixes });
                } else {
                    // A suppressed measure earns full credit whatever the answer; whether a missing
                    // level still zeroes the category is not documented, so it is not an error there.
                    const suppressed = facts.suppressedMeasures.value.includes(info.measureId);
                    ctx.report('public-health/engagement-missing', m!.span,
                        `${info.title} is "yes" without its active-engagement level: from ${since} the level is required, or the category scores 0. ${ctx.write('Add `engagement production` (validated data production) or `engagement pre-production`.', `Add the measurement ${info.measureId}_PROD (validated data production) or ${info.measureId}_PRE with value true.`)}${suppressed ? ` (${info.measureId} is suppressed in ${cat.year}, so it earns full credit either way.)` : ''}`,
                        { fixes, confidence: suppressed ? 'L' : undefined });
                }
            } else if (levels.length > 1) {
                for (const extra of levels.slice(1)) {
                    ctx.report('public-health/engagement-conflict', extra.via === 'direct' ? extra.entry.ref.span : extra.span,
                        `${info.title} has both engagement levels; pre-production and production are substitutes. Keep the one that describes ${cat.year}.`);
                }
            }
        } else {
            for (const level of levels) {
                if (level.via === 'engagement') continue; // reported while resolving
                ctx.report('public-health/engagement-without-yes', level.span,
                    `${level.measureId} is an active-engagement level of ${info.measureId}, which is not answered "yes". Answer ${info.measureId} yes, or remove the level.`);
            }
        }
    }
    if (bonusYes.length > 1) {
        for (const extra of bonusYes.slice(1)) {
            ctx.report('public-health/one-bonus', extra.span,
                `Only one optional public-health measure earns the ${facts.publicHealthBonus.points}-point bonus; ${bonusYes[0].measureId} already does. Reporting more is allowed but adds nothing.`);
        }
    }
}

function reportProblems(ctx: RuleContext, cat: YearCatalogue): void {
    for (const p of problemsOf(ctx.resolution!, 'public-health/engagement-not-in-year', 'public-health/engagement-without-yes')) {
        const engagement = p.entry.engagement!;
        if (p.code === 'public-health/engagement-not-in-year') {
            ctx.report(p.code, p.span,
                `Active-engagement levels are reported from ${firstYearWhere(f => f.engagementLevelRequired.value)}; for ${cat.year} the level is not submitted and will be left out of the export.`,
                { fixes: [{ title: 'Remove the engagement level', edits: [{ span: { offset: p.entry.value.span.end, end: engagement.span.end }, text: '' }] }] });
        } else {
            ctx.report(p.code, p.span,
                `${p.id} is answered "no", so it has no active-engagement level. Answer yes (you are in active engagement) or remove the level.`);
        }
    }
}
