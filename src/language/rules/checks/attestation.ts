/**
 * The required attestations: Security Risk Analysis (PI_PPHI_1), SAFER Guide (PI_PPHI_2),
 * actions to limit or restrict interoperability of CEHRT (PI_INFBLO_1), ONC Direct Review
 * (PI_ONCDIR_1). Which answers satisfy them per year is in the year data (data/years/<year>.ts).
 * Reports: attestation/missing, attestation/sra-not-yes, attestation/safer-not-yes,
 * attestation/safer-guide-version, attestation/infoblock-not-yes,
 * attestation/onc-direct-review-not-yes, attestation/completed-outside-year,
 * attestation/detail-not-applicable, attestation/invalid-date (a `completed` date).
 */
import type { YearCatalogue } from '../../data/measures.js';
import { preferredName } from '../../data/names.js';
import { firstYearWhere } from '../../data/years.js';
import type { RuleContext } from '../context.js';
import { parseIsoDate } from '../dates.js';
import { label } from '../measure-sets.js';
import { problemsOf, type Measurement, type SubmissionResolution } from '../resolve.js';
import { REQUIRED_ATTESTATION_IDS } from '../../vocabulary.js';

/** The line that answers an attestation "yes" (`attest security-risk-analysis yes`). */
const snippet = (id: string) => `attest ${preferredName(id) ?? id} yes`;

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
    const cat = ctx.catalogue;
    if (!res || !facts || !cat || ctx.year === undefined) return;
    checkDetails(ctx, res, cat);
    const get = (id: string) => res.byId.get(id)?.[0];

    for (const id of REQUIRED_ATTESTATION_IDS) {
        if (get(id)) continue;
        const at = ctx.model.insertAt;
        ctx.report('attestation/missing', ctx.model.headerSpan,
            `The ${LABEL[id]} is not answered. It is required every year; without it the category scores 0. ${ctx.write(`Add \`${snippet(id)}\``, `Add the measurement { "measureId": "${id}", "value": true }`)}.`,
            at !== undefined ? { fixes: [{ title: `Add \`${snippet(id)}\``, edits: [{ span: { offset: at, end: at }, text: `    ${snippet(id)}\n` }] }] } : {});
    }

    const sra = get('PI_PPHI_1');
    if (sra?.value === false) {
        ctx.report('attestation/sra-not-yes', sra.span,
            `The Security Risk Analysis is answered "no": the category scores 0. Conduct or review the analysis within ${ctx.year} and attest "yes".`);
    }
    const safer = get('PI_PPHI_2');
    if (safer?.value === false && !facts.saferAnswers.value.includes('no')) {
        ctx.report('attestation/safer-not-yes', safer.span,
            `SAFER Guide must be YES from ${firstYearWhere(f => !f.saferAnswers.value.includes('no'))}: a "no" no longer satisfies the measure and the category scores 0. Complete the High Priority Practices self-assessment within ${ctx.year} and attest "yes".`,
            { confidence: facts.saferAnswers.confidence, fixes: [answerFix(safer, 'Attest "yes" (after completing the self-assessment)')] });
    }
    if (safer && facts.saferGuideVersion && safer.entry.version && safer.entry.version.value !== facts.saferGuideVersion.value) {
        ctx.report('attestation/safer-guide-version', safer.entry.version.span,
            `The ${ctx.year} self-assessment uses the ${facts.saferGuideVersion.value} High Priority Practices SAFER Guide, not the ${safer.entry.version.value} edition: CMS asks for "an affirmative attestation … using the ${facts.saferGuideVersion.value} High Priority Practices SAFER Guide" (${ctx.year} measure data), so the category scores 0. Redo the self-assessment with the ${facts.saferGuideVersion.value} guide.`,
            { confidence: facts.saferGuideVersion.confidence, fixes: [{ title: `Write version ${facts.saferGuideVersion.value} (after redoing the self-assessment with that guide)`, edits: [{ span: safer.entry.version.span, text: facts.saferGuideVersion.value }], preferred: true }] });
    }
    const infoblock = get('PI_INFBLO_1');
    if (infoblock?.value === false) {
        ctx.report('attestation/infoblock-not-yes', infoblock.span,
            'The attestation on actions to limit or restrict the interoperability of CEHRT is "no": the category scores 0. Only a "yes" satisfies it.');
    }
    const oncdir = get('PI_ONCDIR_1');
    if (oncdir?.value === false && !facts.oncDirectReviewAnswers.value.includes('no')) {
        ctx.report('attestation/onc-direct-review-not-yes', oncdir.span,
            `In ${ctx.year} the ONC Direct Review attestation must be "yes" (a "no" is accepted only from ${firstYearWhere(f => f.oncDirectReviewAnswers.value.includes('no'))}): the category scores 0.`,
            { confidence: facts.oncDirectReviewAnswers.confidence, fixes: [answerFix(oncdir, 'Attest "yes"')] });
    }

    for (const m of [sra, safer]) {
        const completed = m?.entry.completed;
        if (!m || !completed) continue;
        const date = parseIsoDate(completed.value);
        const what = m.measureId === 'PI_PPHI_1' ? 'Security Risk Analysis' : 'SAFER Guide self-assessment';
        if (!date) {
            ctx.report('attestation/invalid-date', completed.span, `${completed.value} is not a calendar date (YYYY-MM-DD).`);
        } else if (date.year !== ctx.year) {
            ctx.report('attestation/completed-outside-year', completed.span,
                `The ${what} is dated ${completed.value}, outside ${ctx.year}. It must be done within the calendar year of the performance period; a "yes" without that would not survive an audit.`);
        }
    }
}

/** `completed`, `version` and `engagement` only where they mean something (found while resolving). */
function checkDetails(ctx: RuleContext, res: SubmissionResolution, cat: YearCatalogue): void {
    for (const p of problemsOf(res, 'attestation/detail-not-applicable')) {
        const message = p.detail === 'completed' ? `\`completed\` is for the Security Risk Analysis and the SAFER Guide; it means nothing on ${p.id}.`
            : p.detail === 'version' ? `\`version\` is the SAFER Guide edition; it means nothing on ${p.id}.`
            : p.detail === 'engagement' ? `\`engagement\` is the active-engagement level of a public-health measure; it means nothing on ${p.id}.`
            : `${label(cat, p.id)} has no active-engagement levels in CMS's ${cat.year} measure data; remove \`engagement ${p.entry.engagement?.value ?? ''}\`.`;
        ctx.report(p.code, p.span, message);
    }
}
