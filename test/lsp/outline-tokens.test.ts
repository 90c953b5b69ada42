import { expectFoldings, expectSymbols, highlightHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { SemanticTokenTypes, SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { pisub } from './lsp-helpers.js';

const TEXT = `// Practice header
// second line
submission outline-2024 {
    year 2024
    entity group tin 123456789
    period 2024-01-01 to 2024-12-31
    attest security-risk-analysis yes completed 2024-03-14
    measure e-prescribing 412 / 530
    measure query-of-pdmp excluded PI_EP_2_EX_1
    public-health immunization-registry yes engagement production
    clinician 1234567893 "Dr A" {
        measure e-prescribing 200 / 300
    }
}
`;

describe('document symbols', () => {
    it('outline: submission, its statements, measures grouped by objective, clinicians', async () => {
        let symbols: DocumentSymbol[] = [];
        await expectSymbols(pisub())({ text: TEXT, disposeAfterCheck: true, assert: s => { symbols = s; } });
        expect(symbols).toHaveLength(1);
        const [root] = symbols;
        expect(root.name).toBe('submission outline-2024');
        expect(root.kind).toBe(SymbolKind.Namespace);
        expect(root.detail).toBe('PI 2024');
        expect(root.children!.map(c => c.name)).toEqual([
            'year 2024', 'entity group tin 123456789', 'period 2024-01-01 to 2024-12-31', 'Attestations', 'e-Prescribing',
            'Public health and clinical data exchange', 'clinician 1234567893 (Dr A)'
        ]);
        expect(root.children![0].range).toEqual({ start: { line: 3, character: 4 }, end: { line: 3, character: 13 } });
        const ep = root.children!.find(c => c.name === 'e-Prescribing')!;
        expect(ep.children!.map(c => [c.name, c.detail])).toEqual([
            ['measure e-prescribing 412 / 530', 'e-Prescribing'],
            ['measure query-of-pdmp excluded PI_EP_2_EX_1', 'Query of the Prescription Drug Monitoring Program (PDMP)']
        ]);
        expect(ep.range.start.line).toBe(7);
        expect(ep.range.end.line).toBe(8);
        const clinician = root.children!.at(-1)!;
        expect(clinician.children!.map(c => c.name)).toEqual(['measure e-prescribing 200 / 300']);
    });
});

describe('folding', () => {
    it('folds the header comment block, the submission and the clinician block', async () => {
        await expectFoldings(pisub())({
            text: TEXT, disposeAfterCheck: true,
            assert: ranges => {
                const spans = ranges.map(r => [r.startLine, r.endLine, r.kind ?? 'region']);
                expect(spans).toContainEqual([0, 1, 'comment']);
                expect(spans).toContainEqual([2, 12, 'region']);
                expect(spans.some(([s, e]) => s === 10 && e === 11)).toBe(true);
            }
        });
    });
});

describe('semantic tokens', () => {
    it('marks keywords, measure ids and names, dates, numbers, yes/no and values', async () => {
        const { tokens } = await highlightHelper(pisub())(TEXT);
        const lines = TEXT.split('\n');
        /** The token on line `lineNo` whose text is `text` (its first occurrence on the line). */
        const at = (lineNo: number, text: string) => {
            const offset = lines.slice(0, lineNo).reduce((n, l) => n + l.length + 1, 0) + lines[lineNo].indexOf(text);
            const t = tokens.find(tok => tok.offset === offset && tok.text === text);
            return t && { type: t.tokenType, modifiers: t.tokenModifiers };
        };
        const READONLY = 1 << 8; // bit of `readonly` in Langium's token modifier legend
        expect(at(3, 'year')?.type).toBe(SemanticTokenTypes.keyword);
        expect(at(3, '2024')?.type).toBe(SemanticTokenTypes.number);
        expect(at(2, 'outline-2024')?.type).toBe(SemanticTokenTypes.namespace);
        expect(at(4, 'group')?.type).toBe(SemanticTokenTypes.enumMember);
        expect(at(5, '2024-01-01')).toEqual({ type: SemanticTokenTypes.number, modifiers: READONLY });
        expect(at(5, 'to')?.type).toBe(SemanticTokenTypes.keyword);
        expect(at(6, 'security-risk-analysis')).toEqual({ type: SemanticTokenTypes.variable, modifiers: READONLY });
        expect(at(6, 'yes')?.type).toBe(SemanticTokenTypes.enumMember);
        expect(at(7, '412')?.type).toBe(SemanticTokenTypes.number);
        expect(at(7, '530')?.type).toBe(SemanticTokenTypes.number);
        expect(at(8, 'excluded')?.type).toBe(SemanticTokenTypes.enumMember);
        expect(at(8, 'PI_EP_2_EX_1')?.type).toBe(SemanticTokenTypes.variable);
        expect(at(9, 'production')?.type).toBe(SemanticTokenTypes.enumMember);
        expect(at(10, '"Dr A"')?.type).toBe(SemanticTokenTypes.string);
        expect(at(11, 'e-prescribing')?.type).toBe(SemanticTokenTypes.variable);
        // Punctuation is left to the TextMate grammar.
        expect(at(7, '/')).toBeUndefined();
    });
});
