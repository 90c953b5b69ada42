/**
 * Completion of evidence paths: inside the quotes of `evidence <target> "…"`, the files and folders
 * next to the submission (through the same file reader as the evidence checks; nothing without one).
 * A folder completes to `folder/` and asks for the next completion.
 */
import type { CompletionAcceptor, CompletionContext } from 'langium/lsp';
import { CompletionItemKind } from 'vscode-languageserver';
import type { EvidenceReader } from '../rules/checks/evidence.js';

export function completeEvidencePaths(context: CompletionContext, acceptor: CompletionAcceptor, reader: EvidenceReader | undefined): void {
    if (!reader?.list) return;
    const text = context.textDocument.getText();
    const start = context.tokenOffset;
    const quote = text[start];
    // A word being typed (e.g. the target before the path) is not a path.
    if (quote !== '"' && quote !== "'" && start < context.offset) return;
    // Only inside a string: what is typed after the opening quote, up to the cursor.
    const typed = quote === '"' || quote === "'" ? text.slice(start + 1, context.offset) : '';
    if (/[\r\n]/.test(typed)) return;
    const q = quote === "'" ? "'" : '"';
    const slash = typed.lastIndexOf('/');
    const folder = slash >= 0 ? typed.slice(0, slash + 1) : '';
    const range = { start: context.textDocument.positionAt(start), end: context.textDocument.positionAt(Math.max(context.offset, context.tokenEndOffset)) };
    for (const entry of reader.list(folder)) {
        if (entry.name.startsWith('.') && !typed.slice(slash + 1).startsWith('.')) continue;
        if (entry.name.toLowerCase().endsWith('.pisub') || /["'\\\r\n]/.test(entry.name)) continue;
        const path = folder + entry.name + (entry.folder ? '/' : '');
        const newText = entry.folder ? `${q}${path}` : `${q}${path}${q}`;
        acceptor(context, {
            label: path, kind: entry.folder ? CompletionItemKind.Folder : CompletionItemKind.File,
            detail: entry.folder ? 'folder' : 'evidence file', filterText: `${q}${path}`,
            textEdit: { range, newText },
            command: entry.folder ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined
        });
    }
}
