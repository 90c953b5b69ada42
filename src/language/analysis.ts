/**
 * One analysis (model + findings + score) per document version, shared by the validator, hover,
 * inlay hints, code lenses and the score requests, so a keystroke analyses the file once. The
 * document's lexer and parser errors go into the analysis (each is a reason the category scores 0),
 * and so does the workspace (the other files declaring the same submission name).
 */
import type { IndexManager, LangiumDocument, LangiumDocuments, URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Submission } from './generated/ast.js';
import { modelFromAst } from './model/from-ast.js';
import { emptyModel, submissionKey, type SubmissionModel } from './model/submission.js';
import type { EvidenceReader, WorkspacePort } from './rules/context.js';
import { analyse, type Analysis, type SyntaxProblem } from './rules/engine.js';
import type { StatedWeight } from './score/score.js';

/** The parts of the language services the cache needs (resolved lazily: the services wire each other). */
export interface AnalysisServices {
    /** The lexer and parser errors of a document as the Problems panel shows them. */
    syntaxDiagnostics(document: LangiumDocument): Diagnostic[];
    readonly index: IndexManager;
    readonly documents: LangiumDocuments;
}

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
    private readonly cache = new WeakMap<LangiumDocument, { version: number; text: string; prior: unknown; others: string; generation: number; analysis: Analysis }>();
    /** Each document's own model and submission key (no prior-year chain), for the other documents' conflict checks. */
    private readonly keys = new WeakMap<LangiumDocument, { version: number; key: string | undefined; model: SubmissionModel }>();

    /** A category weight stated on the command line (`--weight`), used for every document's score. */
    statedWeight: StatedWeight | undefined;

    constructor(private readonly services: () => AnalysisServices, readonly evidenceFiles?: EvidenceFiles) {}

    get(document: LangiumDocument): Analysis {
        const version = document.textDocument.version;
        const text: string = document.textDocument.getText() ?? ''; // a client may send `null` as a document's text
        const root = document.parseResult.value as Submission;
        // The prior-year file is part of the input: when it changes (a new AST) or goes away, the
        // referring document is relinked and revalidated and must be analysed again. So are the
        // other files declaring the same name.
        const prior = priorTarget(root);
        const port = this.workspacePort(document);
        const others = (root?.name !== undefined ? port.otherFilesDeclaring(root.name).join('\n') : '') + this.sameKeySignature(document);
        const generation = this.evidenceFiles?.generation ?? 0;
        const hit = this.cache.get(document);
        if (hit && hit.version === version && hit.text.length === text.length && hit.text === text && hit.prior === prior && hit.others === others
            && hit.generation === generation) return hit.analysis;
        const syntaxErrors = this.syntaxErrors(document);
        let analysis: Analysis;
        if (root?.name === undefined && syntaxErrors.length > 0) {
            // Not even the `submission <name> {` header parsed: the syntax errors say it all.
            analysis = analyse(emptyModel('pisub'), { skipRules: true, syntaxErrors });
        } else {
            // Prior years' models follow their own prior-year references (a chain of earlier years; a
            // submission already in the chain is not followed again, so a cycle ends).
            const chain = (seen: ReadonlySet<Submission>) => (target: Submission): SubmissionModel =>
                seen.has(target) || seen.size > 10 ? modelFromAst(target) : modelFromAst(target, chain(new Set([...seen, target])));
            const model = modelFromAst(root, chain(new Set([root])));
            analysis = analyse(model, { syntaxErrors, workspace: port, evidence: this.evidenceFiles?.readerFor(document.uri), weight: this.statedWeight });
        }
        this.cache.set(document, { version, text, prior, others, generation, analysis });
        return analysis;
    }

    /** The lexer and parser errors, with the messages and ranges the Problems panel shows. */
    private syntaxErrors(document: LangiumDocument): SyntaxProblem[] {
        const diagnostics = this.services().syntaxDiagnostics(document);
        const t = document.textDocument;
        return diagnostics.map(d => ({
            message: typeof d.message === 'string' ? d.message : String(d.message),
            span: { offset: t.offsetAt(d.range.start), end: t.offsetAt(d.range.end) },
            line: d.range.start.line + 1, column: d.range.start.character + 1
        }));
    }

    /** Other documents of the workspace (the files checked together) that declare a name, or submit for the same entity, year and option. */
    private workspacePort(document: LangiumDocument): WorkspacePort {
        const uri = document.uri.toString();
        const index = this.services().index;
        return {
            otherFilesDeclaring: name => index.allElements('Submission')
                .filter(d => d.name === name && d.documentUri.toString() !== uri)
                .map(d => fileName(d.documentUri))
                .toArray(),
            fileName: fileName(document.uri),
            declaredNames: () => new Set(index.allElements('Submission').map(d => d.name)),
            otherSubmissionsFor: key => this.otherDocuments(document)
                .map(d => ({ doc: d, own: this.ownModel(d) }))
                .filter(({ own }) => own.key === key)
                .map(({ doc, own }) => ({ file: fileName(doc.uri), model: own.model }))
        };
    }

    /** The other parsed .pisub documents of the workspace. */
    private otherDocuments(document: LangiumDocument): LangiumDocument[] {
        const uri = document.uri.toString();
        return this.services().documents.all.filter(d => d.uri.toString() !== uri && (d.parseResult?.value as Submission | undefined)?.$type === 'Submission').toArray();
    }

    private ownModel(document: LangiumDocument): { key: string | undefined; model: SubmissionModel } {
        const version = document.textDocument.version;
        const hit = this.keys.get(document);
        if (hit && hit.version === version) return hit;
        const model = modelFromAst(document.parseResult.value as Submission);
        const entry = { version, key: submissionKey(model), model };
        this.keys.set(document, entry);
        return entry;
    }

    /** The other documents with this document's submission key, with their versions: a change there is a new analysis here. */
    private sameKeySignature(document: LangiumDocument): string {
        const root = document.parseResult.value as Submission | undefined;
        if (root?.$type !== 'Submission') return '';
        const key = this.ownModel(document).key;
        if (!key) return '';
        return this.otherDocuments(document).filter(d => this.ownModel(d).key === key).map(d => `\n${d.uri.toString()}@${d.textDocument.version}:${(d.textDocument.getText() ?? '').length}`).join('');
    }
}

/** The resolved `prior-year` submission (its AST root), if any. */
function priorTarget(root: Submission | undefined): unknown {
    for (const st of root?.statements ?? []) {
        if (st.$type === 'PriorYearStatement') return st.submission?.ref;
    }
    return undefined;
}

function fileName(uri: { path: string; toString(): string }): string {
    return decodeURIComponent(uri.path.split('/').pop() ?? uri.toString());
}
