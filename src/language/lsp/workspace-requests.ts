/**
 * The answers to `pisub/checkWorkspace` {uris?} → a summary, `pisub/templateOptions` and
 * `pisub/submissionTemplate` (request types: src/protocol.ts). Langium's initial workspace build loads
 * every .pisub file of the workspace but does not validate files that are not open, so the Problems
 * panel shows only open files. This request loads the given files (the client lists the workspace's
 * .pisub files, so files created since the server started count too), builds every known document
 * with validation, and Langium publishes their diagnostics as usual.
 */
import { URI, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { SUPPORTED_YEARS } from '../data/measures.js';
import { isPisubFileName } from '../limits.js';
import { factsFor } from '../data/years.js';
import { ENTITY_KINDS, type EntityKind } from '../model/submission.js';
import { submissionTemplate, templateProblem, templateSnippet } from '../templates.js';

export interface CheckWorkspaceParams {
    /** Files to include besides the documents the server already knows (e.g. vscode.workspace.findFiles). */
    readonly uris?: readonly string[];
}

export interface CheckWorkspaceResult {
    readonly files: number;
    readonly errors: number;
    readonly warnings: number;
    /** Files that could not be read (path and reason). */
    readonly unreadable: readonly { readonly uri: string; readonly reason: string }[];
    /** True when edits kept interrupting the check; the edited files are checked again by the edits' own builds. */
    readonly interrupted: boolean;
}


/** `pisub/templateOptions` → the years and entity kinds "PI: New submission…" offers. */
export interface TemplateOptions {
    readonly years: readonly number[];
    readonly entityKinds: readonly string[];
}

/** `pisub/submissionTemplate` {year, entityKind} → the new-submission template (text and snippet), or why there is none. */
export interface SubmissionTemplateParams {
    readonly year: number;
    readonly entityKind: string;
}
export type SubmissionTemplateResult = { readonly text: string; readonly snippet: string } | { readonly problem: string };

export function templateOptions(): TemplateOptions {
    return { years: SUPPORTED_YEARS.filter(y => factsFor(y) !== undefined), entityKinds: [...ENTITY_KINDS] };
}

export function newSubmissionTemplate(params: SubmissionTemplateParams): SubmissionTemplateResult {
    const year = Number(params?.year);
    const kind = params?.entityKind as EntityKind;
    if (!Number.isInteger(year) || !templateOptions().years.includes(year)) {
        return { problem: `${params?.year} is not a supported performance year (supported: ${templateOptions().years.join(', ')}).` };
    }
    if (!(ENTITY_KINDS as readonly string[]).includes(kind)) {
        return { problem: `"${params?.entityKind}" is not an entity kind (one of: ${ENTITY_KINDS.join(', ')}).` };
    }
    const problem = templateProblem(year, kind);
    if (problem) return { problem };
    return { text: submissionTemplate(year, kind), snippet: templateSnippet(year, kind) };
}

export async function checkWorkspace(
    shared: LangiumSharedCoreServices, params: CheckWorkspaceParams, token = CancellationToken.None
): Promise<CheckWorkspaceResult> {
    const { LangiumDocuments: documents, DocumentBuilder: builder, WorkspaceManager: manager, WorkspaceLock: lock } = shared.workspace;
    await manager.ready;
    const registry = shared.ServiceRegistry;
    const unreadable: { uri: string; reason: string }[] = [];
    for (const text of params?.uris ?? []) {
        let uri: URI;
        try {
            uri = URI.parse(text);
        } catch {
            unreadable.push({ uri: text, reason: 'not a URI' });
            continue;
        }
        // Only .pisub files (any case) from the client's list; open documents of any name are already known.
        if (!isPisubFileName(uri.path) || documents.hasDocument(uri)) continue;
        try {
            await documents.getOrCreateDocument(uri, token);
        } catch (e) {
            unreadable.push({ uri: text, reason: e instanceof Error ? e.message : String(e) });
        }
    }
    let all: LangiumDocument[] = [];
    let interrupted = false;
    // A keystroke or a file event takes the workspace lock and cancels this build; try again after it
    // (a few times: the user may be typing).
    for (let attempt = 0; attempt < 3 && !token.isCancellationRequested; attempt++) {
        all = documents.all.filter(d => registry.hasServices(d.uri)).toArray();
        interrupted = false;
        await lock.write(async lockToken => {
            try {
                await builder.build(all, { validation: true }, lockToken);
            } catch {
                interrupted = true;
            }
        });
        if (!interrupted) break;
    }
    let errors = 0;
    let warnings = 0;
    for (const d of all) {
        for (const diagnostic of d.diagnostics ?? []) {
            if (diagnostic.severity === 1) errors++;
            else if (diagnostic.severity === 2) warnings++;
        }
    }
    return { files: all.length, errors, warnings, unreadable, interrupted };
}
