/**
 * The language server over stdio, as an editor drives it: untitled documents, odd URIs (upper-case
 * extension, none, notebook cells), documents closed in any order, closed documents that are not on
 * disk, out-of-range positions, and a seeded random "hostile editor". The server must stay alive,
 * answer every request and publish diagnostics inside each document. Needs the built server
 * (out/language/main.cjs; `npm test` builds first).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { startServer } from '../../bench/lsp-client.mjs';
// @ts-expect-error plain ESM script without types
import { bigGroupSubmission, typicalSubmission } from '../../scripts/gen-corpus.mjs';
import { FUZZ_SEED } from '../fuzz/seed.js';

const SERVER = join(__dirname, '..', '..', 'out', 'language', 'main.cjs');
const GOOD: string = typicalSubmission();

interface Range { start: { line: number; character: number }; end: { line: number; character: number } }
interface Diagnostic { message: string; range: Range; code?: string; severity?: number }
interface Server {
    child: import('node:child_process').ChildProcess;
    conn: import('vscode-jsonrpc').MessageConnection;
    stderr(): string;
    logs(): string[];
    latestDiagnostics(uri: string): Diagnostic[] | undefined;
    publishCount(uri: string): number;
    nextDiagnostics(uri: string, timeoutMs?: number): Promise<Diagnostic[]>;
    stop(): Promise<void>;
}

let server: Server;
let dir: string;
let fresh = 0;

/** A submission renamed, with a TIN of its own: files that share a TIN, year and option are one submission and re-validate each other (workspace-builder.ts). */
const named = (text: string, name: string) => text.replace(/submission \S+ \{/, `submission ${name} {`).replace(/\btin \d{9}\b/, `tin ${tinFor(name)}`);
const tinFor = (name: string) => String([...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_000_000, 7)).padStart(9, '1');
const withPrior = (text: string, prior: string) => text.replace(/(submission \S+ \{\n)/, `$1    prior-year ${prior}\n`);

async function open(uri: string, text: string, version = 1): Promise<void> {
    await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pisub', version, text } });
}
async function change(uri: string, text: string, version: number): Promise<void> {
    await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
}
async function close(uri: string): Promise<void> {
    await server.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
}

/** The server is alive and serving: a new document gets its diagnostics, a hover answers. */
async function expectServing(): Promise<void> {
    expect(server.child.exitCode, `server exited; stderr: ${server.stderr()}`).toBeNull();
    const uri = `file:///alive/alive-${++fresh}.pisub`;
    const diagnostics = server.nextDiagnostics(uri, 60_000);
    await open(uri, named(GOOD.replace('attest onc-direct-review yes', ''), `alive-${fresh}`));
    expect((await diagnostics).some(d => /onc-direct-review|ONC Direct Review/i.test(d.message))).toBe(true);
    const line = GOOD.split('\n').findIndex(l => l.includes('measure e-prescribing'));
    expect(await server.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 14 } })).toBeTruthy();
    await close(uri);
}

function expectInside(diagnostics: Diagnostic[], text: string, what: string): void {
    const lines = text.split(/\r\n|\r|\n/);
    for (const d of diagnostics) {
        for (const p of [d.range.start, d.range.end]) {
            expect(p.line, `${what}: ${d.message}`).toBeGreaterThanOrEqual(0);
            expect(p.line, `${what}: ${d.message}`).toBeLessThan(lines.length);
            expect(p.character, `${what}: ${d.message}`).toBeGreaterThanOrEqual(0);
            expect(p.character, `${what}: ${d.message}`).toBeLessThanOrEqual(lines[p.line].length);
        }
    }
}

/** Every {line, character} and folding {startLine, endLine} anywhere in a response lies inside the text. */
function expectPositionsInside(value: unknown, text: string, what: string): number {
    const lines = text.split(/\r\n|\r|\n/);
    let checked = 0;
    const visit = (v: unknown): void => {
        if (Array.isArray(v)) { v.forEach(visit); return; }
        if (v === null || typeof v !== 'object') return;
        const o = v as Record<string, unknown>;
        if (typeof o.line === 'number' && typeof o.character === 'number') {
            checked++;
            expect(o.line, what).toBeLessThan(lines.length);
            expect(o.character, what).toBeLessThanOrEqual(lines[o.line as number]?.length ?? 0);
        }
        if (typeof o.startLine === 'number' && typeof o.endLine === 'number') {
            expect(o.endLine, what).toBeLessThan(lines.length);
            expect(o.startLine, what).toBeLessThanOrEqual(o.endLine as number);
        }
        Object.values(o).forEach(visit);
    };
    visit(value);
    return checked;
}

beforeAll(async () => {
    if (!existsSync(SERVER)) throw new Error('out/language/main.cjs missing: run `npm run build` first (npm test does)');
    dir = mkdtempSync(join(tmpdir(), 'pisub-lsp-docs-'));
    server = await startServer(SERVER);
});

afterAll(async () => {
    const internal = server.logs().filter(l => /internal error/.test(l));
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    expect(server.stderr(), 'no uncaught exceptions').not.toMatch(/Uncaught|UnhandledPromiseRejection|\n\s+at .+:\d+:\d+/);
    expect(internal, 'no internal error was logged').toEqual([]);
});

describe('documents of any URI', () => {
    it('serves untitled, upper-case, extension-less and notebook-cell documents, and survives closing them in any order', async () => {
        const uris = ['untitled:Untitled-1', pathToFileURL(join(dir, 'RIVERSIDE.PISUB')).href, 'untitled:no-extension-at-all',
            'vscode-notebook-cell:/nb/notebook.ipynb#W0sZmlsZQ%3D%3D', pathToFileURL(join(dir, 'mixed.Pisub')).href];
        const other = 'file:///elsewhere/other.pisub';
        // Unresolved prior-year references: Langium relinks such documents when anything changes.
        for (const [i, uri] of uris.entries()) {
            const diagnostics = server.nextDiagnostics(uri, 60_000);
            await open(uri, withPrior(named(GOOD, `odd-${i}`), `missing-${i}`));
            const published = await diagnostics;
            expect(published.some(d => d.code === 'prior-year/unresolved'), uri).toBe(true);
            expect(await server.conn.sendRequest('pisub/score', { uri }), uri).toMatchObject({ score: expect.any(Number) });
        }
        await open(other, named(GOOD, 'other'));
        let version = 1;
        // Close them one by one, editing another document after each close (the crash of issue 8).
        for (const uri of [uris[0], uris[3], uris[1], uris[4], uris[2]]) {
            const cleared = server.nextDiagnostics(uri, 60_000);
            await close(uri);
            expect(await cleared, `${uri}: diagnostics cleared on close`).toEqual([]);
            const edited = server.nextDiagnostics(other, 60_000);
            await change(other, named(GOOD, 'other') + `\n// edit ${++version}\n`, version);
            expect(Array.isArray(await edited)).toBe(true);
        }
        // Closed documents that are not on disk are gone from the workspace.
        const summary = await server.conn.sendRequest('pisub/checkWorkspace', {}) as { files: number };
        expect(summary.files).toBe(1);
        await close(other);
        await expectServing();
    });

    it('a closed .pisub file that exists on disk goes back to its disk content', async () => {
        const path = join(dir, 'on-disk.pisub');
        writeFileSync(path, named(GOOD.replace('attest onc-direct-review yes', ''), 'on-disk'));
        const uri = pathToFileURL(path).href;
        const first = server.nextDiagnostics(uri, 60_000);
        await open(uri, named(GOOD, 'on-disk'));
        expect((await first).some(d => /onc-direct-review/i.test(d.message))).toBe(false);
        const reverted = server.nextDiagnostics(uri, 60_000);
        await close(uri);
        expect((await reverted).some(d => /onc-direct-review|ONC Direct Review/i.test(d.message)), 'the disk text is checked again').toBe(true);
        const summary = await server.conn.sendRequest('pisub/checkWorkspace', {}) as { files: number };
        expect(summary.files).toBe(1);
        expect(readFileSync(path, 'utf8')).not.toContain('onc-direct-review');
    });

    it('an open document over the size cap gets one diagnostic saying why it is not checked', async () => {
        const uri = 'untitled:Huge-1';
        const huge = GOOD + `// ${'x'.repeat(4 * 1024 * 1024)}\n`;
        const diagnostics = server.nextDiagnostics(uri, 60_000);
        await open(uri, huge);
        const published = await diagnostics;
        expect(published).toHaveLength(1);
        expect(published[0]).toMatchObject({ code: 'submission/file-too-large', severity: 1 });
        expect(published[0].message).toMatch(/not checked.*4\.0 MB.*at most 4 MB/);
        await close(uri);
        await expectServing();
    });

    it('a document whose text is not a string (null, a number, an object) stalls nothing else', async () => {
        // Found by red-teaming: `didOpen` with `text: null` used to fail every later build, so other
        // documents got no diagnostics and requests waiting on the workspace no answer.
        for (const [k, text] of [null, 12345, {}].entries()) {
            const bad = `file:///odd/not-text-${k}.pisub`;
            await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: bad, languageId: 'pisub', version: 1, text } });
            await expectServing();
            await close(bad);
        }
    });

    it('clamps out-of-range request positions: every completion range lies inside the document', async () => {
        const uri = 'untitled:Clamp-1';
        const text = named(GOOD, 'clamp');
        const diagnostics = server.nextDiagnostics(uri, 60_000);
        await open(uri, text);
        await diagnostics;
        for (const position of [{ line: 1e6, character: 0 }, { line: 2, character: 1e6 }, { line: 1e6, character: 1e6 }, { line: -1, character: -5 }]) {
            const list = await server.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position }) as { items: { textEdit?: { range: Range } }[] } | null;
            for (const item of list?.items ?? []) {
                if (item.textEdit) expectInside([{ message: JSON.stringify(position), range: item.textEdit.range }], text, 'completion');
            }
            await server.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position }).catch(() => undefined);
        }
        await close(uri);
        await expectServing();
    });
});

describe('unresolved prior-year references', () => {
    it('are relinked when a submission of that name appears, not on every change elsewhere', async () => {
        const orphan = 'untitled:Orphan-1';
        const typing = 'file:///elsewhere/typing.pisub';
        const first = server.nextDiagnostics(orphan, 60_000);
        await open(orphan, withPrior(named(GOOD, 'orphan-2024'), 'riverside-2023'));
        expect((await first).some(d => d.code === 'prior-year/unresolved')).toBe(true);
        const typed = server.nextDiagnostics(typing, 60_000);
        await open(typing, named(GOOD, 'typing-2024'));
        await typed;
        const published = server.publishCount(orphan);
        // Keystrokes elsewhere: each build finishes before the next edit's build starts (one write lock).
        for (let v = 2; v < 8; v++) {
            const next = server.nextDiagnostics(typing, 60_000);
            await change(typing, named(GOOD, 'typing-2024') + `// ${v}\n`, v);
            await next;
        }
        expect(server.publishCount(orphan), 'the unresolved document was not rebuilt').toBe(published);
        // The target appears (in another open document): the reference resolves.
        const resolved = server.nextDiagnostics(orphan, 60_000);
        await open('untitled:Prior-1', named(GOOD.replace(/2024/g, '2023'), 'riverside-2023'));
        expect((await resolved).some(d => d.code === 'prior-year/unresolved')).toBe(false);
        // …and disappears again: unresolved once more.
        const unresolved = server.nextDiagnostics(orphan, 60_000);
        await close('untitled:Prior-1');
        expect((await unresolved).some(d => d.code === 'prior-year/unresolved')).toBe(true);
        for (const uri of [orphan, typing]) await close(uri);
    });
});

describe('uncaught errors', () => {
    it('an uncaught exception and an unhandled rejection are logged and survived', async () => {
        const preload = join(__dirname, 'fixtures', 'throw-after-start.cjs');
        const other: Server = await startServer(SERVER, { execArgv: ['--require', preload] });
        try {
            const uri = 'untitled:After-throw';
            const diagnostics = other.nextDiagnostics(uri, 60_000);
            await other.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pisub', version: 1, text: GOOD.replace('attest onc-direct-review yes', '') } });
            expect((await diagnostics).some(d => /onc-direct-review|ONC Direct Review/i.test(d.message))).toBe(true);
            expect(other.child.exitCode).toBeNull();
            const logs = other.logs().join('\n');
            expect(logs).toMatch(/internal error \(uncaught exception\), the server keeps running: test: an uncaught exception/);
            expect(logs).toMatch(/internal error \(unhandled promise rejection\), the server keeps running: test: an unhandled rejection/);
        } finally {
            await other.stop();
        }
    });
});

describe('memory', () => {
    it('40 open/close cycles of untitled 1,000-line documents release their memory', async () => {
        const text = bigGroupSubmission({ lines: 1000, seed: 3 }) as string;
        const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1]);
        const rss: number[] = [];
        for (let cycle = 0; cycle < 40; cycle++) {
            const uri = `untitled:Untitled-mem-${cycle}`;
            const built = server.nextDiagnostics(uri, 60_000);
            await open(uri, withPrior(named(text, `mem-${cycle}`), 'nowhere'));
            await built;
            const cleared = server.nextDiagnostics(uri, 60_000);
            await close(uri);
            expect(await cleared).toEqual([]);
            rss.push(rssKb());
        }
        const summary = await server.conn.sendRequest('pisub/checkWorkspace', {}) as { files: number };
        expect(summary.files, 'closed untitled documents are removed').toBeLessThanOrEqual(1);
        // After warm-up (cycle 10), growth per cycle stays well under the ~6.7 MB a kept document costs.
        const perCycleMb = (rss[39] - rss[9]) / 30 / 1024;
        console.log(`RSS after cycle 10: ${(rss[9] / 1024).toFixed(0)} MB, after 40: ${(rss[39] / 1024).toFixed(0)} MB (${perCycleMb.toFixed(2)} MB per cycle)`);
        expect(perCycleMb).toBeLessThan(3);
    });
});

describe('hostile editor (seeded)', () => {
    const URIS = ['untitled:Untitled-1', 'untitled:Untitled-2', 'file:///ws/A.PISUB', 'file:///ws/b.pisub', 'file:///ws/noext',
        'vscode-notebook-cell:/nb/x.ipynb#cell1', 'file:///ws/weird%20name%20%23.pisub', 'inmemory://model/3'];
    const TEXTS = [GOOD, withPrior(GOOD, 'missing-prior'), '', 'submission', '}}}{{{', GOOD.slice(0, 200), 'submission x {\n year 2024\n'];
    const METHODS = ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/foldingRange',
        'textDocument/semanticTokens/full', 'textDocument/inlayHint', 'textDocument/codeLens', 'textDocument/formatting',
        'textDocument/codeAction', 'pisub/score'];

    const command = fc.oneof(
        fc.record({ kind: fc.constant('open' as const), uri: fc.nat(URIS.length - 1), text: fc.nat(TEXTS.length - 1) }),
        fc.record({ kind: fc.constant('edit' as const), uri: fc.nat(URIS.length - 1), at: fc.nat(), cut: fc.nat(40), insert: fc.constantFrom('', 'x', '\n', 'measure ', '}', '{', 'prior-year q\n', '"', '/*') }),
        fc.record({ kind: fc.constant('close' as const), uri: fc.nat(URIS.length - 1) }),
        fc.record({ kind: fc.constant('request' as const), uri: fc.nat(URIS.length - 1), method: fc.nat(METHODS.length - 1), line: fc.oneof(fc.nat(60), fc.constant(1e6)), character: fc.oneof(fc.nat(80), fc.constant(1e6)) })
    );

    it('random open/edit/close/requests: alive, every request answered, diagnostics inside each document', async () => {
        const scenarios = fc.sample(fc.array(command, { minLength: 40, maxLength: 80 }), { seed: FUZZ_SEED, numRuns: 6 });
        const openDocs = new Map<string, { text: string; version: number }>();
        const everOpened = new Set<string>();
        let requests = 0;
        let positionsChecked = 0;
        for (const commands of scenarios) {
            const pending: Promise<unknown>[] = [];
            for (const c of commands) {
                const uri = URIS[c.uri];
                const doc = openDocs.get(uri);
                if (c.kind === 'open') {
                    if (doc) continue; // a client opens a document once
                    openDocs.set(uri, { text: TEXTS[c.text], version: 1 });
                    everOpened.add(uri);
                    await open(uri, TEXTS[c.text]);
                } else if (c.kind === 'edit') {
                    if (!doc) continue;
                    const at = c.at % (doc.text.length + 1);
                    doc.text = doc.text.slice(0, at) + c.insert + doc.text.slice(at + c.cut);
                    await change(uri, doc.text, ++doc.version);
                } else if (c.kind === 'close') {
                    if (!doc) continue;
                    openDocs.delete(uri);
                    await close(uri); // often in the middle of that document's build
                } else {
                    const method = METHODS[c.method];
                    const position = { line: c.line, character: c.character };
                    const params = method === 'pisub/score' ? { uri }
                        : { textDocument: { uri }, position, range: { start: { line: 0, character: 0 }, end: position }, context: { diagnostics: [] }, options: { tabSize: 4, insertSpaces: true } };
                    // Answered with a result or an error, never left hanging (the test's timeout is the hang guard).
                    pending.push(server.conn.sendRequest(method, params).then(r => ({ r }), e => ({ e })));
                }
            }
            const answers = await Promise.all(pending);
            requests += answers.length;
            expect(answers).toHaveLength(pending.length);
            expect(server.child.exitCode, `server exited; stderr: ${server.stderr()}`).toBeNull();
        }
        // Each open document, re-sent, gets diagnostics inside its text, and every position in every
        // response about it (also to out-of-range requests) lies inside its text.
        for (const [uri, doc] of openDocs) {
            const diagnostics = server.nextDiagnostics(uri, 60_000);
            await change(uri, doc.text, ++doc.version);
            expectInside(await diagnostics, doc.text, uri);
            for (const method of METHODS.filter(m => m !== 'pisub/score')) {
                for (const position of [{ line: 1e6, character: 1e6 }, { line: 3, character: 2 }]) {
                    const params = { textDocument: { uri }, position, range: { start: { line: 0, character: 0 }, end: position }, context: { diagnostics: [] }, options: { tabSize: 4, insertSpaces: true } };
                    const answer = await server.conn.sendRequest(method, params).catch(() => null);
                    positionsChecked += expectPositionsInside(answer, doc.text, `${method} at ${JSON.stringify(position)} in ${uri}`);
                }
            }
        }
        for (const uri of openDocs.keys()) await close(uri);
        await expectServing();
        expect(requests).toBeGreaterThan(20);
        if (openDocs.size > 0) expect(positionsChecked).toBeGreaterThan(0);
        console.log(`hostile editor: ${requests} random requests answered; ${openDocs.size} documents open at the end, ${positionsChecked} response positions checked`);
        // None of these URIs is a file on disk: once closed, their diagnostics are cleared.
        for (const uri of everOpened) expect(server.latestDiagnostics(uri), uri).toEqual([]);
    });
});
