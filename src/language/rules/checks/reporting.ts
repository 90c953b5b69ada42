/**
 * The reporting option (traditional MIPS, MVP, APP, APP Plus) and the MVP id.
 * Reports: reporting/mvp-id-missing, reporting/mvp-id-unknown, reporting/mvp-id-unexpected,
 * reporting/option-not-in-year, reporting/ssp-unconfirmed, reporting/virtual-group-traditional-only.
 */
import { catalogueFor, SUPPORTED_YEARS, type YearCatalogue } from '../../data/measures.js';
import type { Confidence } from '../../data/years.js';
import type { RuleContext } from '../context.js';
import { mvpIds, reportingOptionInYear } from '../../vocabulary.js';

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
        if (ctx.catalogue && ctx.year !== undefined && !reportingOptionInYear('mvp', ctx.catalogue)) {
            ctx.report('reporting/option-not-in-year', r.option.span, `MVPs start with the ${firstDataYear(c => reportingOptionInYear('mvp', c))} performance year; ${ctx.year} submissions report traditional MIPS or the APP.`);
        }
    } else if (r.mvpId) {
        ctx.report('reporting/mvp-id-unexpected', r.mvpId.span, `Only \`reporting mvp\` takes an MVP id; remove "${r.mvpId.value}" or write \`reporting mvp ${r.mvpId.value}\`.`);
    }
    if (option === 'app-plus' && ctx.catalogue && ctx.year !== undefined && !reportingOptionInYear('app-plus', ctx.catalogue)) {
        ctx.report('reporting/option-not-in-year', r.option.span, `APP Plus is offered from the ${firstDataYear(c => reportingOptionInYear('app-plus', c))} performance year; for ${ctx.year} use \`reporting app\` or \`reporting traditional\`.`);
    }
    if (option === 'ssp' && ctx.catalogue && ctx.year !== undefined) {
        if (!reportingOptionInYear('ssp', ctx.catalogue)) {
            ctx.report('reporting/option-not-in-year', r.option.span, `CMS's measure data lists the Shared Savings Program (\`ssp\`) as a PI program from ${firstDataYear(c => reportingOptionInYear('ssp', c))}; for ${ctx.year}, Shared Savings Program ACOs report PI through the APP (\`reporting app\`).`);
        } else {
            ctx.report('reporting/ssp-unconfirmed', r.option.span, `CMS's ${ctx.year} measure data lists \`ssp\` (Shared Savings Program) for every PI measure, but the QPP Submissions API does not yet document it as a programName (low confidence). Confirm with your registry, or report through the APP.`);
        }
    }
    checkVirtualGroup(ctx);
}

/** Virtual groups report traditional MIPS only (§7.5): an MVP is an error; the APP too, with medium confidence. */
function checkVirtualGroup(ctx: RuleContext): void {
    const m = ctx.model;
    const vg = ctx.facts?.virtualGroupTraditionalOnly;
    const reporting = m.reportings[0];
    if (m.entities[0]?.kind.value !== 'virtual-group' || !vg?.value || !reporting || reporting.option.value === 'traditional') return;
    const app = reporting.option.value !== 'mvp';
    ctx.report('reporting/virtual-group-traditional-only', reporting.option.span,
        `Virtual groups report traditional MIPS only ("Available for traditional MIPS reporting only", 2024 Quick Start Guide; "Virtual Group (traditional MIPS only)", 2023). ${app ? 'The APP lists individual, group and APM entity participation, not virtual groups. ' : ''}Write \`reporting traditional\`, or submit as the practices' groups.`,
        { confidence: app ? lower(vg.confidence, 'M') : vg.confidence, fixes: [{ title: 'Report traditional MIPS', edits: [{ span: reporting.span, text: 'reporting traditional' }] }] });
}

/** The weaker of two confidences. */
function lower(a: Confidence, b: Confidence): Confidence {
    const order: Confidence[] = ['L', 'M', 'H'];
    return order[Math.min(order.indexOf(a), order.indexOf(b))];
}
