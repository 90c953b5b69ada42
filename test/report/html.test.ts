/**
 * The HTML portfolio report rendered in headless Chromium (/usr/bin/chromium, driven by
 * playwright-core): the rows and score bars are there in order, the gate failures stand out, nothing
 * is loaded from outside, user text is escaped, and it prints. With PISUB_WRITE_SCREENSHOT=1 the test
 * also refreshes the README's screenshot (docs/images/portfolio-report.png).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/language/rules/catalogue.js';
import { buildPortfolio, portfolioRow, type Portfolio } from '../../src/report/portfolio.js';
import { escapeHtml, renderHtml } from '../../src/report/render-html.js';
import { workspace } from '../helpers/check.js';
import { portfolio } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: Browser;
let dir: string;
let p: Portfolio;

/** Opens an HTML text as a file:// page and records every request the page makes. */
async function open(html: string, name: string): Promise<{ page: Page; requests: string[] }> {
    const file = join(dir, name);
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', r => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    return { page, requests };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    dir = mkdtempSync(join(tmpdir(), 'pisub-html-'));
    p = await portfolio();
});

afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('escaping', () => {
    it('escapes every character that could open markup or leave an attribute', () => {
        expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    });

    it('escapes practice names, paths, codes and reasons', () => {
        const evil = '<img src=x onerror=alert(1)>"\'&';
        const row = { ...p.rows[2], practice: evil, path: `${evil}.pisub`, zeroReasons: [{ code: evil, text: evil }] };
        const html = renderHtml(buildPortfolio([row], [{ path: evil, message: evil }]), { title: evil, generated: evil });
        expect(html).not.toContain('<img');
        // title twice (<title>, <h1>), generated, practice, path, reason, code, unreadable path and message
        expect(html.split('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;').length - 1).toBe(9);
    });
});

describe('the HTML report in Chromium', () => {
    it('shows one row per submission, worst first, with a score bar as wide as the score', async () => {
        const { page, requests } = await open(renderHtml(p, { generated: '2025-01-08' }), 'report.html');
        // Self-contained: the page itself is the only request; no scripts.
        expect(requests.length).toBe(1);
        expect(await page.evaluate(() => document.scripts.length)).toBe(0);
        const rows = await page.$$eval('tbody tr.row', trs => trs.map(tr => ({
            practice: tr.querySelector('.practice')!.textContent,
            zero: tr.classList.contains('zero'),
            score: tr.querySelector('.score-value')!.textContent,
            fill: (tr.querySelector('.fill') as HTMLElement).getBoundingClientRect().width,
            bar: (tr.querySelector('.bar') as HTMLElement).getBoundingClientRect().width,
            background: getComputedStyle(tr).backgroundColor,
            badge: tr.querySelector('.badge')?.textContent ?? null,
            reasons: Array.from(tr.querySelectorAll('.reasons code')).map(c => c.textContent),
            words: Array.from(tr.querySelectorAll('.reasons li')).map(li => li.firstChild?.textContent?.trim())
        })));
        expect(rows.map(r => r.practice)).toEqual(p.rows.map(r => r.practice));
        expect(rows[2].practice).toBe('Oakwood <Clinic> & Sons'); // escaped in the source, shown as written
        for (const [i, r] of rows.entries()) {
            const row = p.rows[i];
            expect(r.zero).toBe(row.zero);
            if (row.zero) {
                // The gate failures: highlighted row, a "Scores 0" badge, the reasons' codes.
                expect(r.badge).toBe('Scores 0');
                expect(r.background).toBe('rgb(253, 236, 234)');
                // Each rule once, in words (its title), the code beside it.
                const codes = [...new Set(row.zeroReasons.map(z => z.code))];
                expect(r.reasons).toEqual(codes);
                expect(r.words).toEqual(codes.map(c => {
                    const n = row.zeroReasons.filter(z => z.code === c).length;
                    return (RULES.get(c)?.title ?? row.zeroReasons.find(z => z.code === c)!.text) + (n > 1 ? ` (×${n})` : '');
                }));
                expect(r.score).toBe('0'); // also for a file that could not be scored (no year rules)
                expect(r.fill).toBe(0);
            } else {
                expect(r.badge).toBeNull();
                expect(r.background).toBe('rgba(0, 0, 0, 0)');
            }
            if (row.score !== null && !row.reweighted) {
                expect(r.score).toBe(String(row.score));
                expect(r.fill / r.bar).toBeCloseTo(row.score / 100, 1);
            }
        }
        const clean = rows.find(r => r.practice === 'Riverside Family Medicine')!;
        expect(clean.fill).toBeGreaterThan(100);
        expect(await page.textContent('.meta')).toContain('generated 2025-01-08');
        expect(await page.textContent('.unreadable')).toContain('unreadable/x.pisub');

        const png = await page.screenshot({ fullPage: true });
        const size = pngSize(png);
        expect(size.width).toBe(1280);
        expect(size.height).toBeGreaterThan(500);
        expect(png.length).toBeGreaterThan(30_000); // a rendered table, not a blank page
        await page.close();
    });

    it('is readable when printed', async () => {
        const { page } = await open(renderHtml(p), 'print.html');
        await page.emulateMedia({ media: 'print' });
        const print = await page.evaluate(() => ({
            thead: getComputedStyle(document.querySelector('thead')!).display,
            margin: getComputedStyle(document.body).margin,
            font: getComputedStyle(document.body).fontSize,
            zeroBackground: getComputedStyle(document.querySelector('tr.zero')!).backgroundColor,
            adjust: getComputedStyle(document.querySelector('tr.zero')!).getPropertyValue('print-color-adjust')
        }));
        expect(print).toEqual({ thead: 'table-header-group', margin: '0px', font: '13.3333px', zeroBackground: 'rgb(253, 236, 234)', adjust: 'exact' });
        const pdf = await page.pdf({ printBackground: true });
        expect(pdf.subarray(0, 5).toString('ascii')).toBe('%PDF-');
        expect(pdf.length).toBeGreaterThan(10_000);
        await page.close();
    });

    it('makes the README screenshot from the examples (PISUB_WRITE_SCREENSHOT=1)', async () => {
        const examples = ['clean/riverside-family-medicine-2024.pisub', 'clean/northgate-pediatrics-2023.pisub', 'clean/harbor-aco-2025.pisub',
            'clean/summit-virtual-group-2026.pisub', 'clean/lakeside-dr-chen-2022.pisub', 'problems/2024-safer-guide-no.pisub',
            'problems/2024-period-92-days.pisub', 'problems/2024-group-total-mismatch.pisub']
            .map(f => join('examples', f)).filter(f => existsSync(f));
        expect(examples.length).toBeGreaterThan(3);
        const checked = await workspace().check(examples.map(path => ({ path, text: readFileSync(path, 'utf8') })));
        const { page } = await open(renderHtml(buildPortfolio(checked.map(portfolioRow)), { generated: '2025-01-08' }), 'readme.html');
        const png = await page.screenshot({ fullPage: true });
        expect(pngSize(png).width).toBe(1280);
        expect(await page.locator('tr.zero').count()).toBe(buildPortfolio(checked.map(portfolioRow)).summary.zero);
        if (process.env.PISUB_WRITE_SCREENSHOT === '1') writeFileSync('docs/images/portfolio-report.png', png);
        await page.close();
    });
});
