/**
 * The performance period.
 * Reports: period/missing, period/invalid-date, period/end-before-start, period/outside-year,
 * period/too-short.
 */
import { latestStart } from '../../data/years.js';
import type { RuleContext } from '../context.js';
import { daysInclusive, formatDayNumber, parseIsoDate } from '../dates.js';

export function checkPeriod(ctx: RuleContext): void {
    const period = ctx.model.periods[0];
    if (!period) {
        const min = ctx.facts ? `at least ${ctx.facts.minPeriodDays.value} continuous days in ${ctx.year}` : 'the minimum continuous days';
        ctx.report('period/missing', ctx.model.headerSpan, `No performance period. ${ctx.write('Add `period <start> to <end>`', 'Add performanceStart and performanceEnd (YYYY-MM-DD) to the pi measurement set,')} covering ${min}; without it the category scores 0.`);
        return;
    }
    const start = parseIsoDate(period.start.value);
    const end = parseIsoDate(period.end.value);
    const invalid = 'A period with a date that does not exist cannot cover the minimum continuous days, so the category scores 0.';
    if (!start) ctx.report('period/invalid-date', period.start.span, `${period.start.value} is not a calendar date (YYYY-MM-DD). ${invalid}`);
    if (!end) ctx.report('period/invalid-date', period.end.span, `${period.end.value} is not a calendar date (YYYY-MM-DD). ${invalid}`);
    if (!start || !end) return;
    if (end.dayNumber < start.dayNumber) {
        ctx.report('period/end-before-start', period.span, `The period ends (${period.end.value}) before it starts (${period.start.value}): it covers no days, so the category scores 0. Swap or correct the dates.`);
        return;
    }
    const year = ctx.year;
    if (year === undefined || !ctx.facts) return;
    let outside = false;
    for (const [date, loc, which] of [[start, period.start, 'starts'], [end, period.end, 'ends']] as const) {
        if (date.year !== year) {
            outside = true;
            ctx.report('period/outside-year', loc.span,
                `The period ${which} on ${loc.value}, outside performance year ${year}. The whole period lies within January 1 – December 31, ${year}.`);
        }
    }
    if (outside) return;
    const days = daysInclusive(start, end);
    const min = ctx.facts.minPeriodDays;
    if (days < min.value) {
        const last = latestStart(year, min.value);
        // The fix keeps one date and moves the other: the start earlier when that stays in the year,
        // otherwise the end later (one of the two always fits when the period lies in the year).
        const iso = formatDayNumber;
        const jan1 = parseIsoDate(`${year}-01-01`)!.dayNumber;
        const dec31 = parseIsoDate(`${year}-12-31`)!.dayNumber;
        const earlierStart = end.dayNumber - (min.value - 1);
        const laterEnd = start.dayNumber + (min.value - 1);
        const fix = earlierStart >= jan1
            ? { title: `Start the period on ${iso(earlierStart)} (${min.value} days)`, edits: [{ span: period.start.span, text: iso(earlierStart) }], preferred: true }
            : laterEnd <= dec31
                ? { title: `End the period on ${iso(laterEnd)} (${min.value} days)`, edits: [{ span: period.end.span, text: iso(laterEnd) }], preferred: true }
                : undefined;
        ctx.report('period/too-short', period.span,
            `The performance period is ${days} days; ${year} requires at least ${min.value} continuous days, so the latest allowed start is ${formatLong(last)} (with an end on December 31). Extend the period in the EHR report and re-run it.`,
            { confidence: min.confidence, fixes: fix ? [fix] : [] });
    }
}

function formatLong(iso: string): string {
    const d = new Date(iso + 'T00:00:00Z');
    return d.toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
}
