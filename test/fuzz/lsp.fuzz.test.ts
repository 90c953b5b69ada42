/**
 * Every editor feature (hover, completion, code actions, symbols, folding, semantic tokens, inlay
 * hints, code lenses, formatting) answers without throwing on damaged documents, at any position,
 * and every range it returns lies inside the document. Seeded: see ./seed.ts.
 */
import fc from 'fast-check';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { Position, Range } from 'vscode-languageserver-types';
import { createPisubServices } from '../../src/language/pisub-module.js';
import { yieldToEventLoop } from '../helpers/event-loop.js';
import { junk, mutated, samples } from './fuzz-helpers.js';
import { FUZZ_SEED, runs } from './seed.js';

const services = createPisubServices(EmptyFileSystem).Pisub;
const parse = parseHelper(services);
const SAMPLES = samples();
let counter = 0;

function expectInside(doc: LangiumDocument, what: string, p: Position | undefined): void {
    if (!p) return;
    const lines = doc.textDocument.lineCount;
    expect(p.line, `${what}: line ${p.line} of ${lines}`).toBeGreaterThanOrEqual(0);
    expect(p.line, `${what}: line ${p.line} of ${lines}`).toBeLessThan(lines);
    const lineText = doc.textDocument.getText({ start: { line: p.line, character: 0 }, end: { line: p.line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
    expect(p.character, `${what}: character ${p.character} on a line of ${lineText.length}`).toBeGreaterThanOrEqual(0);
    expect(p.character, `${what}: character ${p.character} on a line of ${lineText.length}`).toBeLessThanOrEqual(lineText.length);
}
function expectRange(doc: LangiumDocument, what: string, r: Range | undefined): void {
    if (!r) return;
    expectInside(doc, what, r.start);
    expectInside(doc, what, r.end);
    expect(doc.textDocument.offsetAt(r.end), `${what}: range ends before it starts`).toBeGreaterThanOrEqual(doc.textDocument.offsetAt(r.start));
}

/** Runs every editor feature on `text`, at the given relative positions. */
async function exerciseAll(text: string, at: readonly number[]): Promise<void> {
    await yieldToEventLoop();
    const doc = await parse(text, { validation: true, documentUri: `file:///fuzz/doc-${++counter}.pisub` });
    const textDocument = { uri: doc.uri.toString() };
    const lsp = services.lsp;
    for (const d of doc.diagnostics ?? []) expectRange(doc, `diagnostic ${d.code}`, d.range);
    const whole: Range = { start: { line: 0, character: 0 }, end: doc.textDocument.positionAt(text.length) };

    for (const f of at) {
        await yieldToEventLoop();
        const position = doc.textDocument.positionAt(Math.floor(f * (text.length + 1)));
        const hover = await lsp.HoverProvider?.getHoverContent(doc, { textDocument, position });
        expectRange(doc, 'hover', hover?.range);
        const completion = await lsp.CompletionProvider?.getCompletion(doc, { textDocument, position });
        for (const item of completion?.items ?? []) {
            const edit = item.textEdit;
            if (edit && 'range' in edit) expectRange(doc, `completion ${item.label}`, edit.range);
        }
    }
    const actions = await lsp.CodeActionProvider?.getCodeActions(doc, { textDocument, range: whole, context: { diagnostics: doc.diagnostics ?? [] } });
    for (const a of actions ?? []) {
        if ('edit' in a) for (const edits of Object.values(a.edit?.changes ?? {})) for (const e of edits) expectRange(doc, `code action ${a.title}`, e.range);
    }
    const symbols = await lsp.DocumentSymbolProvider?.getSymbols(doc, { textDocument });
    const walk = (list: typeof symbols): void => {
        for (const s of list ?? []) {
            expectRange(doc, `symbol ${s.name}`, s.range);
            expectRange(doc, `symbol ${s.name}`, s.selectionRange);
            walk(s.children);
        }
    };
    walk(symbols);
    const folds = await lsp.FoldingRangeProvider?.getFoldingRanges(doc, { textDocument });
    for (const r of folds ?? []) {
        expect(r.startLine).toBeGreaterThanOrEqual(0);
        expect(r.endLine).toBeLessThan(doc.textDocument.lineCount);
        expect(r.endLine).toBeGreaterThanOrEqual(r.startLine);
    }
    const tokens = await lsp.SemanticTokenProvider?.semanticHighlight(doc, { textDocument }, CancellationToken.None);
    expect((tokens?.data.length ?? 0) % 5).toBe(0);
    const hints = await lsp.InlayHintProvider?.getInlayHints(doc, { textDocument, range: whole });
    for (const h of hints ?? []) expectInside(doc, 'inlay hint', h.position);
    const lenses = await lsp.CodeLensProvider?.provideCodeLens(doc, { textDocument });
    for (const l of lenses ?? []) expectRange(doc, 'code lens', l.range);
    const formatting = await lsp.Formatter?.formatDocument(doc, { textDocument, options: { tabSize: 4, insertSpaces: true } });
    for (const e of formatting ?? []) expectRange(doc, 'format edit', e.range);
}

const positions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 });

describe('editor features on damaged documents', () => {
    it('answer on every example at every line start and end', async () => {
        for (const { text } of SAMPLES.slice(0, 8)) {
            const lines = text.split('\n');
            const at: number[] = [];
            let offset = 0;
            for (const line of lines) { at.push(offset / (text.length + 1), (offset + line.length) / (text.length + 1)); offset += line.length + 1; }
            await exerciseAll(text, at);
        }
    });

    it('answer on grammar-aware mutations of the examples', async () => {
        await fc.assert(fc.asyncProperty(mutated(SAMPLES), positions, async (text, at) => { await exerciseAll(text, at); }),
            { seed: FUZZ_SEED, numRuns: runs(150) });
    });

    it('answer on junk', async () => {
        await fc.assert(fc.asyncProperty(junk, positions, async (text, at) => { await exerciseAll(text, at); }),
            { seed: FUZZ_SEED, numRuns: runs(150) });
    });
});
