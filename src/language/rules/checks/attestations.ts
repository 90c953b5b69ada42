/**
 * The required attestations: Security Risk Analysis (PI_PPHI_1), SAFER Guide (PI_PPHI_2),
 * actions to limit or restrict interoperability of CEHRT (PI_INFBLO_1), ONC Direct Review
 * (PI_ONCDIR_1). Which answers satisfy them per year is in data/years.ts.
 */
import type { RuleContext } from '../context.js';
import { parseIsoDate } from '../dates.js';
import type { Measurement } from '../resolve.js';

const SNIPPETS: Record<string, string> = {
    PI_PPHI_1: 'attest security-risk-analysis yes',
    PI_PPHI_2: 'attest safer-guide yes',
    PI_INFBLO_1: 'attest actions-to-limit-interoperability yes',
    PI_ONCDIR_1: 'attest onc-direct-review yes'
};

const LABEL: Record<string, string> = {
    PI_PPHI_1: 'Security Risk Analysis (PI_PPHI_1)',
    PI_PPHI_2: 'SAFER Guide attestation (PI_PPHI_2)',
    PI_INFBLO_1: 'Actions to limit or restrict interoperability of CEHRT (PI_INFBLO_1)',
    PI_ONCDIR_1: 'ONC Direct Review attestation (PI_ONCDIR_1)'
};

function answerFix(m: Measurement, title: string) {
    return { title, edits: [{ span: m.span, text: 'yes' }], preferred: true };
}

export function checkAttestations(ctx: RuleContext): void {
    const res = ctx.resolution;
    const facts = ctx.facts;
    if (!res || !facts || ctx.year === undefined) return;
    const get = (id: string) => res.byId.get(id)?.[0];

    for (const id of Object.keys(SNIPPETS)) {
        if (get(id)) continue;
        const at = ctx.model.insertAt;
        ctx.report('attestation/missing', ctx.model.headerSpan,
            `The ${LABEL[id]} is not answered. It is required every year; without it the category scores 0. ${ctx.write(`Add \`${SNIPPETS[id]}\``, `Add the measurement { "measureId": "${id}", "value": true }`)}.`,
            at !== undefined ? { fixes: [{ title: `Add \`${SNIPPETS[id]}\``, edits: [{ span: { offset: at, end: at }, text: `    ${SNIPPETS[id]}\n` }] }] } : {});
    }

    const sra = get('PI_PPHI_1');
    if (sra?.value === false) {
        ctx.report('attestation/sra-not-yes', sra.span,
            `The Security Risk Analysis is answered "no": the category scores 0. Conduct or review the analysis within ${ctx.year} and attest "yes".`);
    }
    const safer = get('PI_PPHI_2');
    if (safer?.value === false && !facts.saferAnswers.value.includes('no')) {
        ctx.report('attestation/safer-not-yes', safer.span,
            `SAFER Guide must be YES from 2024: a "no" no longer satisfies the measure and the category scores 0. Complete the High Priority Practices self-assessment within ${ctx.year} and attest "yes".`,
            { confidence: facts.saferAnswers.confidence, fixes: [answerFix(safer, 'Attest "yes" (after completing the self-assessment)')] });
    }
    if (safer && facts.saferGuideVersion && safer.entry.version && safer.entry.version.value !== facts.saferGuideVersion.value) {
        ctx.report('attestation/safer-guide-version', safer.entry.version.span,
            `The ${ctx.year} self-assessment uses the ${facts.saferGuideVersion.value} High Priority Practices SAFER Guide, not the ${safer.entry.version.value} edition.`,
            { confidence: facts.saferGuideVersion.confidence, fixes: [{ title: `Use the ${facts.saferGuideVersion.value} guide`, edits: [{ span: safer.entry.version.span, text: facts.saferGuideVersion.value }], preferred: true }] });
    }
    const infoblock = get('PI_INFBLO_1');
    if (infoblock?.value === false) {
        ctx.report('attestation/infoblock-not-yes', infoblock.span,
            'The attestation on actions to limit or restrict the interoperability of CEHRT is "no": the category scores 0. Only a "yes" satisfies it.');
    }
    const oncdir = get('PI_ONCDIR_1');
    if (oncdir?.value === false && !facts.oncDirectReviewAnswers.value.includes('no')) {
        ctx.report('attestation/onc-direct-review-not-yes', oncdir.span,
            `In ${ctx.year} the ONC Direct Review attestation must be "yes" (a "no" is accepted only from 2024): the category scores 0.`,
            { confidence: facts.oncDirectReviewAnswers.confidence, fixes: [answerFix(oncdir, 'Attest "yes"')] });
    }

    for (const m of [sra, safer]) {
        const completed = m?.entry.completed;
        if (!m || !completed) continue;
        const date = parseIsoDate(completed.value);
        const what = m.measureId === 'PI_PPHI_1' ? 'Security Risk Analysis' : 'SAFER Guide self-assessment';
        if (!date) {
            ctx.report('period/invalid-date', completed.span, `${completed.value} is not a calendar date (YYYY-MM-DD).`);
        } else if (date.year !== ctx.year) {
            ctx.report('attestation/completed-outside-year', completed.span,
                `The ${what} is dated ${completed.value}, outside ${ctx.year}. It must be done within the calendar year of the performance period; a "yes" without that would not survive an audit.`);
        }
    }
}
