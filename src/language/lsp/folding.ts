/**
 * Folding: Langium's defaults (multi-line blocks and block comments) plus runs of two or more
 * line comments (`//` or `#`), e.g. a file's header comment.
 */
import { CstUtils, type LangiumDocument } from 'langium';
import { DefaultFoldingRangeProvider, type FoldingRangeAcceptor } from 'langium/lsp';
import { FoldingRangeKind } from 'vscode-languageserver';

export class PisubFoldingRangeProvider extends DefaultFoldingRangeProvider {
    protected override collectFolding(document: LangiumDocument, acceptor: FoldingRangeAcceptor): void {
        super.collectFolding(document, acceptor);
        const root = document.parseResult.value.$cstNode;
        if (!root) return;
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
