/**
 * The reporting option (traditional MIPS, MVP, APP, APP Plus) and the MVP id.
 * Reports: reporting/mvp-id-missing, reporting/mvp-id-unknown, reporting/mvp-id-unexpected,
 * reporting/option-not-in-year.
 */
import { catalogueFor, SUPPORTED_YEARS, type YearCatalogue } from '../../data/measures.js';
import type { RuleContext } from '../context.js';
import { mvpIds } from '../../vocabulary.js';

/** The first year whose measure data satisfies `holds` (for "from 2025" in messages). */
function firstDataYear(holds: (cat: YearCatalogue) => boolean): number | undefined {
    return SUPPORTED_YEARS.find(y => holds(catalogueFor(y)!));
}

export function checkReporting(ctx: RuleContext): void {
    const r = ctx.model.reportings[0];
    if (!r) return;
    const option = r.option.value;
    const programs = ctx.catalogue?.programs;
    if (option === 'mvp') {
        if (!r.mvpId) {
            ctx.report('reporting/mvp-id-missing', r.option.span, 'MVP reporting names its MVP: write e.g. `reporting mvp G0053`.');
        } else if (programs && programs.size > 0 && !programs.has(r.mvpId.value.toUpperCase())) {
            const mvps = mvpIds(ctx.catalogue);
            ctx.report('reporting/mvp-id-unknown', r.mvpId.span,
                `MVP ${r.mvpId.value} is not offered for PI in ${ctx.year}. MVPs in CMS's ${ctx.year} measure data: ${mvps.join(', ') || 'none'}.`);
        }
        if (programs && programs.size === 0 && ctx.year !== undefined) {
            ctx.report('reporting/option-not-in-year', r.option.span, `MVPs start with the ${firstDataYear(c => c.programs.size > 0)} performance year; ${ctx.year} submissions report traditional MIPS or the APP.`);
        }
    } else if (r.mvpId) {
        ctx.report('reporting/mvp-id-unexpected', r.mvpId.span, `Only \`reporting mvp\` takes an MVP id; remove "${r.mvpId.value}" or write \`reporting mvp ${r.mvpId.value}\`.`);
    }
    if (option === 'app-plus' && programs && ctx.year !== undefined && !programs.has('appPlus')) {
        ctx.report('reporting/option-not-in-year', r.option.span, `APP Plus is offered from the ${firstDataYear(c => c.programs.has('appPlus'))} performance year; for ${ctx.year} use \`reporting app\` or \`reporting traditional\`.`);
    }
}
