/**
 * "PI: Portfolio report" against the built language server (out/language/main.cjs over stdio), as
 * the VS Code client calls it: the workspace folder's files on disk, an open editor's unsaved text,
 * and the `pisub/portfolioReport` request registered in src/server/main.ts. Needs `npm run build`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { PortfolioResult } from '../../src/report/portfolio-request.js';
import { yearFile } from '../prior-year/files.js';
import { PORTFOLIO_FILES } from './fixtures.js';

const ROOT = join(__dirname, '..', '..');
let dir: string;
let folder: string;
let connection: MessageConnection;
let child: ReturnType<typeof spawn>;

beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out', 'language', 'main.cjs'))) throw new Error('out/language/main.cjs missing: run `npm run build` first');
    dir = mkdtempSync(join(tmpdir(), 'pisub-portfolio-lsp-'));
    for (const [path, text] of Object.entries(PORTFOLIO_FILES)) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), text);
    }
    mkdirSync(join(dir, 'chain'));
    writeFileSync(join(dir, 'chain', 'a-2023.pisub'), yearFile(2023, { immunization: 'pre-production' }));
    writeFileSync(join(dir, 'chain', 'a-2024.pisub'), yearFile(2024, { immunization: 'pre-production', prior: 'test-2023' }));
    folder = pathToFileURL(dir).href;

    child = spawn(process.execPath, [join(ROOT, 'out', 'language', 'main.cjs'), '--stdio'], { cwd: ROOT, stdio: 'pipe' });
    connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('textDocument/publishDiagnostics', () => undefined);
    connection.listen();
    await connection.sendRequest('initialize', {
        processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'clients' }], capabilities: {}
    });
    await connection.sendNotification('initialized', {});
});

afterAll(async () => {
    try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
    } catch { /* gone */ }
    connection?.dispose();
    if (child && child.exitCode === null) {
        await new Promise<void>(resolve => {
            const timer = setTimeout(() => { child.kill(); resolve(); }, 5_000);
            child.on('exit', () => { clearTimeout(timer); resolve(); });
        });
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
});

const report = () => connection.sendRequest('pisub/portfolioReport', { folders: [folder], generated: '2025-01-08' }) as Promise<PortfolioResult>;

describe('pisub/portfolioReport over stdio', () => {
    it('reports every .pisub file of the workspace folder, worst first, with relative paths', async () => {
        const result = await report();
        expect(result.interrupted).toBe(false);
        expect(result.rows.map(r => r.path).slice(0, 3)).toEqual(['old/cedar-2019.pisub', 'broken/typo.pisub', 'zero/oakwood-2024.pisub']);
        expect(result.rows.length).toBe(Object.keys(PORTFOLIO_FILES).length + 2);
        expect(result.html).toContain('<td class="num year">2024</td>');
        // prior-year resolves between the folder's files, none of them open.
        const chained = result.rows.find(r => r.path === 'chain/a-2024.pisub')!;
        expect(chained).toMatchObject({ errors: 1, warnings: 0 }); // public-health/pre-production-again
    });

    it('uses the text of an open editor, saved or not', async () => {
        const uri = pathToFileURL(join(dir, 'zero', 'oakwood-2024.pisub')).href;
        const fixed = PORTFOLIO_FILES['zero/oakwood-2024.pisub'].replace('attest safer-guide no', 'attest safer-guide yes');
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pisub', version: 1, text: fixed } });
        const result = await report();
        const oakwood = result.rows.find(r => r.path === 'zero/oakwood-2024.pisub')!;
        expect(oakwood.zero).toBe(false);
        expect(oakwood.score).toBeGreaterThan(80);
        expect(result.summary.zero).toBe(2);
    });
});
