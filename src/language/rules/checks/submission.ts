/**
 * The submission as a whole: statements given twice, year, practice, entity and identifiers,
 * reporting option, special status, clinicians.
 */
import { SUPPORTED_YEARS } from '../../data/measures.js';
import { entityTakes, type Located, type SubmissionModel } from '../../model/submission.js';
import type { RuleContext } from '../context.js';

/** Luhn check digit over "80840" + the first 9 digits (CMS NPI standard). */
export function npiCheckDigitValid(npi: string): boolean {
    if (!/^\d{10}$/.test(npi)) return false;
    const digits = ('80840' + npi).split('').map(Number);
    let sum = 0;
    for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
        let d = digits[i];
        if (double) { d *= 2; if (d > 9) d -= 9; }
        sum += d;
    }
    return sum % 10 === 0;
}

export function checkNpi(ctx: RuleContext, npi: Located<string>, whose: string): void {
    if (!/^\d{10}$/.test(npi.value)) {
        ctx.report('entity/npi-format', npi.span, `${whose} NPI "${npi.value}" is not 10 digits. An NPI is exactly 10 digits; copy it from NPPES.`);
    } else if (!/^[12]/.test(npi.value) || !npiCheckDigitValid(npi.value)) {
        ctx.report('entity/npi-check-digit', npi.span,
            `${whose} NPI ${npi.value} fails the NPI check digit (Luhn over 80840 + NPI${/^[12]/.test(npi.value) ? '' : '; real NPIs start with 1 or 2'}). Check it for a typo.`);
    }
}

function duplicates<T extends { span: { offset: number; end: number } }>(ctx: RuleContext, items: readonly T[], what: string): void {
    for (const extra of items.slice(1)) {
        ctx.report('submission/duplicate-statement', extra.span, `${what} is stated twice. Keep one; remove this one or the first.`,
            { fixes: [{ title: `Remove the second ${what.toLowerCase()}`, edits: [{ span: extra.span, text: '' }] }] });
    }
}

export function checkSubmission(ctx: RuleContext): void {
    const m: SubmissionModel = ctx.model;
    duplicates(ctx, m.years, 'The performance year');
    duplicates(ctx, m.practices, 'The practice name');
    duplicates(ctx, m.entities, 'The entity');
    duplicates(ctx, m.reportings, 'The reporting option');
    duplicates(ctx, m.periods, 'The performance period');
    duplicates(ctx, m.cehrts, 'The CEHRT id');

    const year = m.years[0];
    if (!year) {
        ctx.report('year/missing', m.headerSpan, `No performance year. ${ctx.write('Add `year 2025`', 'Add performanceYear')} (the year the data was collected); every other rule depends on it.`,
            m.insertAt !== undefined ? { fixes: [{ title: 'Add a performance year', edits: [{ span: { offset: m.insertAt, end: m.insertAt }, text: `    year ${SUPPORTED_YEARS.at(-2)}\n` }] }] } : {});
    } else if (ctx.year === undefined || !ctx.facts || !ctx.catalogue) {
        ctx.report('year/unsupported', year.span,
            `Performance year ${year.value} is not supported: pisub knows the PI rules for ${SUPPORTED_YEARS[0]}–${SUPPORTED_YEARS.at(-1)}.`);
    } else if (ctx.facts.provisional?.value) {
        ctx.report('year/provisional', year.span, `${ctx.facts.provisional.note} Re-check this submission when CMS finalizes ${ctx.year}.`);
    }

    if (m.practices.length === 0 && m.origin === 'pisub') {
        ctx.report('submission/practice-missing', m.headerSpan, 'No practice name. Add `practice "Name of the practice"` so reports and reviewers can tell submissions apart.');
    }

    checkEntity(ctx);
    checkReporting(ctx);
    checkStatus(ctx);
    checkClinicians(ctx);
}

function checkEntity(ctx: RuleContext): void {
    const m = ctx.model;
    const entity = m.entities[0];
    if (!entity) {
        ctx.report('entity/missing', m.headerSpan,
            `No submitting entity. ${ctx.write('Add e.g. `entity group tin 123456789` or `entity individual tin 123456789 npi 1234567893`.', 'Add entityType (individual, group, virtualGroup, subgroup or apm) with its identifiers.')}`);
        return;
    }
    const kind = entity.kind.value;
    for (const [list, name] of [[entity.tin, 'TIN'], [entity.npi, 'NPI'], [entity.entityId, 'entity id']] as const) {
        for (const extra of list.slice(1)) ctx.report('entity/identifier-repeated', extra.span, `The ${name} is given twice; keep one.`);
    }
    const needsTin = entityTakes(kind, 'tin');
    const tin = entity.tin[0];
    if (!tin && needsTin) {
        ctx.report('entity/tin-missing', entity.kind.span, `A ${kind} submission needs the practice's TIN: ${ctx.write('add `tin 123456789`', 'add taxpayerIdentificationNumber (9 digits)')}.`);
    }
    if (tin && !/^\d{9}$/.test(tin.value)) {
        ctx.report('entity/tin-format', tin.span, `TIN "${tin.value}" is not 9 digits. Write the 9 digits without dashes or spaces.`,
            /^\d{2}-\d{7}$/.test(tin.value) ? { fixes: [{ title: 'Remove the dash', edits: [{ span: tin.span, text: tin.value.replace('-', '') }], preferred: true }] } : {});
    }
    const npi = entity.npi[0];
    if (entityTakes(kind, 'npi')) {
        if (!npi) ctx.report('entity/npi-missing', entity.kind.span, `An individual submission needs the clinician's NPI: ${ctx.write('add `npi 1234567893`', 'add nationalProviderIdentifier (10 digits)')}.`);
        else checkNpi(ctx, npi, 'The clinician\'s');
    } else if (npi) {
        ctx.report('entity/npi-not-allowed', npi.span,
            `A ${kind} submission carries no NPI (only individual submissions do). List the clinicians with \`clinician <NPI> "name"\` instead.`,
            { fixes: [{ title: 'Remove the NPI', edits: [{ span: { offset: npi.span.offset - 'npi '.length, end: npi.span.end }, text: '' }] }] });
    }
    const needsId = entityTakes(kind, 'id');
    if (needsId && entity.entityId.length === 0) {
        ctx.report('entity/id-missing', entity.kind.span, `A ${kind} submits with its entity id: ${ctx.write(`add \`id <${kind} id>\``, 'add entityId')} as QPP issued it.`);
    } else if (!needsId && entity.entityId[0]) {
        ctx.report('entity/id-not-allowed', entity.entityId[0].span, `A ${kind} submission has no entity id; it is identified by its TIN${kind === 'individual' ? ' and NPI' : ''}. Remove the id.`);
    }
    if (kind === 'subgroup' && m.reportings[0]?.option.value !== 'mvp') {
        ctx.report('entity/subgroup-needs-mvp', entity.kind.span, 'Subgroups report only through an MVP: add `reporting mvp <MVP id>` (e.g. G0053).');
    }
}

function checkReporting(ctx: RuleContext): void {
    const r = ctx.model.reportings[0];
    if (!r) return;
    const option = r.option.value;
    const programs = ctx.catalogue?.programs;
    if (option === 'mvp') {
        if (!r.mvpId) {
            ctx.report('reporting/mvp-id-missing', r.option.span, 'MVP reporting names its MVP: write e.g. `reporting mvp G0053`.');
        } else if (programs && programs.size > 0 && !programs.has(r.mvpId.value.toUpperCase())) {
            const mvps = [...programs].filter(p => /^[GM]\d{4}$/.test(p)).sort();
            ctx.report('reporting/mvp-id-unknown', r.mvpId.span,
                `MVP ${r.mvpId.value} is not offered for PI in ${ctx.year}. MVPs in CMS's ${ctx.year} measure data: ${mvps.join(', ') || 'none'}.`);
        }
        if (programs && programs.size === 0 && ctx.year !== undefined) {
            ctx.report('reporting/option-not-in-year', r.option.span, `MVPs start with the 2023 performance year; ${ctx.year} submissions report traditional MIPS or the APP.`);
        }
    } else if (r.mvpId) {
        ctx.report('reporting/mvp-id-unexpected', r.mvpId.span, `Only \`reporting mvp\` takes an MVP id; remove "${r.mvpId.value}" or write \`reporting mvp ${r.mvpId.value}\`.`);
    }
    if (option === 'app-plus' && programs && ctx.year !== undefined && !programs.has('appPlus')) {
        ctx.report('reporting/option-not-in-year', r.option.span, `APP Plus is offered from the 2025 performance year; for ${ctx.year} use \`reporting app\` or \`reporting traditional\`.`);
    }
}

function checkStatus(ctx: RuleContext): void {
    const m = ctx.model;
    const status = m.statuses[0];
    if (!status) return;
    if (m.entries.length > 0) {
        const what = status.value === 'hardship-exception' ? 'an approved hardship exception' : `special status ${status.value}`;
        ctx.report('status/data-cancels-reweighting', status.span,
            `With ${what} the PI category is reweighted to 0%, but this file submits PI data, which cancels the reweighting and the category is scored. Submit no PI data to keep the reweighting, or remove this line if the practice wants to be scored.`);
    }
}

function checkClinicians(ctx: RuleContext): void {
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
