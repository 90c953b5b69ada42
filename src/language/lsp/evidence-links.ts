/**
 * Document links: each `evidence` path opens its file (Ctrl+click in VS Code). The target is the
 * path resolved against the document's folder, for `file:` documents only; whether the file exists
 * is the diagnostics' business (evidence/file-missing).
 */
import { UriUtils, type LangiumDocument } from 'langium';
import type { DocumentLinkProvider } from 'langium/lsp';
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver';
import type { PisubServices } from '../pisub-module.js';

export class PisubEvidenceLinkProvider implements DocumentLinkProvider {
    constructor(private readonly services: PisubServices) {}

    getDocumentLinks(document: LangiumDocument, _params: DocumentLinkParams): DocumentLink[] {
        if (document.uri.scheme !== 'file') return [];
        const analysis = this.services.analysis.Cache.get(document);
        const text = document.textDocument;
        const folder = UriUtils.dirname(document.uri);
        const links: DocumentLink[] = [];
        for (const e of analysis.model.evidence ?? []) {
            const path = e.path.value.replace(/\\/g, '/');
            if (path.trim() === '' || path.includes('\0')) continue;
            const target = path.startsWith('/') || /^[A-Za-z]:\//.test(path)
                ? UriUtils.joinPath(folder.with({ path: '/' }), path).toString()
                : UriUtils.resolvePath(folder, path).toString();
            // Inside the quotes.
            links.push({
                range: { start: text.positionAt(e.path.span.offset + 1), end: text.positionAt(Math.max(e.path.span.offset + 1, e.path.span.end - 1)) },
                target, tooltip: 'Open the evidence file'
            });
        }
        return links;
    }
}
