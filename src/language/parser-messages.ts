/**
 * Syntax error messages a consultant can read: "Expected a number (the denominator) but found
 * `entity`." instead of chevrotain's token-type wording, and one readable line instead of the
 * multi-line "one of these possible Token sequences" lists; and for characters outside the language,
 * which character and (for a template's `<placeholder>`) what to do. Registered in pisub-module.ts
 * as the parser's ParserErrorMessageProvider and LexerErrorMessageProvider.
 */
import type { IToken, TokenType } from 'chevrotain';
import { DefaultLexerErrorMessageProvider, LangiumParserErrorMessageProvider } from 'langium';
import { STATEMENT_KEYWORDS } from './syntax.js';

/** What each terminal is, in words. */
const TERMINALS: Record<string, string> = {
    NUMBER: 'a number',
    DATE: 'a date YYYY-MM-DD',
    ID: 'a name',
    ALNUM: 'an identifier',
    STRING: 'a quoted text',
    EOF: 'the end of the file'
};


function keywordOf(type: TokenType): string | undefined {
    if (TERMINALS[type.name] !== undefined) return undefined;
    const name = type.name.endsWith(':KW') ? type.name.slice(0, -3) : type.name;
    return typeof type.PATTERN === 'string' ? type.PATTERN : name;
}

function describe(type: TokenType): string {
    const keyword = keywordOf(type);
    return keyword !== undefined ? `\`${keyword}\`` : TERMINALS[type.name] ?? type.name;
}

function found(token: IToken | undefined): string {
    if (!token || token.tokenType?.name === 'EOF' || token.image === '') return 'the end of the file';
    const image = token.image.length > 40 ? token.image.slice(0, 37) + '…' : token.image;
    return `\`${image}\``;
}

/** What the expected token is for, from the rule being parsed and the token before it. */
function role(ruleName: string, expected: TokenType, previous: IToken | undefined): string | undefined {
    const prev = previous?.image;
    switch (plain(ruleName)) {
        case 'Submission': return expected.name === 'ID' ? 'the submission\'s name, e.g. riverside-2024' : undefined;
        case 'YearStatement': return 'the performance year, e.g. 2024';
        case 'PracticeStatement': return 'the practice\'s name in quotes';
        case 'PeriodStatement': return prev === 'to' ? 'the last day of the period' : prev === 'period' ? 'the first day of the period' : undefined;
        case 'CompletedDetail': return 'the date it was completed';
        case 'DateValue': return prev === 'to' ? 'the last day of the period' : prev === 'period' ? 'the first day of the period' : prev === 'completed' ? 'the date it was completed' : undefined;
        case 'MeasureStatement': return expected.name === 'ID' ? 'the measure\'s name or official id, e.g. e-prescribing or PI_EP_1' : undefined;
        case 'RatioValue':
        case 'Count': return prev === '/' ? 'the denominator' : 'the numerator';
        case 'NoteStatement': return 'the note in quotes';
        case 'PriorYearStatement': return 'the name of the prior year\'s submission';
        default: return undefined;
    }
}

/** Langium's rule names carry an invisible suffix: keep the name. */
function plain(ruleName: string): string {
    return ruleName.replace(/[^\w-]/g, '');
}

/** The distinct first tokens of a list of alternative paths, described in words. */
function firstTokens(paths: readonly (readonly TokenType[])[]): string[] {
    const seen = new Set<string>();
    // A template's <placeholder> is accepted wherever a value goes, but it is never what to write.
    for (const path of paths) if (path[0] && path[0].name !== 'PLACEHOLDER') seen.add(describe(path[0]));
    // A count may start with a sign; "a number" says enough.
    if (seen.has('a number')) seen.delete('`-`');
    return [...seen];
}

function listOf(items: readonly string[]): string {
    const statements = STATEMENT_KEYWORDS.map(k => `\`${k}\``);
    if (statements.every(s => items.includes(s))) {
        const rest = items.filter(i => !statements.includes(i));
        return ['a statement (`year`, `entity`, `measure`, `attest`, …)', ...rest].join(' or ');
    }
    if (items.length <= 1) return items[0] ?? 'something else';
    return `one of ${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

export class PisubParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        const what = role(options.ruleName, options.expected, options.previous);
        return `Expected ${describe(options.expected)}${what ? ` (${what})` : ''} but found ${found(options.actual)}.`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return `Expected the end of the file after the submission's closing \`}\` but found ${found(options.firstRedundant)}. A file holds one submission.`;
    }

    override buildNoViableAltMessage(options: {
        expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription: string; ruleName: string;
    }): string {
        const items = firstTokens(options.expectedPathsPerAlt.flat());
        if (['MeasureValue', 'MeasureStatement'].includes(plain(options.ruleName)) && items.includes('`yes`')) {
            return `Expected the measure's value (numerator / denominator, \`yes\`, \`no\` or \`excluded\`) but found ${found(options.actual[0])}.`;
        }
        // A value that may also be a template placeholder (Count, DateValue): one expected token, said with its role.
        const single = options.expectedPathsPerAlt.flat().map(p => p[0]).find(t => t && t.name !== 'PLACEHOLDER' && t.name !== 'MINUS' && keywordOf(t) !== '-');
        const what = items.length === 1 && single ? role(options.ruleName, single, options.previous) : undefined;
        if (what) return `Expected ${items[0]} (${what}) but found ${found(options.actual[0])}.`;
        return `Expected ${listOf(items)}${this.context(options.ruleName)} but found ${found(options.actual[0])}.`;
    }

    override buildEarlyExitMessage(options: {
        expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription: string; ruleName: string;
    }): string {
        const items = firstTokens(options.expectedIterationPaths);
        return `Expected at least one ${listOf(items)}${this.context(options.ruleName)} but found ${found(options.actual[0])}.`;
    }

    private context(ruleName: string): string {
        switch (plain(ruleName)) {
            case 'EntityStatement':
            case 'EntityKind': return ' (the entity kind)';
            case 'ReportingStatement':
            case 'ReportingOption': return ' (the reporting option)';
            case 'EngagementDetail':
            case 'EngagementLevel': return ' (the engagement level)';
            case 'StatusStatement':
            case 'SpecialStatus': return ' (the special status)';
            case 'Token':
            case 'EntityIdentifier': return ' (an identifier)';
            default: return '';
        }
    }
}

/**
 * Characters the language does not use. A whole template placeholder `<...>` is a token (the rules
 * report it, submission/placeholder); a `<` or `>` left of a placeholder half-edited is named as such.
 */
export class PisubLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const c = fullText[startOffset];
        if (c === '<' || c === '>') {
            return `Unexpected \`${c}\`: a placeholder of the new-submission template is written \`<like this>\` on one line. Replace the whole placeholder, with its angle brackets, by the value.`;
        }
        const chars = fullText.slice(startOffset, startOffset + length);
        const shown = chars.length > 20 ? chars.slice(0, 17) + '…' : chars;
        const quote = /[“”‘’]/.test(chars) ? ' Typographic quotes are not quotes here: write "straight" quotes.' : '';
        return `Unexpected character${length > 1 ? 's' : ''} \`${shown}\`: not part of the .pisub language.${quote} Comments start with // or #.`;
    }
}
