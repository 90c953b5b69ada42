/**
 * Inlay hints: the points each reported measure earns (e.g. `9/10 pts`), after the statement,
 * with the formula as tooltip.
 */
import type { LangiumDocument } from 'langium';
import type { InlayHintProvider } from 'langium/lsp';
import { InlayHintKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import type { PisubServices } from '../pisub-module.js';
import { measureLabel, scoreOfEntry } from './score-labels.js';

export class PisubInlayHintProvider implements InlayHintProvider {
    constructor(private readonly services: PisubServices) {}

    getInlayHints(document: LangiumDocument, params: InlayHintParams): InlayHint[] {
        const analysis = this.services.analysis.Cache.get(document);
        if (analysis.year === undefined || analysis.score.reweighted) return [];
        const text = document.textDocument;
        const from = text.offsetAt(params.range.start), to = text.offsetAt(params.range.end);
        const hints: InlayHint[] = [];
        for (const entry of analysis.model.entries) {
            if (entry.span.end < from || entry.span.offset > to) continue;
            const score = scoreOfEntry(analysis, entry);
            if (!score) continue;
            hints.push({
                position: text.positionAt(entry.span.end),
                label: measureLabel(score, analysis),
                kind: InlayHintKind.Parameter,
                paddingLeft: true,
                tooltip: score.status === 'excluded' ? analysis.score.redistribution.find(r => r.from === score.measureId)?.note ?? score.formula : score.formula
            });
        }
        return hints;
    }
}
