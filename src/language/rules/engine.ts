/**
 * The one analysis of a submission: resolves its entries once, runs every check area, and computes
 * the score. The single entry point for the language server (analysis.ts), the CLI (headless.ts)
 * and the interop layer. Syntax errors are input too: each is a reason the category scores 0, so
 * every face (CLI, report, status bar, code lens, custom requests) shows the same score and reasons.
 *
 * Checks live in ./checks/<area>.ts, one file per code area; each starts with the codes it reports.
 * They read the model, the year's data and the resolution, and do not depend on each other's order.
 */
import { catalogueFor } from '../data/measures.js';
import { factsFor, SUPPORTED_YEARS } from '../data/years.js';
import { yearOf, type Span, type SubmissionModel } from '../model/submission.js';
import { computeScore, type ScoreResult, type StatedWeight, type ZeroReason } from '../score/score.js';
import { checkAttestations } from './checks/attestation.js';
import { checkCehrt } from './checks/cehrt.js';
import { checkEntity } from './checks/entity.js';
import { checkEvidence } from './checks/evidence.js';
import { checkExclusions } from './checks/exclusion.js';
import { checkHie } from './checks/hie.js';
import { checkMeasures } from './checks/measure.js';
import { checkPeriod } from './checks/period.js';
import { checkPlaceholders } from './checks/placeholders.js';
import { checkPriorYear } from './checks/prior-year.js';
import { checkPublicHealth } from './checks/public-health.js';
import { checkReporting } from './checks/reporting.js';
import { checkClinicians } from './checks/rollup.js';
import { checkStatus } from './checks/status.js';
import { checkSubmission } from './checks/submission.js';
import { checkYear } from './checks/year.js';
import { RuleContext, type EvidenceReader, type Finding, type WorkspacePort } from './context.js';
import { describeYears, resolveSubmission, type Resolution } from './resolve.js';
import { isReweighted } from '../vocabulary.js';

type Check = (ctx: RuleContext) => void;

/** Checks that need no year: they run on every submission. */
const ALWAYS: readonly Check[] = [checkSubmission, checkYear, checkEntity, checkReporting, checkStatus, checkClinicians, checkEvidence];
/** Checks of the PI data itself: skipped for a reweighted submission (status/reweighted says so). */
const PI_DATA: readonly Check[] = [checkPeriod, checkCehrt];
/** Checks of the measurement set: they need a supported year (its facts, catalogue and resolution). */
const MEASUREMENTS: readonly Check[] = [checkMeasures, checkExclusions, checkHie, checkPublicHealth, checkAttestations, checkPriorYear];
/**
 * Runs after every other check, on every submission: a template placeholder (`<TIN, 9 digits>`) gets one
 * submission/placeholder finding, and the other findings on the same text are dropped (the one exception
 * to "no check reads another check's output": they would only repeat that the value is not there yet).
 */
const LAST: readonly Check[] = [checkPlaceholders];

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
        const facts = factsFor(year)!, cat = catalogueFor(year)!;
        const ctx = new RuleContext(model, year, facts, cat, resolveSubmission(model, cat, facts));
        for (const check of [checkMeasures, checkExclusions, checkHie]) check(ctx);
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

/** A syntax error of the text the model was built from (lexer, parser or JSON), 1-based position. */
export interface SyntaxProblem {
    readonly message: string;
    readonly span: Span;
    readonly line: number;
    readonly column: number;
}

export interface Analysis {
    readonly model: SubmissionModel;
    readonly year: number | undefined;
    /** Findings of the rules, sorted by position (syntax errors are not findings: the parser reports them). */
    readonly findings: readonly Finding[];
    readonly score: ScoreResult;
    readonly resolution: Resolution | undefined;
    /** Findings a check reported outside its rule's `appliesTo` years: dropped, and empty unless a check disagrees with the catalogue. */
    readonly outsideYears: readonly Finding[];
}

export interface AnalyseOptions {
    /** The syntax errors of the text; each is a reason the category scores 0. */
    readonly syntaxErrors?: readonly SyntaxProblem[];
    /** The text is not a submission at all (not even its header parsed): no rules run, the syntax errors say it all. */
    readonly skipRules?: boolean;
    /** The other files checked together (for submission/duplicate-name and submission/conflicting-data). */
    readonly workspace?: WorkspacePort;
    /** Reads evidence files relative to the submission (none: evidence is checked as text only). */
    readonly evidence?: EvidenceReader;
    /** A category weight stated outside the file (`pisub score --weight 30`); beats a `weight` statement. */
    readonly weight?: StatedWeight;
}

/** The first sentence of a message, for the one-line summary of zero reasons. */
export function firstSentence(message: string): string {
    const m = /^(.*?\.)(\s|$)/.exec(message);
    return m ? m[1] : message;
}

export function analyse(model: SubmissionModel, options: AnalyseOptions = {}): Analysis {
    const syntaxReasons: ZeroReason[] = (options.syntaxErrors ?? []).map(e => ({
        code: 'submission/syntax', message: `Line ${e.line}, column ${e.column}: ${e.message}`
    }));
    const written = yearOf(model);
    const facts = written !== undefined ? factsFor(written) : undefined;
    const catalogue = written !== undefined ? catalogueFor(written) : undefined;
    const supported = facts !== undefined && catalogue !== undefined;

    if (options.skipRules) {
        const score = computeScore(model, undefined, undefined, undefined, undefined, [], syntaxReasons);
        return { model, year: undefined, findings: zeroSummary(model, score), resolution: undefined, score, outsideYears: [] };
    }

    const reweighted = isReweighted(model);
    const resolution = supported && !reweighted ? resolveSubmission(model, catalogue, facts) : undefined;
    const ctx = new RuleContext(model, supported ? written : undefined, facts, catalogue, resolution, options.workspace, options.evidence);
    const checks = [...ALWAYS, ...(reweighted ? [] : PI_DATA), ...(resolution ? MEASUREMENTS : [])];
    for (const check of checks) check(ctx);
    for (const check of LAST) check(ctx);

    const score = computeScore(model, ctx.year, facts, catalogue, resolution, ctx.findings, syntaxReasons, { weight: options.weight });
    const findings = [...ctx.findings];
    if (!supported && written !== undefined) findings.push(...findingsInEveryKnownYear(model, written));
    findings.push(...zeroSummary(model, score));
    findings.sort((a, b) => a.span.offset - b.span.offset || a.span.end - b.span.end);
    return { model, year: ctx.year, findings, score, resolution, outsideYears: ctx.outsideYears };
}

/** score/zero: one finding that lists every reason the category scores 0. */
function zeroSummary(model: SubmissionModel, score: ScoreResult): Finding[] {
    if (!score.zero || score.zeroReasons.length === 0) return [];
    const reasons = score.zeroReasons.map((r, i) => `(${i + 1}) ${firstSentence(r.message)} [${r.code}]`).join(' ');
    return [{
        code: 'score/zero', severity: 'error', span: model.headerSpan,
        message: `The Promoting Interoperability category would score 0 (${score.zeroReasons.length} reason${score.zeroReasons.length > 1 ? 's' : ''}): ${reasons} Fix each one; see the diagnostics below.`
    }];
}
