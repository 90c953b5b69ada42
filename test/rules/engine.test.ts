/**
 * The engine decides: syntax errors are reasons for a 0 in the one analysis every face reads;
 * `appliesTo` in the rule catalogue is enforced; workspace-level checks come through the port.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueFor } from '../../src/language/data/measures.js';
import { factsFor, SUPPORTED_YEARS } from '../../src/language/data/years.js';
import { emptyModel } from '../../src/language/model/submission.js';
import { RULES, yearsOf } from '../../src/language/rules/catalogue.js';
import { RuleContext } from '../../src/language/rules/context.js';
import { analyse } from '../../src/language/rules/engine.js';
import { applyFix, checkText, withCode, workspace } from '../helpers/check.js';
import { submission } from '../helpers/submissions.js';

const examples = join(__dirname, '..', '..', 'examples');

describe('syntax errors are reasons the category scores 0', () => {
    it('a note without text: the analysis scores 0 with the syntax error as the reason, summarised by score/zero', async () => {
        const text = submission({ year: 2024, extra: 'note' });
        const file = await checkText(text);
        expect(withCode(file, 'submission/syntax').length).toBeGreaterThan(0);
        const score = file.analysis!.score;
        expect(score.zero).toBe(true);
        expect(score.score).toBe(0);
        expect(score.zeroReasons[0]).toMatchObject({ code: 'submission/syntax', message: expect.stringMatching(/^Line \d+, column \d+: /) });
        expect(withCode(file, 'score/zero')).toHaveLength(1);
        // Without the broken line the same file scores.
        const fixed = await checkText(submission({ year: 2024 }));
        expect(fixed.analysis!.score.zero).toBe(false);
        expect(fixed.analysis!.score.score).toBeGreaterThan(0);
    });

    it('a text whose header does not parse scores 0 for its syntax errors', async () => {
        const file = await checkText('');
        expect(file.analysis!.score).toMatchObject({ zero: true, score: 0 });
        expect(file.analysis!.score.zeroReasons.map(r => r.code)).toEqual(['submission/syntax']);
    });

    it('analyse() alone: syntax problems passed in gate the score', () => {
        const a = analyse(emptyModel('pisub'), { skipRules: true, syntaxErrors: [{ message: 'Bad.', span: { offset: 0, end: 1 }, line: 1, column: 1 }] });
        expect(a.score.zeroReasons).toEqual([{ code: 'submission/syntax', message: 'Line 1, column 1: Bad.' }]);
        expect(a.findings.map(f => f.code)).toEqual(['score/zero']);
    });
});

describe('appliesTo is enforced', () => {
    it('a finding of a rule outside its years is dropped and kept aside', () => {
        const rule = RULES.get('attestation/safer-not-yes')!;
        expect(yearsOf(rule)).not.toContain(2023);
        const ctx = new RuleContext(emptyModel('pisub'), 2023, factsFor(2023), catalogueFor(2023));
        ctx.report('attestation/safer-not-yes', { offset: 0, end: 0 }, 'test');
        expect(ctx.findings).toHaveLength(0);
        expect(ctx.outsideYears.map(f => f.code)).toEqual(['attestation/safer-not-yes']);
        const ctx2024 = new RuleContext(emptyModel('pisub'), 2024, factsFor(2024), catalogueFor(2024));
        ctx2024.report('attestation/safer-not-yes', { offset: 0, end: 0 }, 'test');
        expect(ctx2024.findings).toHaveLength(1);
    });

    it('no check reports a rule outside its years: every example, moved to every year', async () => {
        const texts = ['clean', 'problems'].flatMap(dir => readdirSync(join(examples, dir)).filter(f => f.endsWith('.pisub'))
            .map(f => readFileSync(join(examples, dir, f), 'utf8')));
        const files = SUPPORTED_YEARS.flatMap(year => texts.map((t, i) => ({
            path: `y${year}-${i}.pisub`,
            // Each file gets its own name, so they can be checked together.
            text: t.replace(/^(\s*)year \d{4}/m, `$1year ${year}`).replace(/submission ([\w-]+)/, `submission $1-as-${year}-${i}`)
        })));
        const checked = await workspace().check(files);
        let analysed = 0;
        for (const file of checked) {
            expect(file.analysis?.outsideYears, file.path).toEqual([]);
            if (file.analysis?.year !== undefined) analysed++;
        }
        expect(analysed).toBe(files.length);
    });
});

describe('workspace-level checks through the rule context\'s port', () => {
    it('submission/duplicate-name names the other file, on the name', async () => {
        const a = submission({ year: 2024 });
        const name = /submission ([\w-]+)/.exec(a)![1];
        const [first, second] = await workspace().check([{ path: 'a.pisub', text: a }, { path: 'b.pisub', text: a }]);
        for (const [file, other] of [[first, 'b.pisub'], [second, 'a.pisub']] as const) {
            const d = withCode(file, 'submission/duplicate-name');
            expect(d).toHaveLength(1);
            expect(d[0].message).toContain(other);
            expect(file.text.slice(d[0].offset, d[0].end)).toBe(name);
        }
        const [alone] = await workspace().check([{ path: 'a.pisub', text: a }]);
        expect(withCode(alone, 'submission/duplicate-name')).toEqual([]);
    });
});

describe('fixes keep the text intact', () => {
    it('entity/npi-not-allowed removes the whole `npi` clause, whatever the spacing', async () => {
        for (const gap of [' ', '  ', '\t', ' \t ']) {
            const text = submission({ year: 2024, entity: `entity group tin 123456789${gap}npi${gap}1234567893` });
            const file = await checkText(text);
            const [d] = withCode(file, 'entity/npi-not-allowed');
            const fixed = applyFix(text, d.fixes![0].edits);
            expect(fixed).toContain('entity group tin 123456789\n');
            const after = await checkText(fixed);
            expect(withCode(after, 'entity/npi-not-allowed')).toEqual([]);
            expect(withCode(after, 'submission/syntax')).toEqual([]);
        }
    });

    it('year/missing suggests the year its fix inserts', async () => {
        const text = submission({ year: 2024 }).replace(/^\s*year 2024\n/m, '');
        const [d] = withCode(await checkText(text), 'year/missing');
        const inserted = /year (\d{4})/.exec(d.fixes![0].edits[0].text)![1];
        expect(d.message).toContain(`year ${inserted}`);
    });
});
