/**
 * Runs every check on a submission model and computes its score. The single entry point for the
 * language server (pisub-validator.ts), the CLI and the interop layer.
 */
import { catalogueFor, SUPPORTED_YEARS } from '../data/measures.js';
import { factsFor } from '../data/years.js';
import { yearOf, type SubmissionModel } from '../model/submission.js';
import { computeScore, type ScoreResult } from '../score/score.js';
import { checkAttestations } from './checks/attestations.js';
import { checkMeasures } from './checks/measures.js';
import { checkEvidence, type EvidenceReader } from './checks/evidence.js';
import { checkCehrt, checkPeriod } from './checks/period-cehrt.js';
import { checkPriorYear } from './checks/prior-year.js';
import { checkSubmission } from './checks/submission.js';
import { RuleContext, type Finding } from './context.js';
import { describeYears, type Resolution } from './resolve.js';

/**
 * Rules whose outcome does not depend on the year's facts. For a year pisub has no rules for, a
 * finding of these that comes out the same under every supported year is still worth saying —
 * as a warning that says so, never as an error.
 */
const YEAR_INDEPENDENT = new Set([
    'hie/conflicting-options', 'measure/duplicate', 'measure/numerator-exceeds-denominator', 'measure/not-whole-number',
    'measure/value-type', 'exclusion/with-measure', 'measure/unknown'
]);

function findingsInEveryKnownYear(model: SubmissionModel, written: number): Finding[] {
    let common: Map<string, Finding> | undefined;
    for (const year of SUPPORTED_YEARS) {
        const ctx = new RuleContext(model, year, factsFor(year), catalogueFor(year));
        checkMeasures(ctx);
        const here = new Map(ctx.findings.filter(f => YEAR_INDEPENDENT.has(f.code)).map(f => [`${f.code}@${f.span.offset}-${f.span.end}`, f]));
        common = common ? new Map([...common].filter(([key]) => here.has(key))) : here;
    }
    return [...(common?.values() ?? [])].map(f => ({
        ...f,
        severity: f.severity === 'error' ? 'warning' as const : f.severity,
        message: `${f.message} (pisub has no rules for ${written}; this holds in every year it knows, ${describeYears(SUPPORTED_YEARS)}.)`,
        fixes: undefined
    }));
}

export interface Analysis {
    readonly model: SubmissionModel;
    readonly year: number | undefined;
    readonly findings: readonly Finding[];
    readonly score: ScoreResult;
    readonly resolution: Resolution | undefined;
}

export interface AnalyseOptions {
    /** Only compute an (empty) score: used when the text is not a submission at all. */
    readonly skipRules?: boolean;
    /** Reads evidence files relative to the submission (none: evidence is checked as text only). */
    readonly evidence?: EvidenceReader;
}

/** The first sentence of a message, for the one-line summary of zero reasons. */
function firstSentence(message: string): string {
    const m = /^(.*?\.)(\s|$)/.exec(message);
    return m ? m[1] : message;
}

export function analyse(model: SubmissionModel, options: AnalyseOptions = {}): Analysis {
    const written = yearOf(model);
    const facts = written !== undefined ? factsFor(written) : undefined;
    const catalogue = written !== undefined ? catalogueFor(written) : undefined;
    const supported = facts !== undefined && catalogue !== undefined;
    const ctx = new RuleContext(model, supported ? written : undefined, facts, catalogue);

    if (options.skipRules) {
        return { model, year: undefined, findings: [], resolution: undefined, score: computeScore(model, undefined, undefined, undefined, undefined, []) };
    }
    checkSubmission(ctx);
    const status = model.statuses[0];
    if (status && model.entries.length === 0) {
        // Reweighted and submitting nothing: exactly what such a practice should do.
        ctx.report('status/reweighted', status.span,
            `${status.value === 'hardship-exception' ? 'Approved hardship exception' : `Special status ${status.value}`} and no PI data: the Promoting Interoperability category is reweighted to 0% and its weight goes to the other categories. Nothing to submit for PI; measures, period and CEHRT id are not checked.`);
    } else {
        checkPeriod(ctx);
        checkCehrt(ctx);
    }
    if (supported && !(status && model.entries.length === 0)) {
        checkMeasures(ctx);
        checkAttestations(ctx);
        checkPriorYear(ctx);
    }
    checkEvidence(ctx, options.evidence);
    const score = computeScore(model, ctx.year, facts, catalogue, ctx.resolution, ctx.findings);
    const findings = [...ctx.findings];
    if (!supported && written !== undefined) findings.push(...findingsInEveryKnownYear(model, written));
    if (score.zero && score.zeroReasons.length > 0) {
        const reasons = score.zeroReasons.map((r, i) => `(${i + 1}) ${firstSentence(r.message)} [${r.code}]`).join(' ');
        findings.push({
            code: 'score/zero', severity: 'error', span: model.headerSpan,
            message: `The Promoting Interoperability category would score 0 (${score.zeroReasons.length} reason${score.zeroReasons.length > 1 ? 's' : ''}): ${reasons} Fix each one; see the diagnostics below.`
        });
    }
    findings.sort((a, b) => a.span.offset - b.span.offset || a.span.end - b.span.end);
    return { model, year: ctx.year, findings, score, resolution: ctx.resolution };
}
