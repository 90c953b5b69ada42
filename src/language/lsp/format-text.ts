/**
 * The canonical layout of a `.pisub` file, shared by the editor formatter and `pisub format`:
 * one statement per line, 4-space indentation inside `submission { }` and `clinician { }` blocks,
 * single spaces between tokens (`a / b`), comments kept where they are (a comment at the end of a
 * statement stays on its line, with the spaces before it, so aligned comments stay aligned), blank
 * lines between groups kept but collapsed to one, none right after `{` or before `}`, one newline at
 * the end. Idempotent. Works from the language's own lexer
 * tokens, so it never changes a token's text; files with syntax errors are not formatted.
 */
import type { IToken } from 'chevrotain';
import type { LangiumCoreServices } from 'langium';
import { STATEMENT_KEYWORDS as STATEMENT_KEYWORDS_LIST, SUBMISSION_KEYWORD } from '../syntax.js';

/** Keywords that start a statement (inside `submission { }` or `clinician { }`), from the grammar. */
const STATEMENT_KEYWORDS = new Set(STATEMENT_KEYWORDS_LIST);

export const INDENT = '    ';

export type FormatResult =
    | { readonly ok: true; readonly text: string; readonly changed: boolean }
    | { readonly ok: false; readonly errors: readonly { readonly line: number; readonly column: number; readonly message: string }[] };

/** Formats `text`, or returns its syntax errors (1-based line and column) when it does not parse. */
export function formatPisubText(services: LangiumCoreServices, text: string): FormatResult {
    const parsed = services.parser.LangiumParser.parse(text);
    const errors = [
        ...parsed.lexerErrors.map(e => ({ line: e.line ?? 1, column: e.column ?? 1, message: e.message })),
        ...parsed.parserErrors.map(e => ({
            // The end-of-file token has no position (NaN, or -1): report the last line.
            line: e.token.startLine! >= 1 ? e.token.startLine! : lastLine(text),
            column: e.token.startLine! >= 1 && e.token.startColumn! >= 1 ? e.token.startColumn! : 1,
            message: e.message
        }))
    ];
    if (errors.length > 0) return { ok: false, errors };
    const lexed = services.parser.Lexer.tokenize(text);
    const formatted = layout(text, lexed.tokens, lexed.hidden);
    return { ok: true, text: formatted, changed: formatted !== text };
}

/**
 * Whether `formatted` holds exactly the tokens of `original`, in order, and the same comments
 * (up to trailing spaces and line ends): what `pisub format` verifies before it writes a file.
 */
export function keepsEveryToken(services: LangiumCoreServices, original: string, formatted: string): boolean {
    const shape = (text: string) => {
        const lexed = services.parser.Lexer.tokenize(text);
        if (lexed.errors.length > 0) return undefined;
        const comments = lexed.hidden.filter(t => t.tokenType.name.endsWith('COMMENT')).map(t => t.image.split(LINE_BREAK).map(l => l.trimEnd()).join('\n'));
        return JSON.stringify([lexed.tokens.map(t => t.image), comments]);
    };
    const before = shape(original);
    return before !== undefined && before === shape(formatted) && services.parser.LangiumParser.parse(formatted).parserErrors.length === 0;
}

function lastLine(text: string): number {
    return text.split(LINE_BREAK).length;
}

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * The file's line-end convention: the most frequent of CRLF, LF and CR alone (the first one seen on
 * a tie); LF for a text without line breaks. The formatted text uses it for every line.
 */
export function lineEnding(text: string): '\n' | '\r\n' | '\r' {
    const counts = new Map<string, number>();
    let first: string | undefined;
    for (const m of text.matchAll(/\r\n|\r|\n/g)) {
        first ??= m[0];
        counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    }
    if (!first) return '\n';
    let best = first;
    for (const [eol, n] of counts) if (n > counts.get(best)!) best = eol;
    return best as '\n' | '\r\n' | '\r';
}

function layout(text: string, tokens: readonly IToken[], hidden: readonly IToken[]): string {
    const all = [...tokens, ...hidden].sort((a, b) => a.startOffset - b.startOffset);
    const eol = lineEnding(text);
    const lines: string[] = [];
    let current: string[] = [];
    let depth = 0;
    let prevEnd = 0;
    let glue = false; // the previous token was a sign: the number follows without a space
    let previous = ''; // the previous token's text (`evidence cehrt "…"`: `cehrt` is a target there, not a statement)

    const flush = () => {
        if (current.length > 0) lines.push(INDENT.repeat(depth) + current.join(''));
        current = [];
    };
    const blankLineAllowed = () => lines.length > 0 && lines.at(-1) !== '' && !lines.at(-1)!.endsWith('{');
    const push = (image: string) => {
        current.push(current.length === 0 || glue ? image : ' ' + image);
        glue = false;
    };

    for (const token of all) {
        const gap = text.slice(prevEnd, token.startOffset);
        const newlines = gap.split(LINE_BREAK).length - 1;
        const blankBefore = newlines >= 2;
        const image = token.image;
        const type = token.tokenType.name;
        prevEnd = token.endOffset! + 1;

        if (type === 'SL_COMMENT' || type === 'ML_COMMENT') {
            const trailing = newlines === 0 && current.length > 0;
            if (newlines === 0 && current.length === 0 && lines.length > 0) {
                // After `{` or `}` on the same line: stays there.
                lines[lines.length - 1] += ' ' + image.trimEnd();
                continue;
            }
            if (!trailing) {
                flush();
                if (blankBefore && blankLineAllowed()) lines.push('');
            }
            const comment = type === 'ML_COMMENT' ? image.split(LINE_BREAK).join(eol) : image.trimEnd();
            if (trailing && / {2,}$/.test(gap) && !gap.includes('\t')) {
                // Keep the author's spacing before a trailing comment, so aligned comments stay aligned.
                current.push(gap + comment);
            } else {
                push(comment);
            }
            if (type === 'SL_COMMENT' || LINE_BREAK.test(image)) flush();
            continue;
        }
        if (image === '}') {
            flush();
            while (lines.at(-1) === '') lines.pop();
            depth = Math.max(0, depth - 1);
            lines.push(INDENT.repeat(depth) + '}');
            continue;
        }
        const afterEvidence = previous === 'evidence';
        previous = image;
        if ((STATEMENT_KEYWORDS.has(image) && depth > 0 && !afterEvidence) || image === SUBMISSION_KEYWORD) {
            flush();
            if (blankBefore && blankLineAllowed()) lines.push('');
        }
        if (image === '%' && current.length > 0) {
            // A percentage (`weight 30%`): the sign follows its number without a space.
            current[current.length - 1] += image;
            continue;
        }
        push(image);
        if (image === '-') glue = true;
        if (image === '{') {
            flush();
            depth++;
        }
    }
    flush();
    while (lines.at(-1) === '') lines.pop();
    return lines.length > 0 ? lines.join(eol) + eol : '';
}
