/**
 * What keeps the language server alive and responsive whatever documents, files and URIs it meets
 * (docs/robustness.md, "The language server"):
 *
 * - `PisubServiceRegistry`: pisub is the only language, so every URI — `untitled:Untitled-1`,
 *   `file:///…/X.PISUB`, a notebook cell, a closed document — is served by the pisub services.
 *   Langium's registry looks up the file extension once the editor has closed a document and threw
 *   ("no services for the extension ''"), which ended the process.
 * - `PisubWorkspaceManager`: the workspace scan picks up `.pisub` files in any case and skips, with
 *   one log message, what it cannot or should not read (unreadable files and folders, files over
 *   the CLI's size cap, pipes, sockets, devices, links leaving the workspace, link loops).
 * - `PisubFileSystemProvider`: reads only regular files up to the cap, whoever asks (scan,
 *   `pisub/checkWorkspace`, a closed document going back to its disk content).
 * - `PisubDocumentFactory` + `PisubGuardedValidator`: an open document over the cap is not parsed;
 *   it gets one diagnostic saying why.
 * - `PisubDocumentUpdateHandler`: closing a document that is not a `.pisub` file on disk removes it
 *   (diagnostics cleared, memory released); a closed file on disk goes back to its disk content.
 * - `PisubDocumentBuilder`: a document whose `prior-year` does not resolve is relinked only when a
 *   submission with that name may have appeared, not on every change elsewhere.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import {
    DefaultServiceRegistry, DocumentState, URI, type AstNode, type FileSystemNode, type LangiumCoreServices,
    type LangiumDocument, type LangiumSharedCoreServices, type ParseResult, type ValidationOptions
} from 'langium';
import {
    DefaultDocumentBuilder, DefaultLangiumDocumentFactory, DefaultWorkspaceManager
} from 'langium';
import { DefaultDocumentUpdateHandler } from 'langium/lsp';
import { NodeFileSystemProvider } from 'langium/node';
import { CancellationToken, type TextDocumentChangeEvent } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isPisubFileName, MAX_FILE_BYTES, NOT_REGULAR_MESSAGE, tooLargeMessage } from './limits.js';
import { PisubDocumentValidator } from './pisub-validator.js';
import { ruleDocsHref } from './rules/docs-links.js';

/** Every URI is a pisub document: the only language registered. */
export class PisubServiceRegistry extends DefaultServiceRegistry {
    override getServices(uri: URI): LangiumCoreServices {
        const all = this.all;
        if (all.length === 1) return all[0];
        return super.getServices(uri);
    }

    override hasServices(uri: URI): boolean {
        return this.all.length === 1 || super.hasServices(uri);
    }
}

/** Why a file on disk is not read, or undefined when it may be (a regular file within the cap). */
export function unreadableReason(path: string): string | undefined {
    let st: fs.Stats;
    try {
        st = fs.statSync(path);
    } catch (e) {
        return describeError(e);
    }
    if (!st.isFile()) return st.isDirectory() ? 'is a folder' : NOT_REGULAR_MESSAGE;
    if (st.size > MAX_FILE_BYTES) return tooLargeMessage(st.size);
    try {
        fs.accessSync(path, fs.constants.R_OK);
    } catch (e) {
        return describeError(e);
    }
    return undefined;
}

function describeError(e: unknown): string {
    switch ((e as NodeJS.ErrnoException)?.code) {
        case 'ENOENT': return 'no such file or folder';
        case 'EACCES': case 'EPERM': return 'permission denied';
        case 'ELOOP': return 'too many levels of symbolic links';
        case 'ENAMETOOLONG': return 'path too long for the file system';
        case 'ENOTDIR': return 'a part of the path is not a folder';
        default: return (e as Error)?.message ?? String(e);
    }
}

/** Node's file system, reading only regular files up to the size cap (a FIFO would block forever, /dev/zero never ends). */
export class PisubFileSystemProvider extends NodeFileSystemProvider {
    override async readFile(uri: URI): Promise<string> {
        this.guard(uri);
        return super.readFile(uri);
    }

    override readFileSync(uri: URI): string {
        this.guard(uri);
        return super.readFileSync(uri);
    }

    private guard(uri: URI): void {
        if (uri.scheme !== 'file') throw new Error(`${uri.toString()}: not a file on disk`);
        const reason = unreadableReason(uri.fsPath);
        if (reason !== undefined) throw new Error(`${uri.fsPath}: ${reason}`);
    }
}

export const PisubNodeFileSystem = {
    fileSystemProvider: () => new PisubFileSystemProvider()
};

export interface SkippedFile {
    readonly path: string;
    readonly reason: string;
}

const SKIP_FOLDERS = new Set(['node_modules', 'out']);

/**
 * The workspace scan: `.pisub` files in any case, each real folder once, never leaving the
 * workspace folder through a link; what is skipped is logged once, with the reason.
 */
export class PisubWorkspaceManager extends DefaultWorkspaceManager {
    /** What the last scan skipped (for tests and the log). */
    skipped: SkippedFile[] = [];

    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        const name = entry.uri.path.split('/').pop() ?? '';
        if (name.startsWith('.')) return false;
        if (entry.isDirectory) return !SKIP_FOLDERS.has(name);
        return entry.isFile && isPisubFileName(name);
    }

    protected override async performStartup(folders: Parameters<DefaultWorkspaceManager['initializeWorkspace']>[0]): Promise<LangiumDocument[]> {
        this.skipped = [];
        try {
            return await super.performStartup(folders);
        } catch (e) {
            // Never leave `ready` pending: every request and build waits on it.
            console.error(`pisub: the workspace scan failed (${e instanceof Error ? e.message : String(e)}); open files are still checked.`);
            this._ready.resolve();
            return [];
        } finally {
            if (this.skipped.length > 0) {
                const list = this.skipped.slice(0, 50).map(s => `  ${s.path}: ${s.reason}`).join('\n');
                const more = this.skipped.length > 50 ? `\n  … and ${this.skipped.length - 50} more` : '';
                console.warn(`pisub: ${this.skipped.length} file(s) or folder(s) in the workspace are not checked:\n${list}${more}`);
            }
        }
    }

    protected override async traverseFolder(folder: URI, uris: URI[]): Promise<void> {
        if (folder.scheme !== 'file') return super.traverseFolder(folder, uris);
        let root: string;
        try {
            root = await fs.promises.realpath(folder.fsPath);
        } catch (e) {
            this.skipped.push({ path: folder.fsPath, reason: describeError(e) });
            return;
        }
        await this.walk(folder.fsPath, root, new Set([root]), uris);
    }

    private async walk(dir: string, root: string, visited: Set<string>, uris: URI[]): Promise<void> {
        let names: string[];
        try {
            names = (await fs.promises.readdir(dir)).sort();
        } catch (e) {
            this.skipped.push({ path: dir, reason: describeError(e) });
            return;
        }
        for (const name of names) {
            if (name.startsWith('.')) continue;
            const path = join(dir, name);
            let st: fs.Stats;
            try {
                st = await fs.promises.lstat(path);
            } catch (e) {
                this.skipped.push({ path, reason: describeError(e) });
                continue;
            }
            const pisub = isPisubFileName(name);
            if (!st.isDirectory() && !st.isSymbolicLink() && !pisub) continue;
            let real = path;
            if (st.isSymbolicLink()) {
                try {
                    real = await fs.promises.realpath(path);
                    st = await fs.promises.stat(path);
                } catch (e) {
                    if (pisub || (e as NodeJS.ErrnoException)?.code === 'ELOOP') this.skipped.push({ path, reason: describeError(e) });
                    continue;
                }
                if (real !== root && !real.startsWith(root + '/')) {
                    if (pisub || st.isDirectory()) this.skipped.push({ path, reason: `a link to ${real}, outside the workspace folder` });
                    continue;
                }
            }
            if (st.isDirectory()) {
                if (SKIP_FOLDERS.has(name)) continue;
                if (!st.isSymbolicLink()) {
                    try { real = await fs.promises.realpath(path); } catch { /* keep path */ }
                }
                if (visited.has(real)) continue; // a link back to a folder already walked
                visited.add(real);
                await this.walk(path, root, visited, uris);
            } else if (pisub) {
                const reason = unreadableReason(path);
                if (reason !== undefined) this.skipped.push({ path, reason });
                else uris.push(URI.file(path));
            }
        }
    }

    protected override async loadWorkspaceDocuments(uris: Parameters<DefaultWorkspaceManager['loadWorkspaceDocuments']>[0], collector: (document: LangiumDocument) => void): Promise<void> {
        // One file at a time failing (deleted or made unreadable since the scan) skips that file only.
        for (const uri of uris) {
            try {
                collector(await this.langiumDocuments.getOrCreateDocument(uri));
            } catch (e) {
                this.skipped.push({ path: uri.fsPath, reason: e instanceof Error ? e.message.replace(`${uri.fsPath}: `, '') : String(e) });
            }
        }
    }
}

/** Parse results of open documents over the size cap: their text is not parsed (an empty one is). */
const oversize = new WeakMap<AstNode, number>();

export class PisubDocumentFactory extends DefaultLangiumDocumentFactory {
    // A client can send anything as a document's text (`null`, a number, an object): it is read as an
    // empty document, so one bad didOpen cannot fail the build that every other document waits on.
    protected override parse<T extends AstNode>(uri: URI, text: string, options?: Parameters<DefaultLangiumDocumentFactory['parse']>[2]): ParseResult<T> {
        text = typeof text === 'string' ? text : '';
        const bytes = byteSize(text);
        if (bytes <= MAX_FILE_BYTES) return super.parse(uri, text, options);
        const result = super.parse<T>(uri, '', options);
        oversize.set(result.value, bytes);
        return result;
    }

    protected override async parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: CancellationToken): Promise<ParseResult<T>> {
        text = typeof text === 'string' ? text : '';
        const bytes = byteSize(text);
        if (bytes <= MAX_FILE_BYTES) return super.parseAsync(uri, text, cancellationToken);
        const result = await super.parseAsync<T>(uri, '', cancellationToken);
        oversize.set(result.value, bytes);
        return result;
    }
}

function byteSize(text: string): number {
    // A UTF-16 unit is 1 to 3 UTF-8 bytes: count exactly only near the cap.
    return text.length * 3 <= MAX_FILE_BYTES ? text.length : Buffer.byteLength(text, 'utf8');
}

/** The diagnostic code of an open document over the size cap (docs/rules.md). */
export const TOO_LARGE_CODE = 'submission/file-too-large';

export class PisubGuardedValidator extends PisubDocumentValidator {
    private readonly docsBaseUri: string | undefined;

    constructor(services: ConstructorParameters<typeof PisubDocumentValidator>[0]) {
        super(services);
        this.docsBaseUri = services.analysis.docsBase;
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const bytes = oversize.get(document.parseResult.value);
        if (bytes !== undefined) {
            return [{
                severity: 1, code: TOO_LARGE_CODE, source: 'pisub',
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                message: `This document is not checked: ${tooLargeMessage(bytes)}. Split it into one file per submission.`,
                codeDescription: { href: ruleDocsHref(TOO_LARGE_CODE, this.docsBaseUri) }
            }];
        }
        return super.validateDocument(document, options, cancelToken);
    }
}

/**
 * Closing a document: a `.pisub` file that exists on disk goes back to its disk content; anything
 * else (untitled, deleted since, another scheme, another extension) is removed from the workspace,
 * which clears its diagnostics and releases its memory.
 */
export class PisubDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        let uri: URI;
        try {
            uri = URI.parse(event.document.uri);
        } catch {
            return;
        }
        const onDisk = uri.scheme === 'file' && isPisubFileName(uri.path) && unreadableReason(uri.fsPath) === undefined;
        if (onDisk) this.fireDocumentUpdate([uri], []);
        else this.fireDocumentUpdate([], [uri]);
    }
}

/**
 * Langium relinks every document with an unresolved reference on every change anywhere (the target
 * might have appeared). Here such a document is relinked only when a document that was re-indexed
 * since now declares one of its unresolved names (or one it resolved to changed or went away, which
 * Langium's reference index already tracks).
 */
export class GuardedDocumentBuilder extends DefaultDocumentBuilder {
    /** Documents whose exported names were re-indexed since the last check (accumulates across cancelled builds). */
    private readonly reindexed = new Set<string>();
    private readonly deletedNames = new Set<string>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.onDocumentPhase(DocumentState.IndexedContent, doc => { this.reindexed.add(doc.uri.toString()); });
    }

    override async update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
        // A file that changed on disk and can no longer be read (permissions, grown over the cap,
        // replaced by a pipe) leaves the workspace: reading it would fail the whole build.
        // (Only with the real file system: tests and the CLI use in-memory ones.)
        const readable: URI[] = [];
        deleted = [...deleted];
        const onDisk = this.fileSystemProvider instanceof PisubFileSystemProvider;
        for (const uri of changed) {
            if (onDisk && uri.scheme === 'file' && isPisubFileName(uri.path) && !this.textDocuments?.get(uri.toString())) {
                const reason = unreadableReason(uri.fsPath);
                if (reason !== undefined && reason !== 'is a folder') {
                    if (this.langiumDocuments.hasDocument(uri)) {
                        deleted.push(uri);
                        if (reason !== 'no such file or folder') console.warn(`pisub: ${uri.fsPath} is not checked any more: ${reason}`);
                    }
                    continue;
                }
            }
            readable.push(uri);
        }
        changed = readable;
        // Names that go away with deleted or changed documents (a document may resolve again to another file declaring it).
        for (const uri of [...changed, ...deleted]) {
            for (const d of this.indexManager.allElements(undefined, new Set([uri.toString()]))) this.deletedNames.add(d.name);
        }
        await super.update(changed, deleted, cancelToken);
        await this.relinkUnresolved(cancelToken);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        // Documents with unresolved references wait for `relinkUnresolved`; resolved references follow Langium.
        return this.indexManager.isAffected(document, changedUris);
    }

    private async relinkUnresolved(cancelToken?: CancellationToken): Promise<void> {
        if (this.reindexed.size === 0 && this.deletedNames.size === 0) return;
        const names = new Set(this.deletedNames);
        for (const d of this.indexManager.allElements(undefined, this.reindexed)) names.add(d.name);
        this.reindexed.clear();
        this.deletedNames.clear();
        if (names.size === 0) return;
        const toRelink = this.langiumDocuments.all
            .filter(doc => doc.state >= DocumentState.Linked && doc.references.some(ref => ref.error !== undefined && names.has(ref.$refText)))
            .toArray();
        if (toRelink.length === 0) return;
        for (const doc of toRelink) this.resetToState(doc, DocumentState.ComputedScopes);
        await this.buildDocuments(toRelink, this.updateBuildOptions, cancelToken ?? CancellationToken.None);
    }
}
