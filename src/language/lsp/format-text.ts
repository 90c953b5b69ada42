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
            line: Number.isFinite(e.token.startLine) ? e.token.startLine! : lastLine(text),
            column: Number.isFinite(e.token.startColumn) ? e.token.startColumn! : 1,
            message: e.message
        }))
    ];
    if (errors.length > 0) return { ok: false, errors };
    const lexed = services.parser.Lexer.tokenize(text);
    const formatted = layout(text, lexed.tokens, lexed.hidden);
    return { ok: true, text: formatted, changed: formatted !== text };
}

function lastLine(text: string): number {
    return text.split('\n').length;
}

function layout(text: string, tokens: readonly IToken[], hidden: readonly IToken[]): string {
    const all = [...tokens, ...hidden].sort((a, b) => a.startOffset - b.startOffset);
    const eol = /\r\n/.test(text) ? '\r\n' : '\n';
    const lines: string[] = [];
    let current: string[] = [];
    let depth = 0;
    let prevEnd = 0;
    let glue = false; // the previous token was a sign: the number follows without a space

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
        const newlines = gap.split('\n').length - 1;
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
            const comment = type === 'ML_COMMENT' ? image.replace(/\r\n/g, '\n').split('\n').join(eol) : image.trimEnd();
            if (trailing && / {2,}$/.test(gap) && !gap.includes('\t')) {
                // Keep the author's spacing before a trailing comment, so aligned comments stay aligned.
                current.push(gap + comment);
            } else {
                push(comment);
            }
            if (type === 'SL_COMMENT' || image.includes('\n')) flush();
            continue;
        }
        if (image === '}') {
            flush();
            while (lines.at(-1) === '') lines.pop();
            depth = Math.max(0, depth - 1);
            lines.push(INDENT.repeat(depth) + '}');
            continue;
        }
        if ((STATEMENT_KEYWORDS.has(image) && depth > 0) || image === SUBMISSION_KEYWORD) {
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
