/**
 * `pisub audit` as a user runs it (the built CLI) on a copy of examples/audit: the binder's page,
 * evidence copies and manifest, exit codes, refusal to overwrite, originals untouched; the page in
 * headless Chromium (/usr/bin/chromium via playwright-core) makes no request, and --pdf prints it.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBinder, type Manifest } from '../../src/audit/write-binder.js';
import { pisub, ROOT } from '../helpers/cli.js';
import { submission } from '../helpers/submissions.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Every file under `dir`: relative path → sha256 and modification time. */
function snapshot(dir: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const name of readdirSync(dir, { recursive: true }) as string[]) {
        const path = join(dir, name);
        const st = statSync(path);
        if (st.isFile()) out.set(name, `${sha(readFileSync(path))} ${st.mtimeMs} ${st.mode}`);
    }
    return out;
}

let work: string;
let browser: Browser;

beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'pisub-audit-'));
    cpSync(join(ROOT, 'examples', 'audit'), join(work, 'examples', 'audit'), { recursive: true });
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterAll(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
});

const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

describe('pisub audit', () => {
    it('builds one binder per submission; exit 1 when evidence is missing; the originals are untouched', async () => {
        const before = snapshot(join(work, 'examples'));
        const r = await pisub(['audit', 'examples/audit', '-o', 'binders'], { cwd: work });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(1);
        expect(r.stdout.split('\n').filter(Boolean)).toEqual([
            'binders/harbor-audit-2025: complete, 7 files',
            expect.stringMatching(/^binders\/audit-problems-2024: 10 missing \(CEHRT id \(CHPL\), safer-guide \(PI_PPHI_2\), .*\), 3 files$/),
            'binders/riverside-audit-2024: complete, 7 files'
        ]);
        expect(snapshot(join(work, 'examples'))).toEqual(before);
    });

    it('copies every evidence file once, and the manifest describes each file of the binder', async () => {
        const dir = join(work, 'binders', 'riverside-audit-2024');
        const manifest = readManifest(dir);
        expect(manifest).toMatchObject({ submission: 'riverside-audit-2024', complete: true, missing: 0 });
        const originals = join(work, 'examples', 'audit', 'riverside-2024', 'evidence');
        expect(manifest.files.map(f => f.path).sort()).toEqual(['evidence/' + readdirSync(originals).sort().join(' evidence/'), 'index.html'].join(' ').split(' ').sort());
        for (const f of manifest.files) {
            const bytes = readFileSync(join(dir, f.path));
            expect(f.sha256, f.path).toBe(sha(bytes));
            expect(f.bytes, f.path).toBe(bytes.length);
            if (f.source) expect(sha(readFileSync(join(originals, '..', f.source))), f.path).toBe(f.sha256);
        }
        expect(verifyBinder(dir)).toEqual([]);
        // A copy edited later is found by the manifest.
        writeFileSync(join(dir, 'evidence', 'sra-2024.txt'), 'tampered');
        expect(verifyBinder(dir)).toEqual(['evidence/sra-2024.txt']);
    });

    it('the page lists the submission, every attestation and measure, what CMS expects, the files and what is missing', async () => {
        const page = readFileSync(join(work, 'binders', 'audit-problems-2024', 'index.html'), 'utf8');
        for (const text of ['Lakeview Internal Medicine', 'group TIN 987654321', '2024-01-01 to 2024-06-29', '0015C8ABCDEFGHK', 'Estimated PI score',
            '2031-03-31 (six years after the submission window closes)', 'safer-guide (PI_PPHI_2)', 'e-prescribing (PI_EP_1)', '4120 / 4630',
            'The CHPL page', 'dated within the performance year', 'file not found', '10 missing',
            sha(readFileSync(join(work, 'examples/audit/problems/evidence/sra-2023.txt'))),
            'outside the performance year 2024', 'has changed since its SHA-256 was recorded', 'Data Validation Criteria (QPP Resource Library) was not available']) {
            expect(page, text).toContain(text);
        }
        expect(page.match(/Missing: no readable evidence/g)?.length).toBe(10);
        // self-contained: no external resource, scripts forbidden
        expect(page).not.toMatch(/<script|<link|src="http|url\(http/);
        expect(page).toContain(`Content-Security-Policy" content="default-src 'none'`);
    });

    it('refuses to replace a binder without --force, replaces it with --force, never a folder that is not a binder', async () => {
        const dir = join(work, 'binders', 'riverside-audit-2024');
        const manifestBefore = readFileSync(join(dir, 'manifest.json'), 'utf8');
        const refused = await pisub(['audit', 'examples/audit/riverside-2024', '-o', 'binders'], { cwd: work });
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('already exists; use --force to replace the binder');
        expect(readFileSync(join(dir, 'evidence', 'sra-2024.txt'), 'utf8')).toBe('tampered'); // untouched
        expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe(manifestBefore);

        const forced = await pisub(['audit', 'examples/audit/riverside-2024', '-o', 'binders', '--force'], { cwd: work });
        expect(forced.code).toBe(0);
        expect(verifyBinder(dir)).toEqual([]);
        expect(readdirSync(join(work, 'binders')).filter(n => n.startsWith('.'))).toEqual([]); // no staging left over

        mkdirSync(join(work, 'not-binders', 'riverside-audit-2024'), { recursive: true });
        writeFileSync(join(work, 'not-binders', 'riverside-audit-2024', 'precious.txt'), 'keep me');
        const other = await pisub(['audit', 'examples/audit/riverside-2024', '-o', 'not-binders', '--force'], { cwd: work });
        expect(other.code).toBe(2);
        expect(other.stderr).toContain('is not a pisub audit binder');
        expect(readFileSync(join(work, 'not-binders', 'riverside-audit-2024', 'precious.txt'), 'utf8')).toBe('keep me');
    });

    it('exit 2 on bad input: no -o, no files, a file with syntax errors', async () => {
        expect((await pisub(['audit', 'examples/audit'], { cwd: work })).code).toBe(2);
        expect((await pisub(['audit', 'nowhere', '-o', 'x'], { cwd: work })).code).toBe(2);
        writeFileSync(join(work, 'broken.pisub'), 'submission broken { year 2024 period }');
        const r = await pisub(['audit', 'broken.pisub', '-o', 'b2'], { cwd: work });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('syntax errors');
        expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
        expect(existsSync(join(work, 'b2', 'broken'))).toBe(false);
    });

    it('copies evidence from outside the submission\'s folder to evidence/external/, and escapes what the page shows', async () => {
        const dir = join(work, 'outside');
        mkdirSync(join(dir, 'sub'), { recursive: true });
        mkdirSync(join(dir, 'shared'), { recursive: true });
        writeFileSync(join(dir, 'shared', 'sra.txt'), 'shared sra');
        const text = submission({ year: 2024, extra: 'evidence sra "../shared/sra.txt" "<img src=x onerror=alert(1)>"' })
            .replace('practice "Test Practice"', 'practice "<script>alert(1)</script>"');
        writeFileSync(join(dir, 'sub', 'x.pisub'), text);
        const r = await pisub(['audit', 'sub/x.pisub', '-o', 'out'], { cwd: dir });
        expect(r.code).toBe(1); // most measures have no evidence
        const binder = join(dir, 'out', 'test-2024');
        expect(readFileSync(join(binder, 'evidence', 'external', 'sra.txt'), 'utf8')).toBe('shared sra');
        const page = readFileSync(join(binder, 'index.html'), 'utf8');
        expect(page).not.toContain('<script>alert');
        expect(page).not.toContain('<img src=x');
        expect(relative(binder, join(binder, readManifest(binder).files[1].path))).toBe(join('evidence', 'external', 'sra.txt'));
    });
});

describe('the binder page in Chromium', () => {
    it('renders the whole table and makes no request besides the page itself', async () => {
        const url = pathToFileURL(join(work, 'binders', 'audit-problems-2024', 'index.html')).href;
        const page = await browser.newPage();
        const requests: string[] = [];
        page.on('request', r => requests.push(r.url()));
        await page.goto(url, { waitUntil: 'load' });
        expect(requests).toEqual([url]);
        const rows = await page.locator('tbody tr').count();
        expect(rows).toBe(12); // the CEHRT id, 4 attestations, 5 measures, 2 public-health measures
        expect(await page.locator('tr.missing').count()).toBe(10);
        expect(await page.locator('.status.bad').textContent()).toBe('10 missing');
        await page.close();
    });

    it('--pdf prints the page with headless Chromium', async () => {
        const r = await pisub(['audit', 'examples/audit/harbor-2025', '-o', 'pdf-binders', '--pdf'], { cwd: work });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const pdf = readFileSync(join(work, 'pdf-binders', 'harbor-audit-2025', 'binder.pdf'));
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(pdf.length).toBeGreaterThan(5000);
    });
});
