/**
 * Test helpers for the editor features: one set of pisub services over an empty file system, a
 * document built (and validated) from text, and `<|>` cursor markers.
 */
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import { createPisubServices, type PisubServices } from '../../src/language/pisub-module.js';
import { yieldToEventLoop } from '../helpers/event-loop.js';

let services: PisubServices | undefined;
export function pisub(): PisubServices {
    return (services ??= createPisubServices(EmptyFileSystem).Pisub);
}

let counter = 0;
/** Parses and validates `text` as a fresh document. */
export async function open(text: string): Promise<LangiumDocument> {
    await yieldToEventLoop(); // keeps the vitest worker responsive in long loops (test/helpers/event-loop.ts)
    return parseHelper(pisub())(text, { validation: true, documentUri: `file:///test/doc-${++counter}.pisub` });
}

/**
 * Removes a document from the shared workspace (and its index entries), so that later documents are
 * not checked together with it (submission/duplicate-name, submission/conflicting-data).
 */
export function close(document: LangiumDocument): void {
    const shared = pisub().shared;
    shared.workspace.LangiumDocuments.deleteDocument(document.uri);
    shared.workspace.IndexManager.remove(document.uri);
}

/** Removes the `<|>` marker and returns the text and the marker's offset. */
export function cursor(marked: string): { text: string; offset: number } {
    const offset = marked.indexOf('<|>');
    if (offset < 0) throw new Error('no <|> marker');
    return { text: marked.replace('<|>', ''), offset };
}

/** Applies LSP text edits to a text (end to start). */
export function applyEdits(document: LangiumDocument, edits: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
    const td = document.textDocument;
    let out = td.getText();
    const sorted = edits.map(e => ({ start: td.offsetAt(e.range.start), end: td.offsetAt(e.range.end), text: e.newText }))
        .sort((a, b) => b.start - a.start);
    for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return out;
}
