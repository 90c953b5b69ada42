/**
 * The performance year.
 * Reports: year/missing, year/unsupported, year/provisional.
 */
import { factsFor, SUPPORTED_YEARS } from '../../data/years.js';
import type { RuleContext } from '../context.js';

/** The year a new or fixed submission gets: the latest year whose rules are final. */
export function defaultYear(): number {
    return SUPPORTED_YEARS.filter(y => factsFor(y)?.provisional?.value !== true).at(-1) ?? SUPPORTED_YEARS.at(-1)!;
}

export function checkYear(ctx: RuleContext): void {
    const m = ctx.model;
    const year = m.years[0];
    if (!year) {
        const suggested = defaultYear();
        ctx.report('year/missing', m.headerSpan, `No performance year. ${ctx.write(`Add \`year ${suggested}\``, 'Add performanceYear')} (the year the data was collected); every other rule depends on it.`,
            m.insertAt !== undefined ? { fixes: [{ title: `Add \`year ${suggested}\``, edits: [{ span: { offset: m.insertAt, end: m.insertAt }, text: `    year ${suggested}\n` }] }] } : {});
    } else if (ctx.year === undefined || !ctx.facts || !ctx.catalogue) {
        ctx.report('year/unsupported', year.span,
            `Performance year ${year.value} is not supported: pisub knows the PI rules for ${SUPPORTED_YEARS[0]}–${SUPPORTED_YEARS.at(-1)}.`);
    } else if (ctx.facts.provisional?.value) {
        ctx.report('year/provisional', year.span, `${ctx.facts.provisional.note} Re-check this submission when CMS finalizes ${ctx.year}.`);
    }
}
