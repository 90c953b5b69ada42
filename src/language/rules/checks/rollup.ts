/**
 * Clinicians listed on a group-like submission, and the group roll-up (group totals are the sums
 * of the clinicians' numbers).
 * Reports: clinician/not-group, clinician/duplicate, rollup/clinician-without-data,
 * rollup/total-mismatch, and entity/npi-format / entity/npi-check-digit for clinicians' NPIs.
 */
import { preferredName } from '../../data/names.js';
import type { ClinicianModel } from '../../model/submission.js';
import type { RuleContext } from '../context.js';
import { insertFixes } from '../measure-sets.js';
import { checkNpi } from './entity.js';

export function checkClinicians(ctx: RuleContext): void {
    checkClinicianList(ctx);
    checkRollup(ctx);
}

function checkClinicianList(ctx: RuleContext): void {
    const m = ctx.model;
    if (m.clinicians.length === 0) return;
    const kind = m.entities[0]?.kind.value;
    if (kind === 'individual') {
        ctx.report('clinician/not-group', m.clinicians[0].span, 'An individual submission has no clinician list; clinicians are listed on group, virtual group, subgroup and APM entity submissions.');
    }
    const seen = new Set<string>();
    for (const c of m.clinicians) {
        checkNpi(ctx, c.npi, `Clinician${c.name ? ` ${c.name.value}` : ''}'s`);
        if (seen.has(c.npi.value)) ctx.report('clinician/duplicate', c.npi.span, `Clinician ${c.npi.value} is listed twice; the group counts each clinician's data once.`);
        seen.add(c.npi.value);
        if (c.noCehrtData) {
            ctx.report('rollup/clinician-without-data', c.npi.span,
                `Clinician ${c.name?.value ?? c.npi.value} has no CEHRT data: nothing of theirs is in the group's numerators and denominators.${c.entries.length > 0 ? ` The ${c.entries.length} measure line(s) listed for them are not added to the group's totals: remove them, or remove no-cehrt-data if they do have CEHRT data.` : ''}`);
        }
    }
}

/** Group totals are the sums of the clinicians' numbers (where clinicians list them). */
function checkRollup(ctx: RuleContext): void {
    const res = ctx.resolution, cat = ctx.catalogue;
    const clinicians: readonly ClinicianModel[] = ctx.model.clinicians;
    if (clinicians.length === 0 || !res || !cat) return;
    const sums = new Map<string, { numerator: number; denominator: number; count: number }>();
    // Each clinician counts once (a duplicate is clinician/duplicate); a clinician marked
    // no-cehrt-data adds nothing (checkClinicians says so).
    const counted = new Set<string>();
    let withData = 0;
    for (const c of clinicians) {
        // Clinicians' entries are resolved like the group's (their problems are reported by the
        // measure checks), but only ratios add up; their own resolution keeps them out of the group's set.
        const own = res.clinicians.get(c);
        if (!own) continue;
        if (c.noCehrtData || counted.has(c.npi.value)) continue;
        counted.add(c.npi.value);
        withData++;
        for (const m of own.measurements) {
            if (typeof m.value !== 'object') continue;
            const s = sums.get(m.measureId) ?? { numerator: 0, denominator: 0, count: 0 };
            s.numerator += m.value.numerator; s.denominator += m.value.denominator; s.count++;
            sums.set(m.measureId, s);
        }
    }
    for (const [id, sum] of sums) {
        const group = res.byId.get(id)?.[0];
        const claimed = group ? undefined : cat.measures.get(id)?.exclusion.map(ex => res.byId.get(ex)?.[0]).find(m => m?.value === true);
        if (claimed) {
            ctx.report('rollup/total-mismatch', claimed.span,
                `The group claims ${claimed.measureId}, the exclusion of ${id}, but ${sum.count} clinician(s) report ${id} (${sum.numerator} / ${sum.denominator}). A group that qualifies for the exclusion has no counts for the measure: remove the exclusion and report the group total, or remove the clinicians' ${id} lines.`);
            continue;
        }
        if (!group) {
            const line = `measure ${preferredName(id) ?? id} ${sum.numerator} / ${sum.denominator}`;
            ctx.report('rollup/total-mismatch', ctx.model.headerSpan,
                `${sum.count} clinician(s) report ${id} (${sum.numerator} / ${sum.denominator}) but the group does not. Add the group total \`${line}\`.`,
                { fixes: insertFixes(ctx.model, [{ title: `Add the group total ${sum.numerator} / ${sum.denominator}`, lines: [line] }]) });
            continue;
        }
        if (typeof group.value !== 'object' || group.entry.value.kind !== 'ratio') continue;
        const v = group.value;
        if (sum.count < withData) {
            // Some clinicians with data do not list this measure: their share is unknown, so the
            // listed ones only give a lower bound.
            if (v.numerator < sum.numerator || v.denominator < sum.denominator) {
                ctx.report('rollup/total-mismatch', group.span,
                    `The group reports ${id} as ${v.numerator} / ${v.denominator}, less than the ${sum.numerator} / ${sum.denominator} of the ${sum.count} of ${withData} clinicians who list it. A group's numbers are the sums of its clinicians' CEHRT data; correct the total or the clinicians' numbers.`);
            }
            continue;
        }
        if (v.numerator !== sum.numerator || v.denominator !== sum.denominator) {
            const ratio = group.entry.value;
            ctx.report('rollup/total-mismatch', group.span,
                `The group reports ${id} as ${v.numerator} / ${v.denominator}, but its clinicians add up to ${sum.numerator} / ${sum.denominator}. A group's numbers are the sums of its clinicians' CEHRT data; correct the total or the clinicians' numbers.`,
                { fixes: [{ title: `Use the clinicians' sum ${sum.numerator} / ${sum.denominator}`, preferred: true, edits: [
                    { span: ratio.numerator.span, text: String(sum.numerator) }, { span: ratio.denominator.span, text: String(sum.denominator) }
                ] }] });
        }
    }
}
