/**
 * One analysis (model + findings + score) per document version, shared by the validator, hover,
 * inlay hints, code lenses and the score commands, so a keystroke analyses the file once.
 */
import type { LangiumDocument, URI } from 'langium';
import type { EvidenceReader } from './rules/checks/evidence.js';
import type { Submission } from './generated/ast.js';
import { modelFromAst } from './model/from-ast.js';
import { analyse, type Analysis } from './rules/engine.js';
import type { SubmissionModel } from './model/submission.js';

const EMPTY_MODEL: SubmissionModel = {
    origin: 'pisub', headerSpan: { offset: 0, end: 0 }, years: [], practices: [], entities: [], reportings: [], periods: [],
    cehrts: [], entries: [], statuses: [], clinicians: [], notes: []
};

/**
 * Where the evidence checks read files: a reader per document (relative to its folder), and a
 * generation that changes whenever a watched file changes on disk (analyses made before are stale).
 * Supplied by the language server and the CLI (evidence-files.ts); absent, evidence is checked as
 * text only.
 */
export interface EvidenceFiles {
    readerFor(uri: URI): EvidenceReader | undefined;
    readonly generation: number;
    changed(): void;
}

export class PisubAnalysisCache {
    private readonly cache = new WeakMap<LangiumDocument, { version: number; text: string; prior: unknown; generation: number; analysis: Analysis }>();

    constructor(readonly evidenceFiles?: EvidenceFiles) {}

    get(document: LangiumDocument): Analysis {
        const version = document.textDocument.version;
        const text = document.textDocument.getText();
        const root = document.parseResult.value as Submission;
        // The prior-year file is part of the input: when it changes (a new AST) or goes away, the
        // referring document is relinked and revalidated and must be analysed again.
        const prior = priorTarget(root);
        const generation = this.evidenceFiles?.generation ?? 0;
        const hit = this.cache.get(document);
        if (hit && hit.version === version && hit.text.length === text.length && hit.text === text && hit.prior === prior
            && hit.generation === generation) return hit.analysis;
        if (root?.name === undefined && (document.parseResult.parserErrors.length > 0 || document.parseResult.lexerErrors.length > 0)) {
            // Not even the `submission <name> {` header parsed: the syntax error says it all.
            const analysis = analyse(EMPTY_MODEL, { skipRules: true });
            this.cache.set(document, { version, text, prior, generation, analysis });
            return analysis;
        }
        // Prior years' models follow their own prior-year references (a chain of earlier years; a
        // submission already in the chain is not followed again, so a cycle ends).
        const chain = (seen: ReadonlySet<Submission>) => (target: Submission): SubmissionModel =>
            seen.has(target) || seen.size > 10 ? modelFromAst(target) : modelFromAst(target, chain(new Set([...seen, target])));
        const model = modelFromAst(root, chain(new Set([root])));
        const analysis = analyse(model, { evidence: this.evidenceFiles?.readerFor(document.uri) });
        this.cache.set(document, { version, text, prior, generation, analysis });
        return analysis;
    }
}

/** The resolved `prior-year` submission (its AST root), if any. */
function priorTarget(root: Submission | undefined): unknown {
    for (const st of root?.statements ?? []) {
        if (st.$type === 'PriorYearStatement') return st.submission?.ref;
    }
    return undefined;
}
