/** Language-server services with documents loaded as Langium's initial workspace build does (built, not validated). */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { createPisubServices } from '../../src/language/pisub-module.js';

export async function loadDocuments(shared: LangiumSharedServices, files: Record<string, string>): Promise<LangiumDocument[]> {
    await shared.workspace.WorkspaceManager.initialized({}); // what the LSP `initialized` notification does (no folders)
    const docs = Object.entries(files).map(([name, text]) => {
        const doc = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///ws/${name}`));
        shared.workspace.LangiumDocuments.addDocument(doc);
        return doc;
    });
    await shared.workspace.DocumentBuilder.build(docs, {});
    return docs;
}

export async function workspaceWith(files: Record<string, string>): Promise<LangiumSharedServices> {
    const { shared } = createPisubServices(EmptyFileSystem);
    await loadDocuments(shared, files);
    return shared;
}
