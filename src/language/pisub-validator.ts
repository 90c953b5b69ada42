/**
 * Langium adapter of the rules: one check on the document root runs the whole rule engine
 * (rules/engine.ts) and turns its findings into diagnostics with stable codes, a link to the rule's
 * documentation and the quick fixes in `data`.
 */
import {
    DefaultDocumentValidator, DocumentValidator, type LangiumDocument, type ValidationAcceptor, type ValidationChecks,
    type ValidationOptions
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PisubAstType, Submission } from './generated/ast.js';
import type { PisubServices } from './pisub-module.js';
import { ruleDocsHref } from './rules/docs-links.js';

export interface PisubDiagnosticData {
    /** Langium's code-action plumbing reads `code`. */
    readonly code: string;
    readonly fixes?: readonly import('./rules/context.js').FixSuggestion[];
}

export function registerValidationChecks(services: PisubServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = new PisubValidator(services);
    const checks: ValidationChecks<PisubAstType> = {
        Submission: (node, accept) => validator.checkSubmission(node, accept)
    };
    registry.register(checks, validator, 'fast');
}

export class PisubValidator {
    constructor(private readonly services: PisubServices) {}

    checkSubmission(node: Submission, accept: ValidationAcceptor): void {
        const document = node.$document;
        if (!document) return;
        const analysis = this.services.analysis.Cache.get(document);
        const text = document.textDocument;
        const base = this.services.analysis.docsBase;
        for (const f of analysis.findings) {
            const start = text.positionAt(f.span.offset);
            const end = text.positionAt(Math.max(f.span.end, f.span.offset));
            const data: PisubDiagnosticData = { code: f.code, fixes: f.fixes };
            accept(f.severity, f.message, {
                node, range: { start, end }, code: f.code, data,
                codeDescription: { href: ruleDocsHref(f.code, base) }
            });
        }
    }
}

/** Gives lexer, parser and linker diagnostics a stable code too. */
export class PisubDocumentValidator extends DefaultDocumentValidator {
    private readonly docsBase: string | undefined;

    constructor(services: PisubServices) {
        super(services);
        this.docsBase = services.analysis.docsBase;
    }

    /** The lexer and parser errors alone (the analysis makes each a reason the category scores 0). */
    syntaxDiagnostics(document: LangiumDocument): Diagnostic[] {
        const diagnostics: Diagnostic[] = [];
        this.processLexingErrors(document.parseResult, diagnostics, {});
        this.processParsingErrors(document.parseResult, diagnostics, {});
        return diagnostics;
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const d of diagnostics) {
            if (d.code !== undefined) continue;
            const kind = (d.data as { code?: string } | undefined)?.code;
            if (kind === DocumentValidator.LinkingError) {
                d.code = 'prior-year/unresolved'; // the message is PisubLinker's
            } else {
                d.code = 'submission/syntax';
            }
            d.codeDescription = { href: ruleDocsHref(String(d.code), this.docsBase) };
        }
        return diagnostics;
    }
}

/** A name no file uses: the file's own name where it is a valid name, else the name with -2, -3, … */
export function uniqueName(name: string, uri: string, used: ReadonlySet<string>): string {
    const file = decodeURIComponent(uri.split('/').pop() ?? '').replace(/\.[^.]*$/, '').replace(/[^\w-]+/g, '-');
    if (/^[_a-zA-Z][\w-]*$/.test(file) && !used.has(file)) return file;
    for (let n = 2; ; n++) if (!used.has(`${name}-${n}`)) return `${name}-${n}`;
}
