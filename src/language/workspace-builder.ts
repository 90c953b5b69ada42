/**
 * Workspace-level diagnostics follow every file concerned at once. `submission/duplicate-name`
 * (rules/checks/submission.ts) depends on the other files' names, but no file refers to another by its own
 * name, so Langium would re-validate only the file that changed: the other file of a duplicate
 * would keep (or lack) its error until it is edited itself. When files change, this builder also
 * re-validates every other file whose submission name is the changed files' old or new name, and
 * every file that currently has a duplicate-name error.
 */
import type { LangiumDocument } from 'langium';
import { GuardedDocumentBuilder } from './workspace-guards.js';

/** The name a text declares (`submission riverside-2024 {`), read without parsing. */
export function declaredName(text: string): string | undefined {
    return /^(?:\s|\/\/[^\n]*\n|#[^\n]*\n|\/\*[\s\S]*?\*\/)*submission\s+([_a-zA-Z][\w-]*)/.exec(text)?.[1];
}

function nameOf(document: LangiumDocument): string | undefined {
    const root = document.parseResult?.value as { name?: unknown } | undefined;
    return typeof root?.name === 'string' ? root.name : undefined;
}

/** The guarded builder (workspace-guards.ts: unreadable files leave, unresolved references relink only when a name appears) plus this. */
export class PisubDocumentBuilder extends GuardedDocumentBuilder {
    /** Names of the documents of the current update (old and new), keyed by the update's changed URIs. */
    private names: { readonly uris: Set<string>; readonly names: Set<string> } | undefined;

    override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.shouldRelink(document, changedUris)) return true;
        if (document.diagnostics?.some(d => d.code === 'submission/duplicate-name')) return true;
        const name = nameOf(document);
        return name !== undefined && this.namesOf(changedUris).has(name);
    }

    private namesOf(changedUris: Set<string>): Set<string> {
        if (this.names?.uris === changedUris) return this.names.names;
        const names = new Set<string>();
        for (const uri of changedUris) {
            const document = this.langiumDocuments.all.find(d => d.uri.toString() === uri);
            if (!document) continue;
            const old = nameOf(document); // the AST is still the one before the change
            if (old) names.add(old);
            const current = this.textDocuments?.get(document.uri)?.getText();
            const now = current !== undefined ? declaredName(current) : undefined;
            if (now) names.add(now);
        }
        this.names = { uris: changedUris, names };
        return names;
    }
}
