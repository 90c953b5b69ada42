/**
 * Quick fixes. The rules already attach ready-made fixes to their findings (FixSuggestion: text
 * edits as offsets, see rules/context.ts); this turns the fixes of each diagnostic in the request
 * into a quickfix CodeAction with a WorkspaceEdit. Inserted statements are re-indented to match the
 * file's own indentation.
 */
import type { LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { FixSuggestion, TextEditSuggestion } from '../rules/context.js';
import type { PisubDiagnosticData } from '../pisub-validator.js';
import type { PisubServices } from '../pisub-module.js';

export class PisubCodeActionProvider implements CodeActionProvider {
    constructor(private readonly services: PisubServices) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): Array<Command | CodeAction> {
        const only = params.context.only;
        if (only && !only.some(kind => CodeActionKind.QuickFix.startsWith(kind))) return [];
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            for (const fix of this.fixesFor(document, diagnostic)) {
                actions.push({
                    title: fix.title,
                    kind: CodeActionKind.QuickFix,
                    diagnostics: [diagnostic],
                    isPreferred: fix.preferred === true,
                    edit: { changes: { [document.uri.toString()]: fix.edits.map(e => toTextEdit(document, e)) } }
                });
            }
        }
        return actions;
    }

    /**
     * The fixes of a diagnostic: from the current analysis (a finding with the same code and range),
     * else from the diagnostic's `data` as the client sent it back.
     */
    private fixesFor(document: LangiumDocument, diagnostic: Diagnostic): readonly FixSuggestion[] {
        const text = document.textDocument;
        const start = text.offsetAt(diagnostic.range.start), end = text.offsetAt(diagnostic.range.end);
        const analysis = this.services.analysis.Cache.get(document);
        // Several findings may share a code and a range (e.g. each missing attestation): the message tells them apart.
        const finding = analysis.findings.find(f => f.code === diagnostic.code && f.message === diagnostic.message
            && f.span.offset === start && Math.max(f.span.end, f.span.offset) === end);
        if (finding) return finding.fixes ?? [];
        const data = diagnostic.data as PisubDiagnosticData | undefined;
        return Array.isArray(data?.fixes) ? data.fixes : [];
    }
}

/** A fix's edit as an LSP TextEdit; inserted statements follow the file's indentation. */
export function toTextEdit(document: LangiumDocument, edit: TextEditSuggestion): TextEdit {
    const source = document.textDocument.getText();
    let { offset, end } = edit.span;
    let newText = edit.text;
    if (offset === end && /^[ \t]+\S/.test(newText) && newText.endsWith('\n')) {
        const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
        const before = source.slice(lineStart, offset);
        if (/^[ \t]*$/.test(before)) {
            // Insert whole lines at the start of the line (before any indentation of e.g. `}`).
            offset = end = lineStart;
        } else {
            // `}` ends a statement's line: the statement goes on a line of its own, `}` on the next.
            offset = lineStart + before.trimEnd().length;
            newText = '\n' + newText;
        }
        newText = reindent(newText, indentUnit(source));
    } else if (newText === '' && end > offset) {
        // Removing a whole statement: remove its line too, not just its text.
        const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
        const newline = source.indexOf('\n', end);
        const lineEnd = newline < 0 ? source.length : newline + 1;
        const rest = source.slice(end, newline < 0 ? source.length : newline);
        if (/^[ \t]*$/.test(source.slice(lineStart, offset)) && /^[ \t]*$/.test(rest.replace(/\r$/, ''))) {
            offset = lineStart;
            end = lineEnd;
        }
    }
    return {
        range: { start: document.textDocument.positionAt(offset), end: document.textDocument.positionAt(end) },
        newText
    };
}

/** The file's indentation unit: that of its first indented line (4 spaces if none). */
export function indentUnit(source: string): string {
    const m = /^([ \t]+)\S/m.exec(source);
    return m ? m[1] : '    ';
}

/** Replaces each 4-space level of leading indentation by `unit`. */
function reindent(text: string, unit: string): string {
    if (unit === '    ') return text;
    return text.replace(/^((?: {4})+)/gm, (spaces: string) => unit.repeat(spaces.length / 4));
}
