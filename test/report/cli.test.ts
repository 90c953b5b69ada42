/**
 * `pisub report` and the progress of `pisub check`/`pisub report`, through the built CLI
 * (out/cli/main.cjs, made by `npm run build`), as a consultant runs them.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTFOLIO_FILES } from './fixtures.js';
import { run } from '../helpers/cli.js';

const CLI = join(process.cwd(), 'bin/pisub.cjs');
const built = existsSync(join(process.cwd(), 'out/cli/main.cjs'));
let dir: string;

function pisub(...args: string[]) {
    return run(process.execPath, [CLI, ...args], { cwd: dir });
}

beforeAll(() => {
    if (!built) throw new Error('out/cli/main.cjs is missing: run `npm run build` first (npm test does)');
    dir = mkdtempSync(join(tmpdir(), 'pisub-report-'));
    for (const [path, text] of Object.entries(PORTFOLIO_FILES)) {
        mkdirSync(join(dir, 'practices', path, '..'), { recursive: true });
        writeFileSync(join(dir, 'practices', path), text);
    }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pisub report', () => {
    it('prints a table, worst first, and exits 0 whatever the scores', async () => {
        const r = await pisub('report', 'practices');
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const lines = r.stdout.split('\n');
        expect(lines[0]).toMatch(/^#\s+practice/);
        expect(lines[2]).toMatch(/^1\s+Cedar Health/);
        expect(lines[4]).toMatch(/^3\s+Oakwood <Clinic> & Sons .* 0 ZERO\s+attestation\/safer-not-yes/);
        expect(r.stdout).toMatch(/6 submissions: 3 scoring 0/);
    });

    it('prints json and csv', async () => {
        const json = JSON.parse((await pisub('report', 'practices', '--format', 'json')).stdout);
        expect(json.rows.map((row: { path: string }) => row.path.replace(/\\/g, '/'))).toEqual([
            'practices/old/cedar-2019.pisub', 'practices/broken/typo.pisub', 'practices/zero/oakwood-2024.pisub',
            'practices/low/birch-2023.pisub', 'practices/clean/riverside-2024.pisub', 'practices/reweighted/elm-2024.pisub'
        ]);
        const csv = (await pisub('report', 'practices', '--format', 'csv')).stdout.split('\r\n');
        expect(csv[0]).toMatch(/^rank,practice,/);
        expect(csv.length).toBe(8);
    });

    it('writes -o atomically, never over an existing file without --force', async () => {
        const first = await pisub('report', 'practices', '--format', 'html', '-o', 'portfolio.html');
        expect(first.code).toBe(0);
        expect(first.stdout).toBe('');
        expect(first.stderr).toBe('pisub report: wrote 6 submissions to portfolio.html\n');
        const html = readFileSync(join(dir, 'portfolio.html'), 'utf8');
        expect(html).toMatch(/^<!DOCTYPE html>/);
        expect(html).toContain('Oakwood &lt;Clinic&gt; &amp; Sons');

        writeFileSync(join(dir, 'portfolio.html'), 'my notes');
        const again = await pisub('report', 'practices', '-o', 'portfolio.html');
        expect(again.code).toBe(2);
        expect(again.stderr).toContain('portfolio.html already exists; use --force to overwrite it');
        expect(readFileSync(join(dir, 'portfolio.html'), 'utf8')).toBe('my notes');

        const forced = await pisub('report', 'practices', '-o', 'portfolio.html', '--force');
        expect(forced.code).toBe(0);
        expect(readFileSync(join(dir, 'portfolio.html'), 'utf8')).toMatch(/^#\s+practice/);
        // No temporary files left behind.
        expect(readdirSync(dir).filter(n => n.endsWith('.tmp'))).toEqual([]);
    });

    it('refuses bad usage clearly, without a stack trace', async () => {
        const format = await pisub('report', 'practices', '--format', 'pdf');
        expect(format.code).toBe(2);
        expect(format.stderr).toContain('--format must be one of table, csv, json, html (got "pdf")');
        const none = await pisub('report');
        expect(none.code).toBe(2);
        expect(none.stderr).toContain('needs at least one folder or file');
        const folder = await pisub('report', 'practices', '-o', 'no-such-folder/out.html');
        expect(folder.code).toBe(2);
        expect(folder.stderr).toContain('does not exist');
        for (const r of [format, none, folder]) expect(r.stderr).not.toMatch(/\n\s+at /);
    });

    it('reports the readable files and names the unreadable ones (exit 2)', async () => {
        mkdirSync(join(dir, 'mixed'), { recursive: true });
        writeFileSync(join(dir, 'mixed', 'ok.pisub'), PORTFOLIO_FILES['clean/riverside-2024.pisub']);
        writeFileSync(join(dir, 'mixed', 'bad.pisub'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
        const r = await pisub('report', 'mixed', '--format', 'json');
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/bad\.pisub: not a text file/);
        const json = JSON.parse(r.stdout);
        expect(json.rows.length).toBe(1);
        expect(json.unreadable[0].path).toMatch(/bad\.pisub$/);
    });
});

describe('pisub report with QPP JSON', () => {
    it('reports *.qpp.json files too; one that does not parse is a zero row with its syntax errors', async () => {
        mkdirSync(join(dir, 'json'), { recursive: true });
        writeFileSync(join(dir, 'json', 'ok.pisub'), PORTFOLIO_FILES['clean/riverside-2024.pisub']);
        writeFileSync(join(dir, 'json', 'broken.qpp.json'), '{"entityType": "group", ');
        const r = await pisub('report', 'json', '--format', 'json');
        expect(r.code).toBe(0);
        const rows = JSON.parse(r.stdout).rows;
        expect(rows.map((row: { practice: string }) => row.practice)).toEqual(['broken.qpp.json', 'Riverside Family Medicine']);
        expect(rows[0]).toMatchObject({ zero: true, score: null, year: null });
        expect(rows[0].zeroReasons[0].code).toBe('submission/syntax');
        expect(rows[0].errors).toBeGreaterThan(0);
    });
});

describe('progress', () => {
    let many: string;
    beforeAll(() => {
        many = join(dir, 'many');
        mkdirSync(many, { recursive: true });
        const text = PORTFOLIO_FILES['clean/riverside-2024.pisub'];
        for (let i = 0; i < 300; i++) writeFileSync(join(many, `p${i}.pisub`), text.replace('submission riverside-2024', `submission p${i}`));
    });

    it('is not shown when the output is piped or not a terminal (check and report, every format)', async () => {
        for (const args of [['check', 'many'], ['check', 'many', '--format', 'json'], ['report', 'many'], ['report', 'many', '--format', 'html']]) {
            const r = await pisub(...args);
            expect(r.stderr, args.join(' ')).toBe('');
            expect(r.stdout).not.toContain('\r');
        }
        const toFile = await pisub('report', 'many', '-o', 'many.csv', '--format', 'csv');
        expect(toFile.stderr).toBe('pisub report: wrote 300 submissions to many.csv\n'); // stderr is a pipe here
    });

    // `script` runs the CLI on a pseudo-terminal, as a consultant's shell does.
    const script = ['/usr/bin/script', '/bin/script'].find(p => existsSync(p));
    it.skipIf(!script || process.platform !== 'linux')('is drawn on a terminal and erased before the result', async () => {
        for (const command of ['check many', 'report many']) {
            const r = await run(script!, ['-qec', `"${process.execPath}" "${CLI}" ${command}`, '/dev/null'], { cwd: dir });
            expect(r.code, r.stdout + r.stderr).toBe(0);
            expect(r.stdout, command).toMatch(/\rchecked \d+\/300 files\x1b\[K/);
            expect(r.stdout).toContain('\rchecked 300/300 files\x1b[K\r\x1b[K');
        }
        // And not for json on the terminal.
        const json = await run(script!, ['-qec', `"${process.execPath}" "${CLI}" check many --format json`, '/dev/null'], { cwd: dir });
        expect(json.stdout).not.toContain('checked ');
    });
});
