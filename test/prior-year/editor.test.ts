/**
 * prior-year in the editor: go to definition jumps to the other file's `submission <name>`, renaming
 * the submission renames the references in other files, and editing the prior year's file re-checks
 * the file that refers to it. Runs the language server's own services over an in-memory workspace.
 */
import { DocumentState, URI, type FileSystemNode, type FileSystemProvider, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { beforeEach, describe, expect, it } from 'vitest';
import { TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createPisubServices, type PisubServices } from '../../src/language/pisub-module.js';
import { yearFile } from './files.js';

/** Files the test writes; Langium reads them back when a document changes. */
class MemoryFiles implements FileSystemProvider {
    readonly files = new Map<string, string>();
    private node(uri: URI): FileSystemNode { return { isFile: this.files.has(uri.toString()), isDirectory: false, uri }; }
    async stat(uri: URI) { return this.node(uri); }
    statSync(uri: URI) { return this.node(uri); }
    async exists(uri: URI) { return this.files.has(uri.toString()); }
    existsSync(uri: URI) { return this.files.has(uri.toString()); }
    async readBinary(uri: URI) { return new TextEncoder().encode(this.readFileSync(uri)); }
    readBinarySync(uri: URI) { return new TextEncoder().encode(this.readFileSync(uri)); }
    async readFile(uri: URI) { return this.readFileSync(uri); }
    readFileSync(uri: URI) {
        const text = this.files.get(uri.toString());
        if (text === undefined) throw new Error(`no file ${uri}`);
        return text;
    }
    async readDirectory() { return []; }
    readDirectorySync() { return []; }
}

const U2023 = URI.parse('file:///practice/riverside-2023.pisub');
const U2024 = URI.parse('file:///practice/riverside-2024.pisub');

let fs: MemoryFiles, shared: LangiumSharedServices, pisub: PisubServices;

async function open(files: [URI, string][]): Promise<void> {
    const docs: LangiumDocument[] = [];
    for (const [uri, text] of files) {
        fs.files.set(uri.toString(), text);
        const doc = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
        shared.workspace.LangiumDocuments.addDocument(doc);
        docs.push(doc);
    }
    await shared.workspace.DocumentBuilder.build(docs, { validation: true });
}

function doc(uri: URI): LangiumDocument {
    return shared.workspace.LangiumDocuments.getDocument(uri)!;
}

function codesOf(uri: URI): string[] {
    return (doc(uri).diagnostics ?? []).map(d => String(d.code));
}

/** The position of the n-th occurrence of `needle` (plus `shift` characters) in a document. */
function at(uri: URI, needle: string, shift = 1, nth = 0) {
    const text = doc(uri).textDocument.getText();
    let offset = -1;
    for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
    expect(offset, `"${needle}" in ${uri}`).toBeGreaterThanOrEqual(0);
    return doc(uri).textDocument.positionAt(offset + shift);
}

function apply(edit: WorkspaceEdit, uri: URI): string {
    const text = doc(uri).textDocument.getText();
    const edits = edit.changes?.[uri.toString()] ?? [];
    return TextDocument.applyEdits(TextDocument.create(uri.toString(), 'pisub', 0, text), edits as TextEdit[]);
}

beforeEach(async () => {
    fs = new MemoryFiles();
    const services = createPisubServices({ fileSystemProvider: () => fs });
    shared = services.shared;
    pisub = services.Pisub;
    await open([
        [U2023, yearFile(2023, { immunization: 'pre-production' })],
        [U2024, yearFile(2024, { immunization: 'pre-production', prior: 'test-2023' })]
    ]);
});

describe('prior-year in the editor', () => {
    it('go to definition jumps from the reference to the other file\'s submission name', async () => {
        const links = await pisub.lsp.DefinitionProvider!.getDefinition(doc(U2024), {
            textDocument: { uri: U2024.toString() }, position: at(U2024, 'prior-year test-2023', 'prior-year t'.length)
        });
        expect(links?.length).toBe(1);
        const link = links![0];
        expect(link.targetUri).toBe(U2023.toString());
        const target = doc(U2023).textDocument;
        expect(target.getText(link.targetSelectionRange)).toBe('test-2023');
        expect(link.targetSelectionRange.start.line).toBe(0);
    });

    it('finds the references of a submission name in other files', async () => {
        const refs = await pisub.lsp.ReferencesProvider!.findReferences(doc(U2023), {
            textDocument: { uri: U2023.toString() }, position: at(U2023, 'test-2023'), context: { includeDeclaration: false }
        });
        expect(refs.map(r => r.uri)).toEqual([U2024.toString()]);
    });

    it('renaming the submission renames the reference in the other file, and both still resolve', async () => {
        const edit = await pisub.lsp.RenameProvider!.rename(doc(U2023), {
            textDocument: { uri: U2023.toString() }, position: at(U2023, 'test-2023'), newName: 'riverside-2023'
        });
        expect(Object.keys(edit?.changes ?? {}).sort()).toEqual([U2023.toString(), U2024.toString()].sort());
        const new2023 = apply(edit!, U2023), new2024 = apply(edit!, U2024);
        expect(new2023).toMatch(/^submission riverside-2023 \{/);
        expect(new2024).toContain('prior-year riverside-2023');
        expect(new2024).not.toContain('test-2023');

        // Save both and rebuild: the reference resolves to the renamed submission.
        fs.files.set(U2023.toString(), new2023);
        fs.files.set(U2024.toString(), new2024);
        await shared.workspace.DocumentBuilder.update([U2023, U2024], []);
        expect(codesOf(U2024)).not.toContain('prior-year/unresolved');
        expect(codesOf(U2024)).toContain('public-health/pre-production-again');
    });

    it('renaming from the reference renames the declaration too', async () => {
        const edit = await pisub.lsp.RenameProvider!.rename(doc(U2024), {
            textDocument: { uri: U2024.toString() }, position: at(U2024, 'prior-year test-2023', 'prior-year t'.length), newName: 'rfm-2023'
        });
        expect(apply(edit!, U2023)).toMatch(/^submission rfm-2023 \{/);
        expect(apply(edit!, U2024)).toContain('prior-year rfm-2023');
    });

    it('re-checks the referring file when the prior year\'s file changes', async () => {
        expect(codesOf(U2024)).toContain('public-health/pre-production-again');
        // The consultant corrects 2023 to production: 2024's pre-production is now its first.
        fs.files.set(U2023.toString(), yearFile(2023, { immunization: 'production' }));
        await shared.workspace.DocumentBuilder.update([U2023], []);
        expect(doc(U2024).state).toBe(DocumentState.Validated);
        expect(codesOf(U2024)).not.toContain('public-health/pre-production-again');
    });

    it('reports the reference as unresolved once the prior year\'s file is deleted', async () => {
        await shared.workspace.DocumentBuilder.update([], [U2023]);
        expect(codesOf(U2024)).toContain('prior-year/unresolved');
        expect(codesOf(U2024)).not.toContain('public-health/pre-production-again');
    });
});
