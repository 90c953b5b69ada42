/**
 * One engine decides: the same file gets the same score and zero reasons from `pisub score`,
 * `pisub report` and the server's `pisub/score` (status bar, code lens, breakdown). The file of the
 * issue: a clean 2024 submission whose only error is a `note` without its text.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreOf } from '../../src/language/lsp/score-request.js';
import { pisub } from '../helpers/cli.js';
import { workspaceWith } from '../helpers/lsp-workspace.js';

const clean = readFileSync(new URL('../e2e/workspace/clean-2024.pisub', import.meta.url), 'utf8');

describe('the same score from every face', () => {
    for (const [name, text] of [['clean', clean], ['a note without text', clean.replace(/\n}\s*$/, '\n    note\n}\n')]] as const) {
        it(name, async () => {
            const dir = mkdtempSync(join(tmpdir(), 'pisub-same-'));
            const file = join(dir, 'a.pisub');
            writeFileSync(file, text);
            const cli = JSON.parse((await pisub(['score', file, '--format', 'json'])).stdout);
            const report = JSON.parse((await pisub(['report', dir, '--format', 'json'])).stdout).rows[0];
            const shared = await workspaceWith({ 'a.pisub': text });
            const lsp = await scoreOf(shared, 'file:///ws/a.pisub');
            expect(lsp).not.toBeNull();
            expect(cli.score).toBe(lsp!.score);
            expect(report.score).toBe(lsp!.score);
            expect(cli.zero).toBe(lsp!.zero);
            expect(report.zero).toBe(lsp!.zero);
            expect(cli.zeroReasons.map((r: { code: string }) => r.code)).toEqual(lsp!.zeroReasons.map(r => r.code));
            expect(report.zeroReasons.map((r: { code: string }) => r.code)).toEqual(lsp!.zeroReasons.map(r => r.code));
            if (name === 'clean') expect(lsp!.score).toBeGreaterThan(0);
            else expect(lsp).toMatchObject({ score: 0, zero: true, zeroReasons: [{ code: 'submission/syntax' }] });
        });
    }
});
