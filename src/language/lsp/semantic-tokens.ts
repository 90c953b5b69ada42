/**
 * Semantic tokens, from the parse tree's leaves:
 * - `keyword`: statement and detail keywords (`measure`, `period`, `to`, `completed`, `tin`, ...)
 * - `variable` + `readonly`: measure names and ids, exclusion ids
 * - `enumMember`: `yes`, `no`, `excluded`, engagement levels, entity kinds, reporting options, special statuses
 * - `number`: counts and the year; `number` + `readonly`: dates
 * - `string`: quoted texts; `namespace`: the submission's name and the prior year's
 */
import { AstUtils, CstUtils, GrammarAST, type AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { ENGAGEMENT_LEVELS, ENTITY_KINDS, REPORTING_OPTIONS, SPECIAL_STATUSES } from '../model/submission.js';

const VALUE_KEYWORDS = new Set<string>(['yes', 'no', 'excluded', 'no-cehrt-data', ...ENGAGEMENT_LEVELS, ...ENTITY_KINDS, ...REPORTING_OPTIONS, ...SPECIAL_STATUSES]);
const PUNCTUATION = new Set(['{', '}', '/', '-']);

export class PisubSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const cst = node.$cstNode;
        if (!cst) return;
        for (const leaf of CstUtils.flattenCst(cst)) {
            if (leaf.hidden || leaf.astNode !== node) continue;
            const source = leaf.grammarSource;
            if (GrammarAST.isKeyword(source)) {
                if (PUNCTUATION.has(source.value)) continue;
                acceptor({ cst: leaf, type: VALUE_KEYWORDS.has(source.value) ? SemanticTokenTypes.enumMember : SemanticTokenTypes.keyword });
                continue;
            }
            const feature = source ? AstUtils.getContainerOfType(source, GrammarAST.isAssignment)?.feature : undefined;
            const token = leaf.tokenType.name;
            if (feature === 'measure' || feature === 'exclusion') {
                acceptor({ cst: leaf, type: SemanticTokenTypes.variable, modifier: SemanticTokenModifiers.readonly });
            } else if ((feature === 'name' && node.$type === 'Submission') || feature === 'submission') {
                acceptor({ cst: leaf, type: SemanticTokenTypes.namespace });
            } else if (token === 'DATE') {
                acceptor({ cst: leaf, type: SemanticTokenTypes.number, modifier: SemanticTokenModifiers.readonly });
            } else if (token === 'NUMBER') {
                acceptor({ cst: leaf, type: SemanticTokenTypes.number });
            } else if (token === 'STRING') {
                acceptor({ cst: leaf, type: SemanticTokenTypes.string });
            }
        }
    }
}
