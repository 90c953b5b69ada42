/**
 * Evidence files are not documents of the language, but the diagnostics depend on them: when a
 * watched file changes on disk (`workspace/didChangeWatchedFiles`; Langium registers a `**\/*`
 * watcher with clients that allow it, VS Code among them), the analyses are marked stale and the
 * .pisub documents that name evidence are validated again, so the diagnostics follow the disk.
 */
import type { LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { EvidenceFiles } from '../analysis.js';
import type { Submission } from '../generated/ast.js';

function namesEvidence(doc: LangiumDocument): boolean {
    const root = doc.parseResult?.value as Submission | undefined;
    return (root?.statements ?? []).some(s => s.$type === 'EvidenceStatement');
}

export function watchEvidenceFiles(shared: LangiumSharedServices, files: EvidenceFiles): void {
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange?.(params => {
        // .pisub changes are Langium's own business; anything else may be evidence.
        const others = params.changes.filter(c => !c.uri.toLowerCase().endsWith('.pisub'));
        if (others.length === 0) return;
        files.changed();
        const affected = shared.workspace.LangiumDocuments.all.filter(namesEvidence).map(d => d.uri).toArray();
        if (affected.length === 0) return;
        void shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update(affected, [], token))
            .catch(() => { /* a later change rebuilds again */ });
    });
}


