import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pisub } from '../helpers/cli.js';

const LINE = /^(.+):(\d+):(\d+): (error|warning|info) (.+) \[([a-z-]+\/[a-z-]+)\]$/;

describe('pisub check', () => {
    it('checks the bundled examples: exit 1, one line per diagnostic, a summary', async () => {
        const r = await pisub(['check', 'examples/']);
        expect(r.code).toBe(1);
        const lines = r.stdout.trim().split('\n');
        const summary = lines.pop()!;
        expect(summary).toMatch(/^\d+ files checked: \d+ errors, \d+ warnings, \d+ infos$/);
        for (const line of lines) expect(line).toMatch(LINE);
        expect(r.stdout).toContain('examples/problems/2024-safer-guide-no.pisub:14:24: error SAFER Guide must be YES from 2024');
        expect(r.stdout).toMatch(/2024-period-92-days\.pisub:\d+:\d+: error The performance period is 92 days; 2024 requires at least 180 continuous days, so the latest allowed start is July 5, 2024/);
        expect(r.stderr).toBe('');
    });

    it('exits 0 on clean files (infos allowed)', async () => {
        const r = await pisub(['check', 'examples/clean']);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/6 files checked: 0 errors, 0 warnings, \d+ infos/);
    });

    it('warnings pass, but not with --strict', async () => {
        const file = 'examples/problems/2024-small-practice-with-data.pisub';
        expect((await pisub(['check', file])).code).toBe(0);
        expect((await pisub(['check', file, '--strict'])).code).toBe(1);
    });

    it('prints JSON with exactly the documented fields', async () => {
        const r = await pisub(['check', 'examples/problems/2024-period-92-days.pisub', 'examples/clean/harbor-aco-2025.pisub', '--format', 'json']);
        expect(r.code).toBe(1);
        const out = JSON.parse(r.stdout);
        expect(Object.keys(out)).toEqual(['files', 'summary']);
        expect(out.summary).toEqual({ files: 2, errors: 2, warnings: 0, infos: 1 });
        const [first] = out.files;
        expect(first.path).toBe('examples/problems/2024-period-92-days.pisub');
        for (const d of first.diagnostics) {
            expect(Object.keys(d)).toEqual(['code', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']);
        }
        expect(first.diagnostics.map((d: { code: string }) => d.code).sort()).toEqual(['period/too-short', 'score/zero']);
        const tooShort = first.diagnostics.find((d: { code: string }) => d.code === 'period/too-short');
        expect(tooShort).toMatchObject({ line: 9, column: 5, endLine: 9, endColumn: 36 }); // "period 2024-10-01 to 2024-12-31"
    });

    it('prints SARIF 2.1.0 with rules and locations', async () => {
        const r = await pisub(['check', 'examples/problems/2024-safer-guide-no.pisub', '--format=sarif']);
        const sarif = JSON.parse(r.stdout);
        expect(sarif.version).toBe('2.1.0');
        const run = sarif.runs[0];
        expect(run.tool.driver.name).toBe('pisub');
        expect(run.tool.driver.rules.some((x: { id: string }) => x.id === 'attestation/safer-not-yes')).toBe(true);
        const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'attestation/safer-not-yes');
        expect(result.level).toBe('error');
        expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 14, startColumn: 24 });
    });

    it('refuses bad input with a clear message and exit 2, checking the rest', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-cli-'));
        writeFileSync(join(dir, 'notes.txt'), 'hello');
        const r = await pisub(['check', 'examples/clean/harbor-aco-2025.pisub', join(dir, 'missing.pisub'), join(dir, 'notes.txt')]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('missing.pisub: no such file or folder');
        expect(r.stderr).toContain('notes.txt: not a submission file');
        expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
        expect(r.stdout).toContain('1 file checked');
    });

    it('says so when a folder has no submissions', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-empty-'));
        const r = await pisub(['check', dir]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('no .pisub files found');
    });
});

describe('pisub score', () => {
    it('prints the breakdown as text', async () => {
        const r = await pisub(['score', 'examples/clean/riverside-family-medicine-2024.pisub']);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('PI category score: 96 / 100');
        expect(r.stdout).toContain('PI_EP_1');
        expect(r.stdout).toContain('Contribution to the MIPS final score: 24 points (category weight 25%)');
    });

    it('prints JSON with exactly the documented fields', async () => {
        const r = await pisub(['score', 'examples/problems/2024-safer-guide-no.pisub', '--format', 'json']);
        expect(r.code).toBe(0);
        const s = JSON.parse(r.stdout);
        expect(Object.keys(s)).toEqual(['performanceYear', 'score', 'zero', 'zeroReasons', 'measures', 'bonus', 'finalScoreContribution',
            'scoreRange', 'rangeReasons', 'categoryWeight', 'weightReason']);
        expect(s.scoreRange).toEqual({ min: 0, max: 0 });
        expect(s).toMatchObject({ performanceYear: 2024, score: 0, zero: true, bonus: 5, finalScoreContribution: 0 });
        expect(s.zeroReasons).toEqual([{ code: 'attestation/safer-not-yes', message: expect.stringContaining('SAFER Guide must be YES from 2024') }]);
        expect(s.measures[0]).toEqual({ measureId: 'PI_EP_1', points: 9, maxPoints: 10, pointsRange: { min: 9, max: 9 } });
        expect(Number.isInteger(s.score)).toBe(true);
    });

    it('takes exactly one file', async () => {
        expect((await pisub(['score'])).code).toBe(2);
        expect((await pisub(['score', 'examples/clean'])).code).toBe(2);
    });
});

describe('pisub', () => {
    it('--help and --version', async () => {
        const help = await pisub(['--help']);
        expect(help.code).toBe(0);
        expect(help.stdout).toContain('Usage: pisub <command>');
        expect(help.stdout).toMatch(/check\s+check \.pisub/);
        const version = await pisub(['--version']);
        expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
        expect((await pisub(['check', '--help'])).stdout).toContain('--format text|json|sarif');
    });

    it('rejects unknown commands and options with exit 2 and usage', async () => {
        const unknown = await pisub(['frobnicate']);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain('unknown command "frobnicate"');
        const badOption = await pisub(['check', 'examples/', '--colour']);
        expect(badOption.code).toBe(2);
        expect(badOption.stderr).toContain("Unknown option '--colour'");
        const badFormat = await pisub(['check', 'examples/', '--format', 'xml']);
        expect(badFormat.code).toBe(2);
        expect(badFormat.stderr).toContain('--format must be one of text, json, sarif');
        expect((await pisub([])).code).toBe(2);
    });

    it('lists the rules', async () => {
        const r = await pisub(['rules']);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('attestation/safer-not-yes');
    });
});

describe('pisub score on a file with syntax errors', () => {
    it('scores 0 and gives each syntax error as a reason', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-score-'));
        writeFileSync(join(dir, 'empty.pisub'), '');
        const r = await pisub(['score', join(dir, 'empty.pisub'), '--format', 'json']);
        expect(r.code).toBe(0);
        const s = JSON.parse(r.stdout);
        expect(s.zero).toBe(true);
        expect(s.score).toBe(0);
        expect(s.zeroReasons[0]).toMatchObject({ code: 'submission/syntax', message: expect.stringContaining('Line 1, column 1') });
    });
});

describe('pisub rules --changes', () => {
    it('lists what changed from the year before, with confidence and source; rejects a year it does not know', async () => {
        const r = await pisub(['rules', '--changes', '2024']);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^Changes in 2024 from 2023 \(\d+\):/);
        expect(r.stdout).toContain('- Minimum continuous days in the performance period: 90 → 180.');
        expect(r.stdout).toMatch(/SAFER Guide answers that satisfy the measure: yes, no → yes\..*\[H; /);
        const bad = await pisub(['rules', '--changes', '2019']);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain('--changes takes a performance year');
    });
});
