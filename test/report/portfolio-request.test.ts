/**
 * The server side of "PI: Portfolio report": `pisub/portfolioReport` over the workspace's documents,
 * through real Langium services (documents loaded as the initial workspace build does: built, not
 * validated).
 */
import { URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { workspaceWith } from '../helpers/lsp-workspace.js';
import { displayPath, portfolioReport } from '../../src/report/portfolio-request.js';
import { yearFile } from '../prior-year/files.js';
import { PORTFOLIO_FILES } from './fixtures.js';

describe('pisub/portfolioReport', () => {
    it('reports every document of the workspace, worst first, with paths relative to the folder', async () => {
        const shared = await workspaceWith(PORTFOLIO_FILES);
        const result = await portfolioReport(shared, { folders: ['file:///ws'], generated: '2025-01-08' });
        expect(result.interrupted).toBe(false);
        expect(result.rows.map(r => r.path)).toEqual([
            'old/cedar-2019.pisub', 'broken/typo.pisub', 'zero/oakwood-2024.pisub', 'low/birch-2023.pisub', 'clean/riverside-2024.pisub', 'reweighted/elm-2024.pisub'
        ]);
        expect(result.summary).toMatchObject({ submissions: 6, zero: 3 });
        const oakwood = result.rows[2];
        expect(oakwood.zeroReasons.map(z => z.code)).toEqual(['attestation/safer-not-yes']);
        expect(oakwood.errors).toBe(2); // the gate and score/zero, as in the Problems panel
        expect(result.html).toMatch(/^<!DOCTYPE html>/);
        expect(result.html).toContain('Oakwood &lt;Clinic&gt; &amp; Sons');
        expect(result.html).toContain('generated 2025-01-08');
        expect(result.html).not.toMatch(/<script|https?:\/\//);
    });

    it('links each row to its file through the client\'s open command, and nothing else', async () => {
        const shared = await workspaceWith(PORTFOLIO_FILES);
        const result = await portfolioReport(shared, { folders: ['file:///ws'], openCommand: 'pisub.internal.openFile' });
        const links = [...result.html.matchAll(/href="command:pisub\.internal\.openFile\?([^"]+)"/g)].map(m => JSON.parse(decodeURIComponent(m[1].replace(/&quot;/g, '"')))[0]);
        const files = links.filter((l: string) => l.endsWith('.pisub'));
        expect(files.sort()).toEqual(result.rows.map(r => `file:///ws/${r.path}`).sort());
        expect(result.html).not.toMatch(/<script|https?:\/\//);
        // Without a command (the CLI's page): no links.
        expect((await portfolioReport(shared, { folders: ['file:///ws'] })).html).not.toContain('command:');
    });

    it('agrees with the CLI rows (same rules, same counts)', async () => {
        const { workspace } = await import('../helpers/check.js');
        const { portfolioRow } = await import('../../src/report/portfolio.js');
        const cli = (await workspace().check(Object.entries(PORTFOLIO_FILES).map(([path, text]) => ({ path, text })))).map(portfolioRow);
        const server = (await portfolioReport(await workspaceWith(PORTFOLIO_FILES), { folders: ['file:///ws/'] })).rows;
        for (const row of cli) expect(server.find(r => r.path === row.path)).toEqual(row);
    });

    it('resolves prior-year references among the workspace\'s files', async () => {
        const shared = await workspaceWith({
            'a-2023.pisub': yearFile(2023, { immunization: 'pre-production' }),
            'a-2024.pisub': yearFile(2024, { immunization: 'pre-production', prior: 'test-2023' })
        });
        const result = await portfolioReport(shared, { folders: ['file:///ws'] });
        const row2024 = result.rows.find(r => r.path === 'a-2024.pisub')!;
        expect(row2024.errors).toBe(1); // public-health/pre-production-again
        expect(row2024.warnings).toBe(0);
    });

    it('lists files it cannot read and survives odd parameters', async () => {
        const shared = await workspaceWith({ 'clean.pisub': PORTFOLIO_FILES['clean/riverside-2024.pisub'] });
        const result = await portfolioReport(shared, { uris: ['file:///ws/missing.pisub'], folders: ['file:///ws'], generated: 42 as unknown as string });
        expect(result.rows.map(r => r.path)).toEqual(['clean.pisub']);
        expect(result.unreadable.map(u => u.path)).toEqual(['missing.pisub']);
        expect(result.html).not.toContain('generated');
        const empty = await portfolioReport(await workspaceWith({}), undefined as never);
        expect(empty.rows).toEqual([]);
        expect(empty.html).toContain('No submissions found.');
    });

    it('shows paths outside the workspace folders as file paths', () => {
        expect(displayPath(URI.parse('file:///ws/sub/a%20b.pisub'), ['file:///ws'])).toBe('sub/a b.pisub');
        expect(displayPath(URI.parse('file:///elsewhere/x.pisub'), ['file:///ws'])).toBe('/elsewhere/x.pisub');
        expect(displayPath(URI.parse('file:///wsx/y.pisub'), ['file:///ws'])).toBe('/wsx/y.pisub');
    });
});
