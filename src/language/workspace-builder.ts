/**
 * Workspace-level diagnostics follow every file concerned at once. `submission/duplicate-name`
 * (rules/checks/submission.ts) depends on the other files' names, but no file refers to another by its own
 * name, so Langium would re-validate only the file that changed: the other file of a duplicate
 * would keep (or lack) its error until it is edited itself. When files change, this builder also
 * re-validates every other file whose submission name is the changed files' old or new name, and
 * every file that currently has a duplicate-name error. `submission/conflicting-data` likewise depends on
 * the other files with the same submission key (`submissionKey`: entity, year, reporting option), so
 * the files whose key is a changed file's old or new key are re-validated too, and every file that
 * currently has a conflicting-data error.
 */
import type { LangiumDocument } from 'langium';
import { MAX_FILE_BYTES } from './limits.js';
import type { Submission } from './generated/ast.js';
import { modelFromAst } from './model/from-ast.js';
import { submissionKey } from './model/submission.js';
import { GuardedDocumentBuilder } from './workspace-guards.js';

/** The name a text declares (`submission riverside-2024 {`), read without parsing. */
export function declaredName(text: string): string | undefined {
    return /^(?:\s|\/\/[^\n]*\n|#[^\n]*\n|\/\*[\s\S]*?\*\/)*submission\s+([_a-zA-Z][\w-]*)/.exec(text)?.[1];
}

function nameOf(document: LangiumDocument): string | undefined {
    const root = document.parseResult?.value as { name?: unknown } | undefined;
    return typeof root?.name === 'string' ? root.name : undefined;
}

/**
 * The submission key of a parsed root, if it is a submission that says enough. Its `prior-year`
 * statements are left out: reading one would resolve its reference in the middle of an update.
 */
function keyOfRoot(root: unknown): string | undefined {
    if ((root as { $type?: unknown } | undefined)?.$type !== 'Submission') return undefined;
    const submission = root as Submission;
    const statements = submission.statements.filter(st => st.$type !== 'PriorYearStatement');
    return submissionKey(modelFromAst({ ...submission, statements }));
}

/** The guarded builder (workspace-guards.ts: unreadable files leave, unresolved references relink only when a name appears) plus this. */
export class PisubDocumentBuilder extends GuardedDocumentBuilder {
    /** Names of the documents of the current update (old and new), keyed by the update's changed URIs. */
    private names: { readonly uris: Set<string>; readonly names: Set<string> } | undefined;
    /** Submission keys of the documents of the current update (old and new), keyed likewise. */
    private keys: { readonly uris: Set<string>; readonly keys: Set<string> } | undefined;
    /** Each document's own submission key, per text version. */
    private readonly ownKeys = new WeakMap<LangiumDocument, { version: number; key: string | undefined }>();

    override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.shouldRelink(document, changedUris)) return true;
        if (document.diagnostics?.some(d => d.code === 'submission/duplicate-name' || d.code === 'submission/conflicting-data')) return true;
        const name = nameOf(document);
        if (name !== undefined && this.namesOf(changedUris).has(name)) return true;
        const key = this.ownKey(document);
        return key !== undefined && this.keysOf(changedUris).has(key);
    }

    private ownKey(document: LangiumDocument): string | undefined {
        const version = document.textDocument.version;
        const hit = this.ownKeys.get(document);
        if (hit && hit.version === version) return hit.key;
        const key = keyOfRoot(document.parseResult?.value);
        this.ownKeys.set(document, { version, key });
        return key;
    }

    private keysOf(changedUris: Set<string>): Set<string> {
        if (this.keys?.uris === changedUris) return this.keys.keys;
        const keys = new Set<string>();
        for (const uri of changedUris) {
            const document = this.langiumDocuments.all.find(d => d.uri.toString() === uri);
            if (!document) continue;
            const old = keyOfRoot(document.parseResult?.value); // the AST before the change
            if (old) keys.add(old);
            const current: unknown = this.textDocuments?.get(document.uri)?.getText(); // a client may send any JSON as text
            if (typeof current === 'string' && current.length <= MAX_FILE_BYTES) {
                const parser = this.serviceRegistry.getServices(document.uri).parser.LangiumParser;
                const now = keyOfRoot(parser.parse(current).value);
                if (now) keys.add(now);
            }
        }
        this.keys = { uris: changedUris, keys };
        return keys;
    }

    private namesOf(changedUris: Set<string>): Set<string> {
        if (this.names?.uris === changedUris) return this.names.names;
        const names = new Set<string>();
        for (const uri of changedUris) {
            const document = this.langiumDocuments.all.find(d => d.uri.toString() === uri);
            if (!document) continue;
            const old = nameOf(document); // the AST is still the one before the change
            if (old) names.add(old);
            const current: unknown = this.textDocuments?.get(document.uri)?.getText(); // a client may send any JSON as text
            const now = typeof current === 'string' ? declaredName(current) : undefined;
            if (now) names.add(now);
        }
        this.names = { uris: changedUris, names };
        return names;
    }
}
