/**
 * Editor formatting: the whole document in the canonical layout of format-text.ts (shared with
 * `pisub format`). A document with syntax errors is left as it is (no edits). Range formatting
 * formats the whole document too: statements are short and the layout is the file's.
 */
import type { LangiumDocument } from 'langium';
import type { Formatter } from 'langium/lsp';
import type { TextEdit } from 'vscode-languageserver';
import type { PisubServices } from '../pisub-module.js';
import { formatPisubText } from './format-text.js';

export class PisubFormatter implements Formatter {
    constructor(private readonly services: PisubServices) {}

    formatDocument(document: LangiumDocument): TextEdit[] {
        const text = document.textDocument.getText();
        const result = formatPisubText(this.services, text);
        if (!result.ok || !result.changed) return [];
        const end = document.textDocument.positionAt(text.length);
        return [{ range: { start: { line: 0, character: 0 }, end }, newText: result.text }];
    }

    formatDocumentRange(document: LangiumDocument): TextEdit[] {
        return this.formatDocument(document);
    }

    formatDocumentOnType(): TextEdit[] {
        return [];
    }

    get formatOnTypeOptions(): undefined {
        return undefined;
    }
}
