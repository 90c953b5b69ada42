/**
 * The portfolio report: one row per submission (practice, entity, year, score, whether and why the
 * category scores 0, error and warning counts), worst first. Built from checked files, so the CLI
 * (`pisub report`) and the language server (`pisub/portfolioReport`) report the same thing.
 * Returns data; the renderers (./render-text.ts, ./render-html.ts) turn it into text.
 */
import { firstSentence, type Analysis } from '../language/rules/engine.js';
import type { Severity } from '../language/rules/catalogue.js';
import { BROKEN_FILE_CODES, countMissingEvidence, evidenceStatus } from '../language/rules/checks/evidence.js';

/** What the report needs of a checked file (a CheckedFile of headless.ts fits). */
export interface ReportInput {
    /** The path (CLI) or workspace-relative path (editor) shown in the report. */
    readonly path: string;
    /** `offset` (into the text) lets the evidence column tell which evidence file is missing. */
    readonly diagnostics: readonly { readonly code: string; readonly severity: Severity; readonly message: string; readonly offset?: number }[];
    readonly analysis?: Analysis;
}

export interface ZeroReason {
    readonly code: string;
    /** The first sentence of the finding's message. */
    readonly text: string;
}

export interface PortfolioRow {
    readonly path: string;
    /** The submission's name (`submission <name> {`), if any. */
    readonly submission: string | null;
    /** The practice name, or the submission name, or the file name. */
    readonly practice: string;
    readonly entity: {
        readonly kind: string | null;
        readonly tin: string | null;
        readonly npi: string | null;
        readonly id: string | null;
    };
    readonly year: number | null;
    /** The estimated PI category score (0–100); null when the file could not be scored at all. */
    readonly score: number | null;
    /** The score under every reading of the uncertain rules (score/score.ts); null with `score`. */
    readonly scoreRange: { readonly min: number; readonly max: number } | null;
    /** The category would score 0. */
    readonly zero: boolean;
    readonly zeroReasons: readonly ZeroReason[];
    /** The category is reweighted to 0% (special status or hardship exception, no PI data). */
    readonly reweighted: boolean;
    readonly errors: number;
    readonly warnings: number;
    readonly infos: number;
    /**
     * Audit evidence (docs/audit.md): 0 = complete, n = attestations or measures without a readable
     * evidence file (plus missing files); null when the file is not a .pisub submission.
     */
    readonly evidenceMissing: number | null;
}

/** `complete`, `3 missing`, or `—`. */
export function evidenceText(row: PortfolioRow): string {
    return row.evidenceMissing === null ? '—' : row.evidenceMissing === 0 ? 'complete' : `${row.evidenceMissing} missing`;
}

export interface PortfolioSummary {
    readonly submissions: number;
    readonly zero: number;
    readonly errors: number;
    readonly warnings: number;
    /** Mean score of the submissions that score above 0 (null when none). */
    readonly averageScore: number | null;
}

export interface Portfolio {
    readonly rows: readonly PortfolioRow[];
    readonly summary: PortfolioSummary;
    /** Inputs that could not be read (path and reason). */
    readonly unreadable: readonly { readonly path: string; readonly message: string }[];
}

/** The first sentence of a message, as `score/zero` summarises reasons (one definition, in the engine). */
export { firstSentence };

function baseName(path: string): string {
    return path.replace(/^.*[\\/]/, '');
}

export function portfolioRow(file: ReportInput): PortfolioRow {
    const model = file.analysis?.model;
    const score = file.analysis?.score;
    let errors = 0, warnings = 0, infos = 0;
    for (const d of file.diagnostics) {
        if (d.severity === 'error') errors++; else if (d.severity === 'warning') warnings++; else infos++;
    }
    const entity = model?.entities[0];
    const name = model?.name?.value ?? null;
    const practice = model?.practices[0]?.value.trim() || name || baseName(file.path);
    let zeroReasons: ZeroReason[] = (score?.zeroReasons ?? []).map(r => ({ code: r.code, text: firstSentence(r.message) }));
    // A file that could not be scored at all (syntax errors, no year): its first errors say why.
    const scored = score !== undefined && score.performanceYear !== null;
    const zero = score ? score.zero : true;
    if (zero && zeroReasons.length === 0) {
        zeroReasons = file.diagnostics.filter(d => d.severity === 'error' && d.code !== 'score/zero').slice(0, 3)
            .map(d => ({ code: d.code, text: firstSentence(d.message) }));
        if (zeroReasons.length === 0) zeroReasons = [{ code: 'score/zero', text: 'The file could not be scored.' }];
    }
    return {
        path: file.path,
        submission: name,
        practice,
        entity: {
            kind: entity?.kind.value ?? null,
            tin: entity?.tin[0]?.value ?? null,
            npi: entity?.npi[0]?.value ?? null,
            id: entity?.entityId[0]?.value ?? null
        },
        year: score?.performanceYear ?? file.analysis?.year ?? null,
        score: scored ? score!.score : null,
        scoreRange: scored ? score!.scoreRange : null,
        zero,
        zeroReasons,
        reweighted: score?.reweighted ?? false,
        errors, warnings, infos,
        evidenceMissing: evidenceMissingOf(file)
    };
}

function evidenceMissingOf(file: ReportInput): number | null {
    const model = file.analysis?.model;
    if (!model || model.origin !== 'pisub' || file.analysis?.score.reweighted) return null;
    const broken = new Set(file.diagnostics.filter(d => BROKEN_FILE_CODES.has(d.code) && d.offset !== undefined).map(d => d.offset));
    return countMissingEvidence(evidenceStatus(model, file.analysis!.year), e => broken.has(e.path.span.offset));
}

/** A row's place on the score scale: unscored first, reweighted (not at risk) after every score. */
function scoreRank(r: PortfolioRow): number {
    return r.reweighted ? 101 : r.score ?? -1;
}

/**
 * Worst first: scoring 0, then the lowest score (reweighted practices last), then the most errors,
 * then the most warnings; ties by practice, year and path, so the order is stable.
 */
export function compareRows(a: PortfolioRow, b: PortfolioRow): number {
    return Number(b.zero) - Number(a.zero)
        || scoreRank(a) - scoreRank(b)
        || b.errors - a.errors
        || b.warnings - a.warnings
        || a.practice.localeCompare(b.practice)
        || (a.year ?? 0) - (b.year ?? 0)
        || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/** Sorts the rows worst first and sums them up. Rows come from `portfolioRow`. */
export function buildPortfolio(unsorted: readonly PortfolioRow[], unreadable: Portfolio['unreadable'] = []): Portfolio {
    const rows = [...unsorted].sort(compareRows);
    const scoring = rows.filter(r => !r.zero && r.score !== null && !r.reweighted);
    return {
        rows,
        summary: {
            submissions: rows.length,
            zero: rows.filter(r => r.zero).length,
            errors: rows.reduce((n, r) => n + r.errors, 0),
            warnings: rows.reduce((n, r) => n + r.warnings, 0),
            averageScore: scoring.length ? Math.round(scoring.reduce((n, r) => n + r.score!, 0) / scoring.length) : null
        },
        unreadable: [...unreadable]
    };
}

/** The entity as one short text: `group TIN 123456789`, `individual TIN … NPI …`, `apm-entity id A1234`. */
export function entityText(row: PortfolioRow): string {
    const e = row.entity;
    return [e.kind ?? '—', e.tin ? `TIN ${e.tin}` : '', e.npi ? `NPI ${e.npi}` : '', e.id ? `id ${e.id}` : ''].filter(Boolean).join(' ');
}

/** The score alone: `87`, `0` (also when a gate zeroes a file that could not be scored), `reweighted`, or `—`. */
export function scoreNumberText(row: PortfolioRow): string {
    if (row.reweighted) return 'reweighted';
    if (row.zero) return '0';
    if (row.score === null) return '—';
    return String(row.score);
}

/** `89–90` where an uncertain rule changes the score (score/score.ts), else ''. */
export function scoreRangeText(row: PortfolioRow): string {
    const r = row.scoreRange;
    return !row.zero && !row.reweighted && row.score !== null && r && r.min !== r.max ? `${r.min}–${r.max}` : '';
}

/** The score as shown in tables: `87`, `87 (86–87)` with its range, `0`, `reweighted`, or `—`. */
export function scoreText(row: PortfolioRow): string {
    const range = scoreRangeText(row);
    return range ? `${scoreNumberText(row)} (${range})` : scoreNumberText(row);
}
