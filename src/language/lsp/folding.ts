/**
 * Folding: Langium's defaults (multi-line statements, `clinician { }` blocks, block comments), the
 * `submission { }` block, and runs of two or more line comments (`//` or `#`), e.g. a file's header comment.
 */
import { CstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import { DefaultFoldingRangeProvider, type FoldingRangeAcceptor } from 'langium/lsp';
import { FoldingRangeKind } from 'vscode-languageserver';

export class PisubFoldingRangeProvider extends DefaultFoldingRangeProvider {
    protected override collectFolding(document: LangiumDocument, acceptor: FoldingRangeAcceptor): void {
        super.collectFolding(document, acceptor);
        const root = document.parseResult.value.$cstNode;
        if (!root) return;
        // The submission block itself (Langium leaves the root out): from `submission` to the line before `}`.
        const opening = GrammarUtils.findNodeForKeyword(root, 'submission');
        const closing = GrammarUtils.findNodesForKeyword(root, '}').filter(n => n.astNode === document.parseResult.value).at(-1);
        if (opening && closing && closing.range.start.line - 1 > opening.range.start.line) {
            acceptor({ startLine: opening.range.start.line, endLine: closing.range.start.line - 1, kind: FoldingRangeKind.Region });
        }
        let start: number | undefined, last: number | undefined;
        const close = () => {
            if (start !== undefined && last !== undefined && last > start) acceptor({ startLine: start, endLine: last, kind: FoldingRangeKind.Comment });
            start = last = undefined;
        };
        for (const leaf of CstUtils.flattenCst(root)) {
            if (!leaf.hidden || leaf.tokenType.name !== 'SL_COMMENT') { close(); continue; }
            const line = leaf.range.start.line;
            if (last !== undefined && line === last + 1) last = line;
            else { close(); start = last = line; }
        }
        close();
    }
}
