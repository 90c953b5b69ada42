/**
 * Every position in a response lies inside the document: request positions past the end (line 1e6,
 * character 1e6) are clamped to the document before a service sees them, because completion echoes
 * the request position into its `textEdit` ranges.
 */
import type { LangiumDocument } from 'langium';
import type { CancellationToken, CompletionList, CompletionParams, Position } from 'vscode-languageserver';
import { PisubCompletionProvider } from './completion.js';

/** The nearest position inside the document (0 ≤ line < lineCount, 0 ≤ character ≤ line length). */
export function clampPosition(document: LangiumDocument, position: Position): Position {
    const text = document.textDocument;
    const line = Number.isFinite(position?.line) ? Math.max(0, Math.trunc(position.line)) : 0;
    const character = Number.isFinite(position?.character) ? Math.max(0, Math.trunc(position.character)) : 0;
    // positionAt(offsetAt(p)) is Langium's own clamping (past a line's end: that line's end).
    return text.positionAt(text.offsetAt({ line, character }));
}

export class PisubClampedCompletionProvider extends PisubCompletionProvider {
    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        return super.getCompletion(document, { ...params, position: clampPosition(document, params.position) }, cancelToken);
    }
}
