import { describe, expect, it } from 'vitest';
import type { Position } from 'vscode-languageserver';
import { submission } from '../helpers/submissions.js';
import { open, pisub } from './lsp-helpers.js';

const ODD_INPUTS: Record<string, string> = {
    empty: '',
    'keyword only': 'submission',
    'header only': 'submission x {',
    garbage: '}}} {{{ / / 5 measure measure yes',
    'unicode and NUL': 'submission ünïcødé {\n    practice "☃"\u0000\n}',
    'long line': `submission x {\n    note "${'x'.repeat(20_000)}"\n}`,
    'unsupported year': submission({ year: 2024 }).replace('year 2024', 'year 1999'),
    'no year': submission({ year: 2024 }).replace('year 2024', ''),
    'half-typed measure': 'submission x {\n    year 2024\n    measure e-prescribing 5 /\n    public-health immunization-registry yes engagement\n}'
};

describe('editor features never throw on odd input', () => {
    for (const [name, text] of Object.entries(ODD_INPUTS)) {
        it(name, async () => {
            const document = await open(text);
            const lsp = pisub().lsp;
            const textDocument = { uri: document.uri.toString() };
            const end = document.textDocument.positionAt(text.length);
            const positions: Position[] = [{ line: 0, character: 0 }, end, document.textDocument.positionAt(Math.floor(text.length / 2))];
            for (const position of positions) {
                await lsp.HoverProvider!.getHoverContent(document, { textDocument, position });
                await lsp.CompletionProvider!.getCompletion(document, { textDocument, position });
            }
            await lsp.Formatter!.formatDocument(document, { textDocument, options: { tabSize: 4, insertSpaces: true } });
            await lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument });
            await lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument });
            await lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument });
            await lsp.InlayHintProvider!.getInlayHints(document, { textDocument, range: { start: { line: 0, character: 0 }, end } });
            await lsp.CodeLensProvider!.provideCodeLens(document, { textDocument });
            const actions = await lsp.CodeActionProvider!.getCodeActions(document, {
                textDocument, range: { start: { line: 0, character: 0 }, end }, context: { diagnostics: document.diagnostics ?? [] }
            });
            expect(Array.isArray(actions)).toBe(true);
        });
    }
});
