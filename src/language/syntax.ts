/**
 * The language's words, read from the generated grammar (generated/grammar.ts, from pisub.langium),
 * so the formatter, the .pisub writer, the parser messages and completion never keep their own
 * lists: a statement added to the grammar is known to all of them.
 */
import { GrammarAST, type Grammar } from 'langium';
import { PisubGrammar } from './generated/grammar.js';

const grammar: Grammar = PisubGrammar();

function rule(name: string): GrammarAST.ParserRule {
    const r = grammar.rules.find(x => x.name === name);
    if (!r || !GrammarAST.isParserRule(r)) throw new Error(`grammar has no parser rule ${name}`);
    return r;
}

/** The keywords an element can start with. */
function firstKeywords(element: GrammarAST.AbstractElement | undefined, seen = new Set<GrammarAST.AbstractRule>()): string[] {
    if (!element) return [];
    if (GrammarAST.isKeyword(element)) return [element.value];
    if (GrammarAST.isAlternatives(element)) return element.elements.flatMap(e => firstKeywords(e, seen));
    if (GrammarAST.isGroup(element)) return firstKeywords(element.elements[0], seen);
    if (GrammarAST.isAssignment(element)) return firstKeywords(element.terminal, seen);
    if (GrammarAST.isRuleCall(element)) {
        const target = element.rule.ref;
        if (!target || seen.has(target) || !GrammarAST.isParserRule(target)) return [];
        return firstKeywords(target.definition, new Set([...seen, target]));
    }
    return [];
}

/** Every keyword of a rule (its own and those of the rules it calls). */
function keywordsOf(name: string): string[] {
    const out = new Set<string>();
    const visit = (e: GrammarAST.AbstractElement | undefined, seen: Set<GrammarAST.AbstractRule>): void => {
        if (!e) return;
        if (GrammarAST.isKeyword(e)) out.add(e.value);
        else if (GrammarAST.isAlternatives(e) || GrammarAST.isGroup(e) || GrammarAST.isUnorderedGroup(e)) e.elements.forEach(x => visit(x, seen));
        else if (GrammarAST.isAssignment(e)) visit(e.terminal, seen);
        else if (GrammarAST.isRuleCall(e)) {
            const target = e.rule.ref;
            if (target && GrammarAST.isParserRule(target) && !seen.has(target)) { seen.add(target); visit(target.definition, seen); }
        }
    };
    const r = rule(name);
    visit(r.definition, new Set([r]));
    return [...out];
}

const isWord = (k: string) => /^[a-z]/.test(k);

/** Keywords that start a statement inside `submission { }` and `clinician { }` (year, practice, …, measure, attest, public-health, note). */
export const STATEMENT_KEYWORDS: readonly string[] = firstKeywords(rule('Statement').definition);

/** The synonyms that start a measure statement: `measure`, `attest`, `public-health`. */
export const MEASURE_KEYWORDS: readonly string[] = firstKeywords(rule('MeasureStatement').definition);

/** The keyword that opens a file: `submission <name> {`. */
export const SUBMISSION_KEYWORD: string = firstKeywords(rule('Submission').definition)[0];

/** Every word the lexer reads as a keyword (a value spelled like one must be quoted). */
export const KEYWORDS: ReadonlySet<string> = new Set(keywordsOf('Submission').filter(isWord));

/** The keyword alternatives of a data-type rule (EntityKind, ReportingOption, SpecialStatus, EngagementLevel). */
export function keywordAlternatives(ruleName: string): string[] {
    return keywordsOf(ruleName);
}
