/**
 * Where the cursor is, lexically, for completion: which statement it is in, the words written
 * before it in that statement, and the partly typed word at the cursor. Follows the grammar's
 * lexical rules (hidden `/* *\/`, `//` and `#` comments, single-line strings, `{ }` blocks): the
 * statement starts after the last line break or brace. completion.ts decides, from the grammar and
 * the year's data, what may be written there.
 */

export type CompletionPosition =
    /** Inside a comment or a string, or glued to something that is not a word: nothing to offer. */
    | { readonly kind: 'nothing' }
    /** Before anything but comments: a new submission. */
    | { readonly kind: 'file-start'; readonly prefix: string }
    /**
     * In a statement of `submission { }` (depth 1) or of a clinician's block (depth 2). `words` are the
     * complete words written before the cursor in this statement (empty at its start: the statement
     * keyword is being written); `prefix` the partly typed word at the cursor ('' after a space).
     */
    | { readonly kind: 'statement'; readonly depth: 1 | 2; readonly words: readonly string[]; readonly prefix: string }
    /** Inside a string of a statement: `words` are the statement's words before the string. */
    | { readonly kind: 'string'; readonly depth: number; readonly words: readonly string[] };

/** Characters that end a word (besides whitespace). */
const BREAKS = new Set(['{', '}']);

/**
 * The position at `offset`. `from`/`startDepth` let a caller start at a known statement start
 * (completion-window.ts) instead of the beginning of the text.
 */
export function completionPosition(text: string, offset: number, from = 0, startDepth = 0): CompletionPosition {
    let depth = startDepth;
    let seenToken = from > 0;
    let words: string[] = [];
    let word = '';
    const endWord = () => { if (word) { words.push(word); word = ''; seenToken = true; } };
    for (let i = from; i < offset; i++) {
        const c = text[i];
        if (c === '\n' || c === '\r') { endWord(); words = []; continue; }
        if (c === ' ' || c === '\t' || c === '\f' || c === '\v') { endWord(); continue; }
        if (c === '/' && text[i + 1] === '*') {
            const close = text.indexOf('*/', i + 2);
            if (close < 0 || close + 2 > offset) return { kind: 'nothing' };
            endWord();
            i = close + 1;
            continue;
        }
        if (c === '#' || (c === '/' && text[i + 1] === '/')) {
            let j = i;
            while (j < text.length && text[j] !== '\n' && text[j] !== '\r') j++;
            if (j >= offset) return { kind: 'nothing' };
            endWord();
            i = j - 1;
            continue;
        }
        if (c === '"' || c === "'") {
            let j = i + 1;
            while (j < text.length && text[j] !== c && text[j] !== '\n' && text[j] !== '\r') j += text[j] === '\\' ? 2 : 1;
            // The cursor is inside the string (a string glued to a word is nothing to complete in).
            if (j >= offset) return word === '' ? { kind: 'string', depth, words: [...words] } : { kind: 'nothing' };
            word += text.slice(i, j + 1);
            seenToken = true;
            i = j;
            continue;
        }
        if (BREAKS.has(c)) {
            endWord();
            words = [];
            depth += c === '{' ? 1 : -1;
            seenToken = true;
            continue;
        }
        word += c;
    }
    const prefix = word;
    if (depth === 0) return !seenToken && words.length === 0 ? { kind: 'file-start', prefix } : { kind: 'nothing' };
    if (depth !== 1 && depth !== 2) return { kind: 'nothing' };
    return { kind: 'statement', depth, words, prefix };
}

/** A word being typed that can start a keyword or an identifier (`e-pre`, `PI_EP`), not a number, date or string. */
export function isWordPrefix(prefix: string): boolean {
    return /^[A-Za-z_][\w-]*$/.test(prefix);
}
