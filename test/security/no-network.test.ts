/**
 * No network access at run time: the CLI (check, score, report, export, import, format --check, rules)
 * and a full language server session run with a preload that records and refuses every socket,
 * DNS lookup, HTTP request and fetch. The control case proves the preload catches a connection.
 * Needs the built bundles (`npm test` builds first).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as runProcess, type CliResult } from '../helpers/cli.js';
// @ts-expect-error plain ESM script without types
import { startServer } from '../../bench/lsp-client.mjs';
// @ts-expect-error plain ESM script without types
import { generateCorpus, typicalSubmission } from '../../scripts/gen-corpus.mjs';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'pisub.cjs');
const SERVER = join(ROOT, 'out', 'language', 'main.cjs');
const PRELOAD = join(__dirname, 'no-network.preload.cjs');
let dir: string;
let log: string;

const attempts = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');

function run(args: string[]): Promise<CliResult> {
    return runProcess(process.execPath, ['--require', PRELOAD, ...args], { cwd: dir, env: { ...process.env, PISUB_NET_LOG: log } });
}

beforeAll(() => {
    if (!existsSync(SERVER) || !existsSync(join(ROOT, 'out', 'cli', 'main.cjs'))) throw new Error('bundles missing: run `npm run build` first (npm test does)');
    dir = mkdtempSync(join(tmpdir(), 'pisub-no-network-'));
    log = join(dir, 'network-attempts.log');
    writeFileSync(join(dir, 'typical.pisub'), typicalSubmission());
    for (const f of generateCorpus({ count: 30, seed: 5 }) as { path: string; text: string }[]) writeFileSync(join(dir, f.path.replace('/', '-')), f.text);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('no network at run time', () => {
    it('control: the preload records and refuses a connection attempt', async () => {
        const r = await run(['-e', "require('node:net').connect(443, 'example.com')"]);
        expect(r.code).not.toBe(0);
        expect(attempts()).toMatch(/net\.(Socket\.)?connect/);
        rmSync(log);
        const f = await run(['-e', "fetch('https://example.com').catch(() => process.exit(3))"]);
        expect(f.code).not.toBe(0);
        expect(attempts()).toMatch(/fetch/);
        rmSync(log);
    });

    it('the CLI opens no socket while checking, scoring, reporting, exporting and importing', async () => {
        const outputs = [
            await run([BIN, 'check', '.']),
            await run([BIN, 'check', '.', '--format', 'sarif']),
            await run([BIN, 'score', 'typical.pisub']),
            await run([BIN, 'report', '.', '--format', 'html']),
            await run([BIN, 'format', '--check', '.']),
            await run([BIN, 'export', 'typical.pisub']),
            await run([BIN, 'rules'])
        ];
        for (const r of outputs) {
            expect(r.stderr).not.toMatch(/network access is disabled|internal error/);
            // 2 only from `format --check`: the corpus has files with syntax errors.
            expect(r === outputs[4] ? [0, 1, 2] : [0, 1], r.stderr).toContain(r.code);
        }
        writeFileSync(join(dir, 'exported.json'), outputs[5].stdout);
        const imported = await run([BIN, 'import', 'exported.json']);
        expect(imported.code).toBe(0);
        expect(attempts()).toBe('');
    });

    it('the language server opens no socket during a full editing session', async () => {
        const server = await startServer(SERVER, { execArgv: ['--require', PRELOAD], env: { PISUB_NET_LOG: log } });
        try {
            const uri = 'file:///session/typical.pisub';
            const text: string = typicalSubmission();
            const first = server.nextDiagnostics(uri);
            await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pisub', version: 1, text } });
            await first;
            const changed = server.nextDiagnostics(uri);
            await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text.replace('attest onc-direct-review yes', 'attest onc-direct-review no') }] });
            const diagnostics = await changed;
            const td = { textDocument: { uri } };
            const pos = { line: text.split('\n').findIndex(l => l.includes('e-prescribing')), character: 14 };
            const whole = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };
            const requests: [string, unknown][] = [
                ['textDocument/hover', { ...td, position: pos }],
                ['textDocument/completion', { ...td, position: pos }],
                ['textDocument/codeAction', { ...td, range: whole, context: { diagnostics } }],
                ['textDocument/documentSymbol', td],
                ['textDocument/foldingRange', td],
                ['textDocument/formatting', { ...td, options: { tabSize: 4, insertSpaces: true } }],
                ['textDocument/semanticTokens/full', td],
                ['textDocument/inlayHint', { ...td, range: whole }],
                ['textDocument/codeLens', td]
            ];
            for (const [method, params] of requests) await server.conn.sendRequest(method, params).catch(() => undefined);
            expect(server.child.exitCode).toBeNull();
        } finally {
            await server.stop();
        }
        expect(attempts()).toBe('');
    });
});
