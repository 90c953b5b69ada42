/**
 * The TextMate grammar (syntaxes/pisub.tmLanguage.json): it is what scripts/gen-textmate.mjs
 * generates from the Langium grammar, and its patterns colour sample lines as intended. vscode-textmate
 * is not installed, so a small tokenizer below applies the patterns the way TextMate does (earliest
 * match wins, ties go to the first pattern; begin/end rules span lines).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { GRAMMAR_PATH, OUTPUT_PATH, generateTextMate, keywordGroups } from '../../scripts/gen-textmate.mjs';

interface Rule {
    name?: string; match?: string; begin?: string; end?: string; include?: string;
    captures?: Record<string, { name: string }>; patterns?: Rule[];
}
interface Grammar { patterns: Rule[]; repository: Record<string, Rule> }

const committed = readFileSync(OUTPUT_PATH, 'utf8');
const grammar = JSON.parse(committed) as Grammar;

function leaves(rules: readonly Rule[]): Rule[] {
    return rules.flatMap(r => r.include ? leaves([grammar.repository[r.include.slice(1)]]) : r.match || r.begin ? [r] : leaves(r.patterns ?? []));
}
const TOP = leaves(grammar.patterns);

type Token = [text: string, scope: string];

/** Tokenizes lines; returns the scoped tokens (unscoped whitespace is dropped). */
function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    let open: Rule | undefined; // a begin/end rule still open at the end of the previous line
    for (const line of text.split('\n')) {
        let pos = 0;
        while (pos <= line.length) {
            const candidates = open ? [{ ...open, match: open.end, end: undefined, begin: undefined, closes: true }, ...leaves(open.patterns ?? [])] : TOP;
            let best: { rule: Rule & { closes?: boolean }; m: RegExpExecArray } | undefined;
            for (const rule of candidates) {
                const re = new RegExp((rule.match ?? rule.begin)!, 'gd');
                re.lastIndex = pos;
                const m = re.exec(line);
                if (m && (!best || m.index < best.m.index)) best = { rule, m };
            }
            if (!best) {
                if (open && line.length > pos) tokens.push([line.slice(pos), open.name!]);
                break;
            }
            const { rule, m } = best;
            if (open && m.index > pos) tokens.push([line.slice(pos, m.index), open.name!]);
            else if (!open && line.slice(pos, m.index).trim()) tokens.push([line.slice(pos, m.index).trim(), '']);
            if ('closes' in rule && rule.closes) {
                if (m[0]) tokens.push([m[0], open!.name!]);
                open = undefined;
            } else if (rule.begin) {
                open = rule;
                tokens.push([m[0], rule.name!]);
            } else if (rule.captures) {
                for (const [group, { name }] of Object.entries(rule.captures)) {
                    const span = m.indices![Number(group)];
                    if (span) tokens.push([line.slice(span[0], span[1]), name]);
                }
            } else {
                tokens.push([m[0], rule.name ?? open?.name ?? '']);
            }
            pos = m.index + Math.max(m[0].length, 1);
            if (m[0].length === 0 && !open) break;
        }
    }
    return tokens.filter(([t]) => t.trim() !== '');
}

const scopeOf = (tokens: Token[], text: string) => tokens.find(([t]) => t === text)?.[1];

describe('syntaxes/pisub.tmLanguage.json', () => {
    test('is up to date with the Langium grammar (run `node scripts/gen-textmate.mjs` if not)', () => {
        expect(committed).toBe(generateTextMate(readFileSync(GRAMMAR_PATH, 'utf8')));
    });

    test('every keyword of the grammar has a scope of its own', () => {
        const { statement, constants, detail } = keywordGroups(readFileSync(GRAMMAR_PATH, 'utf8'));
        const all = [...statement, ...detail, ...[...constants.values()].flat(), 'yes', 'no'];
        expect(all).toContain('public-health');
        expect(all).toContain('pre-production');
        for (const word of all) {
            const [token] = tokenize(word);
            expect(token, word).toBeDefined();
            expect(token[0], word).toBe(word);
            expect(token[1], word).toMatch(/^(keyword|constant)\..*\.pisub$/);
        }
    });

    test('submission header and statements', () => {
        const t = tokenize('submission riverside-2024 {');
        expect(t).toEqual([
            ['submission', 'keyword.other.statement.pisub'],
            ['riverside-2024', 'entity.name.type.submission.pisub'],
            ['{', 'punctuation.section.block.begin.pisub']
        ]);
        const entity = tokenize('    entity group tin 123456789');
        expect(entity).toEqual([
            ['entity', 'keyword.other.statement.pisub'],
            ['group', 'constant.language.entity-kind.pisub'],
            ['tin', 'keyword.other.detail.pisub'],
            ['123456789', 'constant.numeric.pisub']
        ]);
        expect(scopeOf(tokenize('cehrt 0015C8AB2CD3EF4'), '0015C8AB2CD3EF4')).toBe('constant.other.identifier.pisub');
        expect(scopeOf(tokenize('prior-year riverside-2023'), 'riverside-2023')).toBe('entity.name.type.submission.pisub');
    });

    test('measures: friendly names, official ids, ratios, answers, dates, engagement levels', () => {
        expect(tokenize('    attest safer-guide no completed 2024-02-02 // checked by JS')).toEqual([
            ['attest', 'keyword.other.statement.pisub'],
            ['safer-guide', 'variable.other.measure.pisub'],
            ['no', 'constant.language.answer.pisub'],
            ['completed', 'keyword.other.detail.pisub'],
            ['2024-02-02', 'constant.other.date.pisub'],
            ['// checked by JS', 'comment.line.double-slash.pisub']
        ]);
        expect(tokenize('measure PI_EP_1 4120 / 4630')).toEqual([
            ['measure', 'keyword.other.statement.pisub'],
            ['PI_EP_1', 'support.constant.measure-id.pisub'],
            ['4120', 'constant.numeric.pisub'],
            ['/', 'keyword.operator.ratio.pisub'],
            ['4630', 'constant.numeric.pisub']
        ]);
        const ph = tokenize('public-health immunization-registry yes engagement pre-production');
        expect(scopeOf(ph, 'public-health')).toBe('keyword.other.statement.pisub');
        expect(scopeOf(ph, 'immunization-registry')).toBe('variable.other.measure.pisub');
        expect(scopeOf(ph, 'pre-production')).toBe('constant.language.engagement-level.pisub');
        expect(ph.map(([t]) => t)).not.toContain('production');
        // A hyphenated name is one word: no keyword inside it.
        expect(tokenize('measure group-visits yes')[1]).toEqual(['group-visits', 'variable.other.measure.pisub']);
        expect(scopeOf(tokenize('measure PI_HIE_1 excluded PI_LVOTC_1'), 'PI_LVOTC_1')).toBe('support.constant.measure-id.pisub');
    });

    test('comments and strings', () => {
        expect(tokenize('# a hash comment with yes and 2024-01-01')).toEqual([['# a hash comment with yes and 2024-01-01', 'comment.line.number-sign.pisub']]);
        const block = tokenize('/* a block\n   comment yes */ year 2024');
        expect(block.slice(0, 3).every(([, s]) => s === 'comment.block.pisub')).toBe(true);
        expect(block.slice(-2)).toEqual([['year', 'keyword.other.statement.pisub'], ['2024', 'constant.numeric.pisub']]);
        const s = tokenize('practice "Riverside \\"North\\" # 2 // yes"');
        expect(s[0]).toEqual(['practice', 'keyword.other.statement.pisub']);
        expect(s.slice(1).every(([, scope]) => scope.startsWith('string.quoted.double') || scope === 'constant.character.escape.pisub')).toBe(true);
        expect(s.map(([, scope]) => scope)).not.toContain('comment.line.number-sign.pisub');
    });

    test('template placeholders stand out, also inside quotes', () => {
        expect(scopeOf(tokenize('entity group tin <TIN, 9 digits>'), '<TIN, 9 digits>')).toBe('invalid.illegal.placeholder.pisub');
        expect(scopeOf(tokenize('measure e-prescribing <numerator> / <denominator>'), '<denominator>')).toBe('invalid.illegal.placeholder.pisub');
        expect(scopeOf(tokenize('practice "<practice name>"'), '<practice name>')).toBe('invalid.illegal.placeholder.pisub');
    });
});
