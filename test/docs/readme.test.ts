/** The README's example and its output are real: the console blocks are what the CLI prints. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pisub, ROOT } from '../helpers/cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const example = /```pisub\n([\s\S]*?)```/.exec(readme)![1];
const consoles = [...readme.matchAll(/```console\n\$ pisub ([^\n]*)\n([\s\S]*?)```/g)].map(m => ({ args: m[1], output: m[2] }));

describe('README', () => {
    it('starts with the install-and-check command and the test command', async () => {
        const first = /```sh\n([\s\S]*?)```/.exec(readme)![1];
        expect(first).toContain('npm ci && npm run build && node bin/pisub.cjs check examples/');
        expect(first).toContain('npm test');
    });

    it('shows the real output of `pisub check` on its example', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-readme-'));
        writeFileSync(join(dir, 'riverside-2024.pisub'), example);
        const check = consoles.find(c => c.args.startsWith('check'))!;
        expect((await pisub(check.args.split(' '), { cwd: dir })).stdout).toBe(check.output);
    });

    it('shows the real output of `pisub score` on the fixed example', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-readme-'));
        const fixed = example.replace('period 2024-10-01 to 2024-12-31', 'period 2024-01-01 to 2024-12-31').replace('attest safer-guide no', 'attest safer-guide yes');
        writeFileSync(join(dir, 'riverside-2024.pisub'), fixed);
        const score = consoles.find(c => c.args.startsWith('score'))!;
        expect((await pisub(score.args.split(' '), { cwd: dir })).stdout).toBe(score.output);
    });

    it('shows the real output of the audit flow (check, audit, report) on examples/audit', async () => {
        const flow = consoles.filter(c => c.args.includes('examples/audit'));
        expect(flow.map(c => c.args.split(' ')[0])).toEqual(['check', 'audit', 'report']);
        // A copy of the examples: the binder is written next to them, never into the repository.
        const dir = mkdtempSync(join(tmpdir(), 'pisub-readme-audit-'));
        cpSync(join(ROOT, 'examples', 'audit'), join(dir, 'examples', 'audit'), { recursive: true });
        for (const c of flow) expect((await pisub(c.args.split(' '), { cwd: dir })).stdout, c.args).toBe(c.output);
    });
});
