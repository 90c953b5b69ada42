/**
 * Completion never offers what the checker then rejects: in each clean example, every statement is
 * cut after each of its words and completion asked there; each item offered is put in the cut
 * statement and the file re-checked. The statement may be unfinished (a missing value is fine), but
 * the inserted word must not be the subject of an error or warning of its own: no syntax error at
 * it, no "detail not applicable", no wrong value type, no exclusion or identifier the kind does not take, no second measure or statement that is allowed once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CompletionItem } from 'vscode-languageserver';
import { checkText } from '../helpers/check.js';
import { open, pisub } from './lsp-helpers.js';

const CLEAN = join(__dirname, '..', '..', 'examples', 'clean');

async function itemsAt(text: string, offset: number): Promise<CompletionItem[]> {
    const document = await open(text);
    const list = await pisub().lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset)
    });
    return list?.items ?? [];
}

/** Codes that say the word itself is wrong where it stands (exclusion/contradicts-counts is about the counts on another line). */
const REJECTING = /^(submission\/syntax|attestation\/detail-not-applicable|measure\/value-type|measure\/unknown|measure\/not-in-year|measure\/duplicate|submission\/duplicate-statement|exclusion\/(?!ambiguous|contradicts-counts)|entity\/(npi|id)-not-allowed|public-health\/engagement-(?!missing))/;

describe('completion offers nothing the checker rejects', () => {
    for (const file of readdirSync(CLEAN).filter(f => f.endsWith('.pisub'))) {
        it(file, async () => {
            const original = readFileSync(join(CLEAN, file), 'utf8');
            const lines = original.split('\n');
            let tried = 0;
            for (const [n, line] of lines.entries()) {
                if (!/^\s*(year|entity|reporting|measure|attest|public-health)\b/.test(line)) continue;
                const words = [...line.matchAll(/\S+/g)];
                // Cut after each word (the keyword, the measure, its value, ...).
                for (const w of words) {
                    const cut = line.slice(0, w.index! + w[0].length) + ' ';
                    const before = lines.slice(0, n).join('\n') + '\n';
                    const text = before + cut + '\n' + lines.slice(n + 1).join('\n');
                    const offset = before.length + cut.length;
                    for (const item of await itemsAt(text, offset)) {
                        if (item.kind === 15 /* snippet */) continue;
                        const inserted = item.textEdit && 'range' in item.textEdit ? item.textEdit.newText : item.label;
                        const candidate = text.slice(0, offset) + inserted + text.slice(offset);
                        const checked = await checkText(candidate);
                        const at = checked.diagnostics.filter(d => d.offset < offset + inserted.length && d.end > offset && REJECTING.test(d.code));
                        expect(at.map(d => `${d.code}: ${d.message}`), `${file}:${n + 1} "${cut}${inserted}"`).toEqual([]);
                        tried++;
                    }
                }
            }
            expect(tried).toBeGreaterThan(20);
        });
    }
});
