/**
 * Evidence in the real language server (the built bundle over stdio): diagnostics follow the disk
 * when the client reports a changed file (`workspace/didChangeWatchedFiles`), hover and the outline
 * show the evidence status, the SHA-256 quick fix, and `pisub/auditBinder` builds the binder.
 * Needs `npm run build`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { Diagnostic, DocumentSymbol, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ROOT } from '../helpers/cli.js';
import { submission } from '../helpers/submissions.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

let child: ChildProcessWithoutNullStreams;
let connection: MessageConnection;
let dir: string;
const published: PublishDiagnosticsParams[] = [];
const waiters: (() => void)[] = [];

/** Resolves when a publishDiagnostics for `uri` satisfies `test` (events, not time; the vitest timeout guards a hang). */
function diagnosticsWhere(uri: string, test: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return new Promise(resolve => {
        const check = () => {
            const last = published.filter(p => p.uri === uri).at(-1);
            if (last && test(last.diagnostics)) { resolve(last.diagnostics); return true; }
            return false;
        };
        if (check()) return;
        const waiter = () => { if (check()) waiters.splice(waiters.indexOf(waiter), 1); };
        waiters.push(waiter);
    });
}

beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out', 'language', 'main.cjs'))) throw new Error('out/language/main.cjs missing: run `npm run build` first');
    dir = mkdtempSync(join(tmpdir(), 'pisub-evidence-lsp-'));
    child = spawn(process.execPath, [join(ROOT, 'bin', 'pisub-language-server.cjs')], { cwd: ROOT, stdio: 'pipe' });
    connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
        published.push(p);
        for (const w of [...waiters]) w();
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    await connection.sendRequest('initialize', {
        processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'w' }],
        capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { hover: { contentFormat: ['markdown'] }, documentSymbol: { hierarchicalDocumentSymbolSupport: true } } }
    });
    await connection.sendNotification('initialized', {});
});

afterAll(async () => {
    try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
    } catch { /* gone */ }
    connection?.dispose();
    if (child && child.exitCode === null) child.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('evidence in the language server', () => {
    const text = submission({ year: 2024, extra: `evidence security-risk-analysis "sra.txt" sha256 "${sha('original')}"\n    evidence e-prescribing "report.txt"` });

    it('follows the disk: a changed, deleted or created evidence file updates the diagnostics', async () => {
        writeFileSync(join(dir, 'sra.txt'), 'original');
        const uri = pathToFileURL(join(dir, 'live.pisub')).href;
        writeFileSync(join(dir, 'live.pisub'), text);
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pisub', version: 1, text } });
        const first = await diagnosticsWhere(uri, d => d.some(x => x.code === 'evidence/file-missing'));
        expect(first.map(d => d.code)).not.toContain('evidence/hash-mismatch');

        // The SRA is edited on disk: the recorded SHA-256 no longer matches.
        writeFileSync(join(dir, 'sra.txt'), 'edited after attestation');
        await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, 'sra.txt')).href, type: 2 }] });
        await diagnosticsWhere(uri, d => d.some(x => x.code === 'evidence/hash-mismatch'));

        // The missing report appears: file-missing goes, hash-not-recorded (info) comes.
        writeFileSync(join(dir, 'report.txt'), 'report');
        await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, 'report.txt')).href, type: 1 }] });
        const created = await diagnosticsWhere(uri, d => !d.some(x => x.code === 'evidence/file-missing'));
        expect(created.map(d => d.code)).toContain('evidence/hash-not-recorded');

        // Deleted again.
        unlinkSync(join(dir, 'report.txt'));
        await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, 'report.txt')).href, type: 3 }] });
        await diagnosticsWhere(uri, d => d.some(x => x.code === 'evidence/file-missing'));
    });

    it('hover on an evidence line shows the file, what is expected and the keep-until date; the outline has an Evidence group', async () => {
        const uri = pathToFileURL(join(dir, 'live.pisub')).href;
        const lines = text.split('\n');
        const line = lines.findIndex(l => l.includes('evidence security-risk-analysis'));
        const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: lines[line].indexOf('sra.txt') } }) as Hover;
        const value = (hover.contents as { value: string }).value;
        expect(value).toContain('**Evidence** for security-risk-analysis (PI_PPHI_1)');
        expect(value).toContain(`\`sra.txt\`: ${'edited after attestation'.length} bytes`);
        expect(value).toContain('changed since its SHA-256 was recorded');
        expect(value).toContain('dated within the performance year');
        expect(value).toContain('Keep until 2031-03-31');

        const measureLine = lines.findIndex(l => l.includes('measure e-prescribing'));
        const onMeasure = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: measureLine, character: lines[measureLine].indexOf('e-prescribing') + 2 } }) as Hover;
        expect((onMeasure.contents as { value: string }).value).toContain('Audit documentation: A dated report from the CEHRT for the performance period');

        const links = await connection.sendRequest('textDocument/documentLink', { textDocument: { uri } }) as { target: string; range: { start: { line: number; character: number } } }[];
        expect(links.map(l => l.target)).toEqual([pathToFileURL(join(dir, 'sra.txt')).href, pathToFileURL(join(dir, 'report.txt')).href]);
        expect(links[0].range.start).toEqual({ line, character: lines[line].indexOf('sra.txt') });

        const symbols = await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as DocumentSymbol[];
        const evidence = symbols[0].children!.find(s => s.name === 'Evidence')!;
        expect(evidence.children!.map(c => [c.name, c.detail])).toEqual([
            ['security-risk-analysis: sra.txt', undefined], ['e-prescribing: report.txt', 'file missing']
        ]);
        expect(evidence.detail).toMatch(/^\d+ missing$/);
    });

    it('completes evidence paths from the submission\'s folder, and targets from the measures', async () => {
        const uri = pathToFileURL(join(dir, 'complete.pisub')).href;
        mkdirSync(join(dir, 'letters'));
        const doc = submission({ year: 2024, extra: 'evidence sra ""' });
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pisub', version: 1, text: doc } });
        const lines = doc.split('\n');
        const line = lines.findIndex(l => l.includes('evidence sra'));
        const list = await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character: lines[line].indexOf('""') + 1 } }) as { items: { label: string; kind: number; textEdit?: { newText: string } }[] };
        const labels = list.items.map(i => i.label);
        expect(labels).toContain('sra.txt');
        expect(labels).toContain('letters/');
        expect(labels).not.toContain('live.pisub');
        expect(list.items.find(i => i.label === 'sra.txt')!.textEdit!.newText).toBe('"sra.txt"');
        const target = await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character: lines[line].indexOf('sra') } }) as { items: { label: string }[] };
        expect(target.items.map(i => i.label)).toEqual(expect.arrayContaining(['security-risk-analysis', 'cehrt']));
    });

    it('offers the SHA-256 quick fix, and pisub/auditBinder builds the binder', async () => {
        const uri = pathToFileURL(join(dir, 'live.pisub')).href;
        const diagnostics = await diagnosticsWhere(uri, d => d.some(x => x.code === 'evidence/hash-mismatch'));
        const mismatch = diagnostics.find(d => d.code === 'evidence/hash-mismatch')!;
        const actions = await connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: mismatch.range, context: { diagnostics: [mismatch] } }) as { title: string; edit: { changes: Record<string, { newText: string }[]> } }[];
        expect(actions.map(a => a.title)).toContain('Record the current SHA-256');
        expect(actions.find(a => a.title === 'Record the current SHA-256')!.edit.changes[uri][0].newText).toBe(`"${sha('edited after attestation')}"`);

        const out = join(dir, 'binders');
        const result = await connection.sendRequest('pisub/auditBinder', { uris: [uri], output: out }) as { binders: { dir?: string; missing?: number; problem?: string }[] };
        expect(result.binders).toHaveLength(1);
        expect(result.binders[0].problem).toBeUndefined();
        expect(result.binders[0].missing).toBeGreaterThan(0);
        expect(readFileSync(join(out, 'test-2024', 'evidence', 'sra.txt'), 'utf8')).toBe('edited after attestation');
        const again = await connection.sendRequest('pisub/auditBinder', { uris: [uri], output: out }) as { binders: { exists?: boolean }[] };
        expect(again.binders[0].exists).toBe(true);
        const bad = await connection.sendRequest('pisub/auditBinder', { uris: [42, 'not a uri'], output: '' }) as { binders: { problem?: string }[] };
        expect(bad.binders.every(b => b.problem)).toBe(true);
    });
});
