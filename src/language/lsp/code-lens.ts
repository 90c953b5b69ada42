/**
 * A code lens on the `submission` line with the estimated PI score (or 0 and the reasons). It runs
 * the VS Code extension's "PI: Show score breakdown" command with the document's URI.
 */
import { GrammarUtils, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import type { PisubServices } from '../pisub-module.js';
import { totalLabel } from './score-labels.js';

export const SHOW_BREAKDOWN_COMMAND = 'pisub.showScoreBreakdown';

export class PisubCodeLensProvider implements CodeLensProvider {
    constructor(private readonly services: PisubServices) {}

    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const analysis = this.services.analysis.Cache.get(document);
        const root = document.parseResult.value;
        if (!root?.$cstNode) return [];
        const keyword = GrammarUtils.findNodeForKeyword(root.$cstNode, 'submission') ?? root.$cstNode;
        const at = document.textDocument.positionAt(keyword.offset);
        return [{
            range: { start: at, end: at },
            command: { title: totalLabel(analysis), command: SHOW_BREAKDOWN_COMMAND, arguments: [document.uri.toString()] }
        }];
    }
}
