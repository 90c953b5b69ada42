/**
 * Completion in large documents (docs/performance.md). Langium's completion tokenizes the whole
 * document and re-parses all text before the cursor on every request, so its cost grows with the
 * cursor's offset (50 ms and more on the last line of a 10,000-line group file). Every top-level
 * statement stands on its own in the grammar, so the same next features come from
 * `submission x {` followed by the text from the start of the statement before the cursor's line,
 * and the same surrounding tokens from the text between two statements around the cursor.
 * Documents shorter than `completionWindowing.minChars` are completed exactly as before.
 */

import { STATEMENT_KEYWORDS as STATEMENTS } from '../syntax.js';

export const completionWindowing = {
    /** Offsets below this use Langium's whole-document completion unchanged. */
    minChars: 50_000
};

/** The synthetic header the windowed text is parsed after (the grammar's entry rule). */
export const WINDOW_HEADER = 'submission x {\n';

const STATEMENT_KEYWORDS = new Set(STATEMENTS);

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95;

/**
 * Offsets of the line starts where a top-level statement begins: outside comments and strings,
 * directly inside `submission { }` (brace depth 1), the line's first word a statement keyword.
 * Follows the grammar's hidden terminals: `/* *\/`, `//` and `#` comments, single-line strings.
 */
export function statementStarts(text: string): number[] {
    const starts: number[] = [];
    let depth = 0, inComment = false, atLineStart = true;
    for (let i = 0; i < text.length; i++) {
        if (atLineStart && !inComment) {
            atLineStart = false;
            let j = i;
            while (text[j] === ' ' || text[j] === '\t') j++;
            let k = j;
            while (k < text.length && isWordChar(text.charCodeAt(k))) k++;
            if (depth === 1 && k > j && STATEMENT_KEYWORDS.has(text.slice(j, k))) starts.push(i);
        }
        const c = text[i];
        if (c === '\n' || c === '\r') { atLineStart = true; continue; }
        if (inComment) {
            if (c === '*' && text[i + 1] === '/') { inComment = false; i++; }
            continue;
        }
        if (c === '/' && text[i + 1] === '*') { inComment = true; i++; }
        else if (c === '#' || (c === '/' && text[i + 1] === '/')) { while (i + 1 < text.length && text[i + 1] !== '\n' && text[i + 1] !== '\r') i++; }
        else if (c === '"' || c === "'") {
            while (i + 1 < text.length && text[i + 1] !== c && text[i + 1] !== '\n' && text[i + 1] !== '\r') i += text[i + 1] === '\\' ? 2 : 1;
            if (text[i + 1] === c) i++;
        }
        else if (c === '{') depth++;
        else if (c === '}') depth--;
    }
    return starts;
}

let cached: { text: string; starts: number[] } | undefined;

/**
 * The part of `text` that decides completion at `offset`: from the start of the last statement
 * that begins before the cursor's line to the start of the first statement after it. Undefined
 * for small offsets, or where no such statement is found (completion then reads the whole text).
 */
export function completionWindow(text: string, offset: number): { start: number; end: number } | undefined {
    if (offset < completionWindowing.minChars) return undefined;
    if (cached?.text !== text) cached = { text, starts: statementStarts(text) };
    const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
    let start: number | undefined, end = text.length;
    for (const s of cached.starts) {
        if (s < lineStart) start = s;
        else if (s > offset) { end = s; break; }
    }
    return start === undefined ? undefined : { start, end };
}
