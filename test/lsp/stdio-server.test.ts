/**
 * The standalone server over stdio, as Neovim or any LSP client runs it: spawns the built bundle
 * (`pisub-language-server` and `pisub lsp --stdio`), talks JSON-RPC with vscode-jsonrpc, and checks
 * diagnostics, hover, completion and formatting. Needs `npm run build` (npm test builds first).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { CompletionList, Diagnostic, Hover, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver-protocol';
import { HANG_GUARD_MS } from '../helpers/cli.js';
import { submission } from '../helpers/submissions.js';

const ROOT = join(__dirname, '..', '..');

interface Server { child: ChildProcessWithoutNullStreams; connection: MessageConnection; diagnostics: Map<string, Diagnostic[]>; stderr: string[] }
const running: Server[] = [];

async function start(args: string[]): Promise<Server> {
    if (!existsSync(join(ROOT, 'out', 'language', 'main.cjs'))) throw new Error('out/language/main.cjs missing: run `npm run build` first');
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const server: Server = { child, connection, diagnostics: new Map(), stderr: [] };
    child.stderr.on('data', chunk => server.stderr.push(String(chunk)));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => server.diagnostics.set(p.uri, p.diagnostics));
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    running.push(server);
    const init = await connection.sendRequest('initialize', {
        processId: process.pid, rootUri: null, workspaceFolders: null,
        capabilities: { textDocument: { hover: { contentFormat: ['markdown'] }, completion: { completionItem: { snippetSupport: true } } } }
    }) as { capabilities: Record<string, unknown> };
    await connection.sendNotification('initialized', {});
    expect(init.capabilities).toMatchObject({ hoverProvider: true, documentFormattingProvider: true });
    expect(init.capabilities.completionProvider).toBeDefined();
    expect(init.capabilities.codeActionProvider).toBeDefined();
    return server;
}

/** Waits for a value a notification sets; `ms` is a hang guard (a busy machine is slow, not wrong). */
async function waitFor<T>(what: string, get: () => T | undefined, ms = HANG_GUARD_MS): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
        const value = get();
        if (value !== undefined) return value;
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
        await new Promise(r => setTimeout(r, 50));
    }
}

afterEach(async () => {
    for (const s of running.splice(0)) {
        try {
            await s.connection.sendRequest('shutdown');
            await s.connection.sendNotification('exit');
        } catch { /* already gone */ }
        s.connection.dispose();
        await new Promise<void>(resolve => {
            if (s.child.exitCode !== null) return resolve();
            const timer = setTimeout(() => { s.child.kill(); resolve(); }, 5_000);
            s.child.on('exit', () => { clearTimeout(timer); resolve(); });
        });
    }
});

const SAFER_NO = submission({ year: 2024 }).replace('attest safer-guide yes', 'attest safer-guide no');

async function exercise(server: Server): Promise<void> {
    const uri = 'file:///tmp/pisub-stdio-test/safer-no.pisub';
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pisub', version: 1, text: SAFER_NO } });
    const diagnostics = await waitFor('publishDiagnostics', () => server.diagnostics.get(uri));
    const codes = diagnostics.map(d => d.code);
    expect(codes).toContain('attestation/safer-not-yes');
    expect(codes).toContain('score/zero');
    const safer = diagnostics.find(d => d.code === 'attestation/safer-not-yes')!;
    expect(safer.severity).toBe(1);
    expect(safer.codeDescription?.href).toMatch(/rules\.md#attestation-safer-not-yes|attestationsafer-not-yes/);

    const lines = SAFER_NO.split('\n');
    const line = lines.findIndex(l => l.includes('measure e-prescribing'));
    const hover = await server.connection.sendRequest('textDocument/hover', {
        textDocument: { uri }, position: { line, character: lines[line].indexOf('e-prescribing') + 3 }
    }) as Hover;
    expect((hover.contents as { value: string }).value).toContain('**e-Prescribing** — `PI_EP_1` (`e-prescribing`), 2024');

    const completion = await server.connection.sendRequest('textDocument/completion', {
        textDocument: { uri }, position: { line, character: lines[line].indexOf('e-prescribing') }
    }) as CompletionList;
    expect(completion.items.map(i => i.label)).toEqual(expect.arrayContaining(['e-prescribing', 'PI_EP_1']));
    expect(completion.items.map(i => i.label)).not.toContain('query-of-pdmp'); // reported on another line already

    const actions = await server.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri }, range: safer.range, context: { diagnostics: [safer] }
    }) as { title: string; isPreferred?: boolean; edit: { changes: Record<string, TextEdit[]> } }[];
    expect(actions[0].isPreferred).toBe(true);
    expect(actions[0].edit.changes[uri]).toEqual([{ range: safer.range, newText: 'yes' }]);

    const edits = await server.connection.sendRequest('textDocument/formatting', {
        textDocument: { uri }, options: { tabSize: 4, insertSpaces: true }
    }) as TextEdit[];
    expect(edits).toHaveLength(1); // the test submission has a blank-indented last line to tidy
}

describe('the standalone language server over stdio', () => {
    it('pisub-language-server: diagnostics with codes, hover, completion, quick fix, formatting', async () => {
        const server = await start([join(ROOT, 'bin', 'pisub-language-server.cjs')]);
        await exercise(server);
        expect(server.stderr.join('')).toBe('');
    });

    it('pisub lsp --stdio: the same server', async () => {
        const server = await start([join(ROOT, 'bin', 'pisub.cjs'), 'lsp', '--stdio']);
        await exercise(server);
    });

    it('a duplicate submission name is flagged on both files at once, cleared on both by a rename, with a rename quick fix', async () => {
        const server = await start([join(ROOT, 'bin', 'pisub-language-server.cjs')]);
        const a = 'file:///tmp/pisub-stdio-test/riverside.pisub', b = 'file:///tmp/pisub-stdio-test/oakwood.pisub';
        const text = submission({ year: 2024 }); // submission test-2024 { ... }
        const dup = (uri: string) => server.diagnostics.get(uri)?.filter(d => d.code === 'submission/duplicate-name');
        await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: a, languageId: 'pisub', version: 1, text } });
        await waitFor('diagnostics of the first file', () => server.diagnostics.get(a));
        expect(dup(a)).toEqual([]);
        await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: b, languageId: 'pisub', version: 1, text } });
        // Both files, without touching the first one.
        await waitFor('the duplicate on the second file', () => dup(b)?.length ? true : undefined);
        await waitFor('the duplicate on the first file', () => dup(a)?.length ? true : undefined);

        const [diagnostic] = dup(b)!;
        const actions = await server.connection.sendRequest('textDocument/codeAction', {
            textDocument: { uri: b }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
        }) as { title: string; edit: { changes: Record<string, TextEdit[]> } }[];
        expect(actions.map(x => x.title)).toEqual(['Rename this submission to oakwood']);
        const [edit] = actions[0].edit.changes[b];
        expect(edit).toEqual({ range: diagnostic.range, newText: 'oakwood' });

        // Applying it clears the error on both files.
        const renamed = text.replace('submission test-2024', 'submission oakwood');
        await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: b, version: 2 }, contentChanges: [{ text: renamed }] });
        await waitFor('the duplicate gone from the first file', () => dup(a)?.length === 0 ? true : undefined);
        await waitFor('the duplicate gone from the second file', () => dup(b)?.length === 0 ? true : undefined);
        // Renaming back flags both again.
        await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: b, version: 3 }, contentChanges: [{ text }] });
        await waitFor('the duplicate back on the first file', () => dup(a)?.length ? true : undefined);
    });

    it('conflicting data for one submission key is flagged on both files at once and cleared on both by editing one', async () => {
        const server = await start([join(ROOT, 'bin', 'pisub-language-server.cjs')]);
        const a = 'file:///tmp/pisub-stdio-test/riverside-q1.pisub', b = 'file:///tmp/pisub-stdio-test/riverside-q2.pisub';
        // The same group (TIN 123456789), year and option, different names, different e-prescribing counts.
        const textA = submission({ year: 2024 }).replace('submission test-2024', 'submission riverside-a');
        const textB = textA.replace('submission riverside-a', 'submission riverside-b');
        const conflictingB = textB.replace('measure e-prescribing 412 / 530', 'measure e-prescribing 400 / 530');
        expect(conflictingB).not.toBe(textB);
        const conflict = (uri: string) => server.diagnostics.get(uri)?.filter(d => d.code === 'submission/conflicting-data');
        await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: a, languageId: 'pisub', version: 1, text: textA } });
        await waitFor('diagnostics of the first file', () => server.diagnostics.get(a));
        expect(conflict(a)).toEqual([]);
        await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: b, languageId: 'pisub', version: 1, text: conflictingB } });
        // Both files, without touching the first one.
        await waitFor('the conflict on the second file', () => conflict(b)?.length ? true : undefined);
        await waitFor('the conflict on the first file', () => conflict(a)?.length ? true : undefined);
        // Editing the second file to agree clears both, the first one untouched.
        await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: b, version: 2 }, contentChanges: [{ text: textB }] });
        await waitFor('the conflict gone from the second file', () => conflict(b)?.length === 0 ? true : undefined);
        await waitFor('the conflict gone from the first file', () => conflict(a)?.length === 0 ? true : undefined);
        // Disagreeing again flags both again.
        await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: b, version: 3 }, contentChanges: [{ text: conflictingB }] });
        await waitFor('the conflict back on the first file', () => conflict(a)?.length ? true : undefined);
    });
});
