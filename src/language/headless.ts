/**
 * Checking submissions without an editor: the CLI, the tests and the benchmarks load files here.
 * All files of one call are built together in one workspace with one set of services, so
 * `prior-year` references resolve across files. Returns results; never prints, never exits.
 */
import { URI, type LangiumDocument } from 'langium';
import { EmptyFileSystem } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Submission } from './generated/ast.js';
import { createPisubServices, type PisubServices } from './pisub-module.js';
import type { Analysis } from './rules/engine.js';
import { analyse } from './rules/engine.js';
import { severityOfLsp, type Severity } from './rules/catalogue.js';
import type { StatedWeight } from './score/score.js';
import type { Finding } from './rules/context.js';
import type { SubmissionModel } from './model/submission.js';
import type { LangiumSharedServices } from 'langium/lsp';
import type { EvidenceFiles } from './analysis.js';

const CHECK_SCHEME = 'pisub-check';

/** The path a file was given as, from the URI `check()` gave its document (undefined for other URIs). */
export function sourcePathOf(uri: URI): string | undefined {
    if (uri.scheme !== CHECK_SCHEME) return undefined;
    const m = /^\/\d+\/(.*)$/s.exec(uri.path);
    return m ? m[1] : undefined;
}

export interface WorkspaceOptions {
    /** Reads the evidence files the submissions name (the CLI passes evidence-files.ts's `cliEvidenceFiles()`). */
    readonly evidenceFiles?: EvidenceFiles;
    /** A category weight stated on the command line (`--weight`), for every file's score. */
    readonly weight?: StatedWeight;
}

/** A diagnostic with 1-based lines and columns (end exclusive), as the CLI prints it. */
export interface PisubDiagnostic {
    readonly code: string;
    readonly severity: Severity;
    readonly message: string;
    readonly line: number;
    readonly column: number;
    readonly endLine: number;
    readonly endColumn: number;
    /** 0-based offsets into the text. */
    readonly offset: number;
    readonly end: number;
    readonly fixes?: Finding['fixes'];
}

export interface SourceFile {
    /** The path as the user gave it (printed in messages). */
    readonly path: string;
    readonly text: string;
}

export interface CheckedFile {
    readonly path: string;
    readonly text: string;
    readonly format: 'pisub' | 'qpp-json';
    readonly diagnostics: readonly PisubDiagnostic[];
    /** Undefined where the file could not be turned into a submission model at all. */
    readonly analysis?: Analysis;
    /** The Langium document (pisub files only). */
    readonly document?: LangiumDocument<Submission>;
}

/**
 * Other input formats (QPP JSON) plug in here: text → a submission model, or syntax errors.
 * Registered by src/interop, which holds the parsing; the core knows only the format's name.
 */
export interface InputFormat {
    readonly format: 'qpp-json';
    readonly extensions: readonly string[];
    parse(text: string): { model?: SubmissionModel; errors: readonly { message: string; offset: number; end: number }[] };
}

const INPUT_FORMATS: InputFormat[] = [];

export function registerInputFormat(format: InputFormat): void {
    if (!INPUT_FORMATS.some(f => f.format === format.format)) INPUT_FORMATS.push(format);
}

export function inputFormatFor(path: string): InputFormat | undefined {
    const lower = path.toLowerCase();
    return INPUT_FORMATS.find(f => f.extensions.some(ext => lower.endsWith(ext)));
}


/** Line starts of a text, for offset → 1-based line/column. */
export class LineIndex {
    private readonly starts: number[] = [0];
    constructor(text: string) {
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c === 10) this.starts.push(i + 1);
            else if (c === 13) { if (text.charCodeAt(i + 1) === 10) i++; this.starts.push(i + 1); }
        }
    }
    position(offset: number): { line: number; column: number } {
        let lo = 0, hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        return { line: lo + 1, column: offset - this.starts[lo] + 1 };
    }
}

export function toPisubDiagnostic(f: Finding, index: LineIndex): PisubDiagnostic {
    const s = index.position(f.span.offset), e = index.position(Math.max(f.span.end, f.span.offset));
    return {
        code: f.code, severity: f.severity, message: f.message, line: s.line, column: s.column, endLine: e.line, endColumn: e.column,
        offset: f.span.offset, end: f.span.end, fixes: f.fixes
    };
}

export class PisubWorkspace {
    readonly services: PisubServices;
    readonly shared: LangiumSharedServices;
    private counter = 0;

    constructor(options: WorkspaceOptions = {}) {
        const { shared, Pisub } = createPisubServices(EmptyFileSystem, { evidenceFiles: options.evidenceFiles });
        this.services = Pisub;
        this.shared = shared;
        this.weight = options.weight;
        Pisub.analysis.Cache.statedWeight = options.weight;
    }

    /** A category weight stated on the command line, for every file's score. */
    private readonly weight: StatedWeight | undefined;

    /**
     * Checks all files together; pisub files resolve `prior-year` references among themselves.
     * One file's failure is that file's diagnostic (`submission/unreadable`): when checking them
     * together throws, each file is checked alone to find the ones that throw, and the rest are
     * checked together again. Never throws for a file's content.
     */
    async check(files: readonly SourceFile[]): Promise<CheckedFile[]> {
        try {
            return await this.checkTogether(files);
        } catch (e) {
            if (files.length === 1) return [unreadable(files[0], e)];
        }
        const results = new Map<number, CheckedFile>();
        const fine: number[] = [];
        for (let i = 0; i < files.length; i++) {
            try {
                await this.checkTogether([files[i]]);
                fine.push(i);
            } catch (e) {
                results.set(i, unreadable(files[i], e));
            }
        }
        try {
            const checked = await this.checkTogether(fine.map(i => files[i]));
            checked.forEach((file, k) => results.set(fine[k], file));
        } catch (e) {
            for (const i of fine) results.set(i, unreadable(files[i], e));
        }
        return files.map((_, i) => results.get(i)!);
    }

    private async checkTogether(files: readonly SourceFile[]): Promise<CheckedFile[]> {
        const docs = new Map<number, LangiumDocument<Submission>>();
        const factory = this.shared.workspace.LangiumDocumentFactory;
        const store = this.shared.workspace.LangiumDocuments;
        files.forEach((file, i) => {
            if (inputFormatFor(file.path)) return;
            // A private URI scheme: nothing is read from or written to disk by Langium.
            const uri = URI.parse(`${CHECK_SCHEME}:///${++this.counter}/${encodeURIComponent(file.path)}`);
            const doc = factory.fromString<Submission>(file.text, uri);
            store.addDocument(doc);
            docs.set(i, doc);
        });
        try {
            await this.shared.workspace.DocumentBuilder.build([...docs.values()], { validation: true });
            return files.map((file, i) => {
                const format = inputFormatFor(file.path);
                if (format) {
                    try { return checkOther(file, format, this.weight); } catch (e) { return unreadable(file, e); }
                }
                const doc = docs.get(i)!;
                return {
                    path: file.path, text: file.text, format: 'pisub', document: doc,
                    diagnostics: (doc.diagnostics ?? []).map(d => fromLsp(d, doc)).sort(byPosition),
                    analysis: this.services.analysis.Cache.get(doc)
                } satisfies CheckedFile;
            });
        } finally {
            // Forget the documents: a workspace can check any number of batches.
            // Also drop their exported names, or a later batch's `prior-year` would resolve to them.
            for (const doc of docs.values()) {
                store.deleteDocument(doc.uri);
                this.shared.workspace.IndexManager.remove(doc.uri);
            }
        }
    }
}

/**
 * A file that could not be checked (the parser or a check threw: a stack overflow on deep nesting,
 * an internal error): one error at its start naming the reason. Other files are unaffected.
 */
export function unreadable(file: SourceFile, e: unknown): CheckedFile {
    const reason = e instanceof RangeError && /call stack/i.test(e.message)
        ? 'it is nested too deeply to check (the checker ran out of stack)'
        : `an internal error stopped the check (${(e as Error)?.message ?? String(e)}); please report it with this file`;
    const format = inputFormatFor(file.path)?.format ?? 'pisub';
    const end = Math.min(file.text.length, 1);
    return {
        path: file.path, text: file.text, format,
        diagnostics: [{
            code: 'submission/unreadable', severity: 'error',
            message: `pisub could not check this file: ${reason}. The other files are checked as usual.`,
            line: 1, column: 1, endLine: 1, endColumn: end + 1, offset: 0, end
        }]
    };
}

function byPosition(a: PisubDiagnostic, b: PisubDiagnostic): number {
    return a.offset - b.offset || a.end - b.end || a.code.localeCompare(b.code);
}

function fromLsp(d: Diagnostic, doc: LangiumDocument): PisubDiagnostic {
    const t = doc.textDocument;
    const data = d.data as { fixes?: Finding['fixes'] } | undefined;
    return {
        code: String(d.code ?? 'submission/syntax'),
        severity: severityOfLsp(d.severity),
        message: typeof d.message === 'string' ? d.message : d.message.value,
        line: d.range.start.line + 1, column: d.range.start.character + 1,
        endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
        offset: t.offsetAt(d.range.start), end: t.offsetAt(d.range.end),
        fixes: data?.fixes
    };
}

function checkOther(file: SourceFile, format: InputFormat, weight: StatedWeight | undefined): CheckedFile {
    const index = new LineIndex(file.text);
    const parsed = format.parse(file.text);
    const syntax = parsed.errors.map(e => toPisubDiagnostic({ code: 'submission/syntax', severity: 'error', message: e.message, span: { offset: e.offset, end: e.end } }, index));
    if (!parsed.model) return { path: file.path, text: file.text, format: format.format, diagnostics: syntax };
    const analysis = analyse(parsed.model, {  // QPP JSON carries no evidence
        weight,
        syntaxErrors: syntax.map(d => ({ message: d.message, span: { offset: d.offset, end: d.end }, line: d.line, column: d.column }))
    });
    return {
        path: file.path, text: file.text, format: format.format, analysis,
        diagnostics: [...syntax, ...analysis.findings.map(f => toPisubDiagnostic(f, index))].sort(byPosition)
    };
}
