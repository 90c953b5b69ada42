/**
 * The language server over stdio keeps serving after malformed JSON-RPC, unknown methods, invalid
 * parameters, requests about unknown documents and damaged document text. Needs the built server
 * (out/language/main.cjs; `npm test` builds first).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANG_GUARD_MS } from '../helpers/cli.js';
// @ts-expect-error plain ESM script without types
import { startServer } from '../../bench/lsp-client.mjs';
// @ts-expect-error plain ESM script without types
import { typicalSubmission } from '../../scripts/gen-corpus.mjs';

const SERVER = join(__dirname, '..', '..', 'out', 'language', 'main.cjs');
const GOOD: string = typicalSubmission();

interface Server {
    child: import('node:child_process').ChildProcess;
    conn: import('vscode-jsonrpc').MessageConnection;
    stderr(): string;
    nextDiagnostics(uri: string, timeoutMs?: number): Promise<{ message: string; range: unknown }[]>;
    stop(): Promise<void>;
}
let server: Server;
let opened = 0;

/** Raw bytes on the server's stdin, bypassing the client's framing. */
const raw = (data: string | Buffer) => new Promise<void>(resolve => server.child.stdin!.write(data, () => resolve()));
const framed = (body: string | Buffer) => raw(Buffer.concat([Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`), Buffer.from(body)]));

/** The server still answers: a new document gets diagnostics and a hover answers. */
async function expectServing(timeoutMs = HANG_GUARD_MS): Promise<void> {
    expect(server.child.exitCode, `server exited; stderr: ${server.stderr()}`).toBeNull();
    const uri = `file:///robustness/alive-${++opened}.pisub`;
    const diagnostics = server.nextDiagnostics(uri, timeoutMs);
    await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pisub', version: 1, text: GOOD.replace('attest onc-direct-review yes', '') } });
    expect((await diagnostics).some(d => /ONC Direct Review|onc-direct-review/i.test(d.message))).toBe(true);
    const line = GOOD.split('\n').findIndex(l => l.includes('measure e-prescribing'));
    const hover = await server.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 14 } });
    expect(hover).toBeTruthy();
}

beforeAll(async () => {
    if (!existsSync(SERVER)) throw new Error('out/language/main.cjs missing: run `npm run build` first (npm test does)');
    server = await startServer(SERVER);
});

afterAll(async () => {
    expect(server.stderr(), 'no uncaught exceptions').not.toMatch(/Uncaught|UnhandledPromiseRejection|\n\s+at .+:\d+:\d+/);
    await server.stop();
});

describe('language server on bad input', () => {
    it('serves a normal document to begin with', () => expectServing());

    it('answers an unknown request with "method not found" and keeps serving', async () => {
        await expect(server.conn.sendRequest('pisub/noSuchRequest', { x: 1 })).rejects.toMatchObject({ code: -32601 });
        await server.conn.sendNotification('pisub/noSuchNotification', { y: 2 });
        await expectServing();
    });

    it('answers requests with invalid parameters with an error, and keeps serving', async () => {
        await expect(server.conn.sendRequest('textDocument/hover', { nope: true })).rejects.toBeTruthy();
        await expect(server.conn.sendRequest('textDocument/completion', null)).rejects.toBeTruthy();
        await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.pisub', version: 2 }, contentChanges: [{ text: 'x' }] });
        await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///no-text.pisub', languageId: 'pisub', version: 1 } });
        await server.conn.sendNotification('$/cancelRequest', { id: 123456 });
        await expectServing();
    });

    it('answers requests about documents it does not know', async () => {
        const unknown = { textDocument: { uri: 'file:///nowhere/unknown.pisub' }, position: { line: 999, character: 999 } };
        for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/formatting', 'textDocument/codeAction']) {
            await server.conn.sendRequest(method, { ...unknown, range: { start: unknown.position, end: unknown.position }, context: { diagnostics: [] }, options: { tabSize: 4, insertSpaces: true } }).catch(() => undefined);
        }
        await expectServing();
    });

    it('survives malformed JSON-RPC: broken JSON, wrong shapes, garbage bytes, invalid UTF-8', async () => {
        await framed('{"jsonrpc":"2.0","id":999,"method":');                 // truncated JSON
        await framed('[1,2,3]');                                              // not a message
        await framed('{"jsonrpc":"2.0","id":{"a":1},"method":"textDocument/hover","params":7}');
        await framed('{"jsonrpc":"1.0","method":42}');
        await framed(Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]));           // invalid UTF-8 and NUL
        await framed('{"jsonrpc":"2.0","id":1000,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x"},"position":{"line":-5,"character":-1}}}');
        await new Promise(r => setTimeout(r, 200));
        await expectServing();
    });

    it('survives broken framing: a header line without a colon, a header without Content-Length', async () => {
        await raw('hello there\r\n\r\n');
        await raw('Content-Type: application/vscode-jsonrpc\r\n\r\n');
        await new Promise(r => setTimeout(r, 200));
        // With the framing broken, the reader resynchronises on a later header; how many bytes it
        // drops first depends on how the pipe chunks them (a message right after may be lost under
        // load). The guarantee: the process stays up and serves again.
        // A lost message never gets an answer, so each attempt waits a while (longer each time, for a busy
        // machine) before trying again: the wait only triggers a retry, it is not a speed limit.
        let lastError: unknown;
        for (const wait of [15_000, 30_000, 60_000, 120_000]) {
            try { await expectServing(wait); return; } catch (e) { lastError = e; }
        }
        throw lastError;
    });

    it('diagnoses damaged document text (NUL, binary, 1 MB line, deep nesting) and keeps serving', async () => {
        const texts = [
            'submission x {\0\0\0}',
            Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]).toString('latin1'),
            `submission x { note "${'a'.repeat(1_000_000)}" }`,
            'submission x ' + '{'.repeat(3_000),
            '\ufeff' + GOOD.replace(/\n/g, '\r\n')
        ];
        for (const [i, text] of texts.entries()) {
            const uri = `file:///robustness/damaged-${i}.pisub`;
            const diagnostics = server.nextDiagnostics(uri, HANG_GUARD_MS);
            await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pisub', version: 1, text } });
            const list = await diagnostics;
            if (i < 4) expect(list.length, `text ${i}`).toBeGreaterThan(0);
        }
        await expectServing();
    });
});
