/**
 * Measures as a set: given twice, exclusions against their measures, required measures, numerator
 * gates, the HIE options, public-health engagement levels, and the group roll-up.
 */
import { measureKind, type YearCatalogue } from '../../data/measures.js';
import { preferredName } from '../../data/names.js';
import type { ClinicianModel, MeasureEntry } from '../../model/submission.js';
import type { FixSuggestion, RuleContext } from '../context.js';
import { resolveEntries, type Measurement, type Resolution } from '../resolve.js';

const ATTESTATIONS = new Set(['PI_PPHI_1', 'PI_PPHI_2', 'PI_INFBLO_1', 'PI_ONCDIR_1']);

function isYes(m: Measurement | undefined): boolean {
    return m?.value === true;
}

function removeFix(entry: MeasureEntry, title: string): FixSuggestion {
    return { title, edits: [{ span: entry.span, text: '' }] };
}

function label(cat: YearCatalogue, id: string): string {
    const info = cat.measures.get(id);
    return info ? `${info.title} (${id})` : id;
}

function skeleton(cat: YearCatalogue, id: string): string {
    const name = preferredName(id) ?? id;
    const info = cat.measures.get(id);
    if (info?.metricType === 'proportion') return `measure ${name} 0 / 0`;
    if (info?.preprod.length) return `measure ${name} yes engagement production`;
    return `measure ${name} yes`;
}

/** Measures whose exclusion (or automatic exclusion) is claimed. */
function excludedMeasures(ctx: RuleContext, res: Resolution, cat: YearCatalogue): Map<string, Measurement | 'automatic'> {
    const excluded = new Map<string, Measurement | 'automatic'>();
    for (const m of res.measurements) {
        const of = cat.exclusionOf.get(m.measureId);
        if (of && m.value === true && !excluded.has(of)) excluded.set(of, m);
    }
    if (ctx.facts?.epExclusionExcludesPdmp.value && excluded.has('PI_EP_1') && cat.measures.get('PI_EP_2')?.isRequired && !excluded.has('PI_EP_2')) {
        excluded.set('PI_EP_2', 'automatic');
    }
    return excluded;
}

export function checkMeasures(ctx: RuleContext): void {
    const cat = ctx.catalogue;
    if (!cat) return;
    const res = resolveEntries(ctx, ctx.model.entries, cat);
    ctx.resolution = res;

    // Given twice.
    for (const [id, list] of res.byId) {
        for (const extra of list.slice(1)) {
            ctx.report('measure/duplicate', extra.entry.ref.span,
                `${label(cat, id)} is reported twice (first at ${describeAt(ctx, list[0])}). QPP rejects a measure given twice in one submission; keep one.`,
                { fixes: extra.via === 'direct' ? [removeFix(extra.entry, 'Remove this duplicate')] : [] });
        }
    }

    const excluded = excludedMeasures(ctx, res, cat);
    const first = (id: string) => res.byId.get(id)?.[0];

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
    if (ctx.facts?.epExclusionExcludesPdmp.value && excluded.has('PI_EP_1') && pdmp && pdmp.via === 'direct') {
        ctx.report('exclusion/pdmp-after-ep-exclusion', pdmp.span,
            'With the e-Prescribing exclusion claimed you can\'t report Query of PDMP: its exclusion is claimed automatically. Remove this line.',
            { confidence: ctx.facts.epExclusionExcludesPdmp.confidence, fixes: [removeFix(pdmp.entry, 'Remove Query of PDMP')] });
    }

    checkRequired(ctx, res, cat, excluded);
    checkHie(ctx, res, cat);
    checkPublicHealth(ctx, res, cat, excluded);
    checkRollup(ctx, res, cat);
}

function describeAt(ctx: RuleContext, m: Measurement): string {
    return `"${ctx.model.origin === 'pisub' ? m.entry.ref.value : m.measureId}"`;
}

function checkRequired(ctx: RuleContext, res: Resolution, cat: YearCatalogue, excluded: Map<string, Measurement | 'automatic'>): void {
    const hie = new Set(ctx.facts!.hieOptions.value.flat());
    const at = ctx.model.insertAt;
    const addFix = (id: string): FixSuggestion[] => at === undefined ? [] : [{
        title: `Add \`${skeleton(cat, id)}\``, edits: [{ span: { offset: at, end: at }, text: `    ${skeleton(cat, id)}\n` }]
    }];
    for (const info of cat.measures.values()) {
        const id = info.measureId;
        if (!info.isRequired || info.reportingCategory !== 'required' || measureKind(cat, id) !== 'measure') continue;
        if (ATTESTATIONS.has(id) || hie.has(id)) continue; // attestations.ts and checkHie
        const m = res.byId.get(id)?.[0];
        if (!m && !excluded.has(id)) {
            const exclusions = info.exclusion.filter(ex => cat.measures.has(ex));
            ctx.report('measure/required-missing', ctx.model.headerSpan,
                `${label(cat, id)} is required in ${cat.year} and is neither reported nor excluded: the category scores 0. Report it${exclusions.length ? ` or claim its exclusion (${exclusions.join(', ')})` : ''}.`,
                { fixes: addFix(id) });
            continue;
        }
        if (m) gateValue(ctx, m, cat);
    }
}

/** Numerator 0 on a required proportion measure; "no" on a required yes/no measure. */
function gateValue(ctx: RuleContext, m: Measurement, cat: YearCatalogue): void {
    const info = cat.measures.get(m.measureId)!;
    if (typeof m.value === 'object' && m.value.numerator === 0) {
        ctx.report('measure/numerator-zero', m.entry.value.kind === 'ratio' ? m.entry.value.numerator.span : m.span,
            `${label(cat, m.measureId)} has a numerator of 0. Required measures need at least 1 in the numerator, or the category scores 0. ${info.exclusion.length ? 'If the clinician qualifies, claim the exclusion instead.' : 'Check the EHR report.'}`);
    }
    if (m.value === false && m.via === 'direct') {
        const suppressed = ctx.facts!.suppressedMeasures.value.includes(m.measureId);
        if (!suppressed) {
            ctx.report('measure/answer-no', m.span,
                `${label(cat, m.measureId)} is answered "no": it earns 0 points, and CMS may score the whole category 0 (not settled). Answer "yes" if you qualify${info.exclusion.length ? ', or claim an exclusion' : ''}.`);
        }
    }
}

function checkHie(ctx: RuleContext, res: Resolution, cat: YearCatalogue): void {
    const options = ctx.facts!.hieOptions.value;
    // A measure "touches" an option when it or one of its exclusions is reported.
    const touches = (id: string): Measurement | undefined => {
        const direct = res.byId.get(id)?.[0];
        if (direct) return direct;
        for (const ex of cat.measures.get(id)?.exclusion ?? []) {
            const m = res.byId.get(ex)?.[0];
            if (m) return m;
        }
        return undefined;
    };
    const touched = options.map(opt => ({ opt, ms: opt.map(touches).filter((m): m is Measurement => m !== undefined) })).filter(o => o.ms.length > 0);
    const describe = (opt: readonly string[]) => opt.join(' + ');
    const allOptions = options.map(o => `{${describe(o)}}`).join(' or ');
    const at = ctx.model.insertAt;

    if (touched.length === 0) {
        ctx.report('measure/required-missing', ctx.model.headerSpan,
            `No Health Information Exchange option is reported: the category scores 0. Report one of ${allOptions}.`,
            at !== undefined ? { fixes: options.map(opt => ({
                title: `Add HIE option ${describe(opt)}`,
                edits: [{ span: { offset: at, end: at }, text: opt.map(id => `    ${skeleton(cat, id)}\n`).join('') }]
            })) } : {});
        return;
    }
    if (touched.length > 1) {
        // Keep the first option written; every measure of the others conflicts.
        const sorted = [...touched].sort((a, b) => a.ms[0].entry.span.offset - b.ms[0].entry.span.offset);
        const kept = sorted[0];
        for (const other of sorted.slice(1)) {
            for (const m of other.ms) {
                ctx.report('hie/conflicting-options', m.entry.ref.span,
                    `${m.measureId} belongs to HIE option {${describe(other.opt)}}, but option {${describe(kept.opt)}} is also reported. Report exactly one option: ${allOptions}.`,
                    { fixes: [removeFix(m.entry, `Remove ${m.measureId} (keep {${describe(kept.opt)}})`)] });
            }
        }
        return;
    }
    const { opt } = touched[0];
    for (const id of opt) {
        const m = res.byId.get(id)?.[0];
        const excl = (cat.measures.get(id)?.exclusion ?? []).some(ex => res.byId.get(ex)?.[0]?.value === true);
        if (!m && !excl) {
            const exclusions = (cat.measures.get(id)?.exclusion ?? []).filter(ex => cat.measures.has(ex));
            ctx.report('measure/required-missing', ctx.model.headerSpan,
                `HIE option {${describe(opt)}} is incomplete: ${label(cat, id)} is neither reported nor excluded, so the category scores 0. Report it${exclusions.length ? ` or claim ${exclusions.join(' / ')}` : ''}.`,
                at !== undefined ? { fixes: [{ title: `Add \`${skeleton(cat, id)}\``, edits: [{ span: { offset: at, end: at }, text: `    ${skeleton(cat, id)}\n` }] }] } : {});
        } else if (m) {
            gateValue(ctx, m, cat);
        }
    }
}

function checkPublicHealth(ctx: RuleContext, res: Resolution, cat: YearCatalogue, excluded: Map<string, Measurement | 'automatic'>): void {
    const facts = ctx.facts!;
    const bonusYes: Measurement[] = [];
    for (const info of cat.measures.values()) {
        if (info.objective !== 'publicHealthAndClinicalDataExchange' || measureKind(cat, info.measureId) !== 'measure') continue;
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
                        `${info.title} is "yes" without its active-engagement level: from 2023 the level is required, or the category scores 0. ${ctx.write('Add `engagement production` (validated data production) or `engagement pre-production`.', `Add the measurement ${info.measureId}_PROD (validated data production) or ${info.measureId}_PRE with value true.`)}${suppressed ? ` (${info.measureId} is suppressed in ${cat.year}, so it earns full credit either way.)` : ''}`,
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

/** Group totals are the sums of the clinicians' numbers (where clinicians list them). */
function checkRollup(ctx: RuleContext, res: Resolution, cat: YearCatalogue): void {
    const clinicians: readonly ClinicianModel[] = ctx.model.clinicians;
    if (clinicians.length === 0) return;
    const sums = new Map<string, { numerator: number; denominator: number; count: number }>();
    // Each clinician counts once (a duplicate is clinician/duplicate); a clinician marked
    // no-cehrt-data adds nothing (checkClinicians says so).
    const counted = new Set<string>();
    let withData = 0;
    for (const c of clinicians) {
        if (c.entries.length === 0) continue;
        // Clinicians' entries are resolved like the group's (and their problems reported), but
        // only ratios add up; a separate resolution keeps them out of the group's measurement set.
        const own = resolveEntries(ctx, c.entries, cat);
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
            ctx.report('rollup/total-mismatch', ctx.model.headerSpan,
                `${sum.count} clinician(s) report ${id} (${sum.numerator} / ${sum.denominator}) but the group does not. Add the group total \`measure ${preferredName(id) ?? id} ${sum.numerator} / ${sum.denominator}\`.`,
                ctx.model.insertAt !== undefined ? { fixes: [{ title: `Add the group total ${sum.numerator} / ${sum.denominator}`, edits: [{ span: { offset: ctx.model.insertAt, end: ctx.model.insertAt }, text: `    measure ${preferredName(id) ?? id} ${sum.numerator} / ${sum.denominator}\n` }] }] } : {});
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
