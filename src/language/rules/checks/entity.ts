/**
 * The submitting entity and its identifiers.
 * Reports: entity/missing, entity/tin-missing, entity/tin-format, entity/npi-missing,
 * entity/npi-format, entity/npi-check-digit, entity/npi-not-allowed, entity/id-missing,
 * entity/id-not-allowed, entity/identifier-repeated, entity/subgroup-needs-mvp,
 * entity/apm-entity-level-not-in-year.
 */
import { entityTakes, type EntityKind, type Located } from '../../model/submission.js';
import { firstYearWhere } from '../../data/years.js';
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

export function checkEntity(ctx: RuleContext): void {
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
        ctx.report('entity/tin-missing', entity.kind.span, `${aKind(kind)} submission needs the practice's TIN: ${ctx.write('add `tin 123456789`', 'add taxpayerIdentificationNumber (9 digits)')}.`);
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
            `${aKind(kind)} submission carries no NPI (only individual submissions do). List the clinicians with \`clinician <NPI> "name"\` instead.`,
            npi.clause ? { fixes: [{ title: 'Remove the NPI', edits: [{ span: npi.clause, text: '' }] }] } : {});
    }
    const needsId = entityTakes(kind, 'id');
    if (needsId && entity.entityId.length === 0) {
        ctx.report('entity/id-missing', entity.kind.span, `${aKind(kind)} submits with its entity id: ${ctx.write(`add \`id <${kind} id>\``, 'add entityId')} as QPP issued it.`);
    } else if (!needsId && entity.entityId[0]) {
        ctx.report('entity/id-not-allowed', entity.entityId[0].span, `${aKind(kind)} submission has no entity id; it is identified by its TIN${kind === 'individual' ? ' and NPI' : ''}. Remove the id.`);
    }
    if (kind === 'subgroup' && m.reportings[0]?.option.value !== 'mvp') {
        ctx.report('entity/subgroup-needs-mvp', entity.kind.span, 'Subgroups report only through an MVP: add `reporting mvp <MVP id>` (e.g. G0053).');
    }
    const apm = ctx.facts?.apmEntityPiReporting;
    if (kind === 'apm-entity' && apm && !apm.value) {
        ctx.report('entity/apm-entity-level-not-in-year', entity.kind.span,
            `APM entities may report PI at the APM entity level only from ${firstYearWhere(f => f.apmEntityPiReporting.value)} (2023 Quick Start Guide, What's New). In ${ctx.year} the entity's clinicians report PI as individuals or as a group: submit \`entity group\` (or \`entity individual\`) files instead.`,
            { confidence: apm.confidence });
    }
}

/** "An APM entity", "A virtual group", ... (the entity kind in a sentence). */
function aKind(kind: EntityKind): string {
    const text: Record<EntityKind, string> = { individual: 'An individual', group: 'A group', 'virtual-group': 'A virtual group', subgroup: 'A subgroup', 'apm-entity': 'An APM entity' };
    return text[kind];
}
