/**
 * The language server's workspace scan skips what it cannot or should not read — an unreadable file
 * and folder, a file over the size cap, a FIFO, a link to /dev/zero, a link leaving the workspace, a
 * link loop — says so once in the log, checks the rest (`X.PISUB` too) and keeps answering. The CLI
 * checks a folder's upper-case `.PISUB` files like `.pisub` ones.
 *
 * Root reads a chmod 000 file anyway: when the tests run as root (CI), the server runs as the
 * unprivileged uid/gid 65534 ("nobody"). Needs the built bundles (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { startServer } from '../../bench/lsp-client.mjs';
// @ts-expect-error plain ESM script without types
import { typicalSubmission } from '../../scripts/gen-corpus.mjs';
import { MAX_FILE_BYTES } from '../../src/language/limits.js';

const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'out', 'language', 'main.cjs');
const CLI = join(ROOT, 'out', 'cli', 'main.cjs');
const GOOD: string = typicalSubmission();
const named = (name: string) => GOOD.replace(/submission \S+ \{/, `submission ${name} {`);
const asRoot = process.getuid?.() === 0;
const nobody = asRoot ? { uid: 65534, gid: 65534 } : {};

let ws: string;
let outside: string;

beforeAll(() => {
    if (!existsSync(SERVER) || !existsSync(CLI)) throw new Error('out/ missing: run `npm run build` first (npm test does)');
    ws = mkdtempSync(join(tmpdir(), 'pisub-ws-'));
    outside = mkdtempSync(join(tmpdir(), 'pisub-outside-'));
    chmodSync(ws, 0o755);
    chmodSync(outside, 0o755);
    writeFileSync(join(ws, 'good.pisub'), named('good-2024'));
    writeFileSync(join(ws, 'RIVERSIDE.PISUB'), named('riverside-2024').replace('attest onc-direct-review yes', ''));
    writeFileSync(join(ws, 'locked.pisub'), named('locked-2024'));
    chmodSync(join(ws, 'locked.pisub'), 0o000);
    mkdirSync(join(ws, 'private'));
    writeFileSync(join(ws, 'private', 'hidden.pisub'), named('hidden-2024'));
    chmodSync(join(ws, 'private'), 0o700);
    const big = openSync(join(ws, 'big.pisub'), 'w');
    ftruncateSync(big, MAX_FILE_BYTES + 1024 * 1024); // sparse: its size alone refuses it
    closeSync(big);
    expect(spawnSync('mkfifo', [join(ws, 'pipe.pisub')]).status).toBe(0);
    symlinkSync('/dev/zero', join(ws, 'zero.pisub'));
    writeFileSync(join(outside, 'elsewhere.pisub'), named('elsewhere-2024'));
    symlinkSync(join(outside, 'elsewhere.pisub'), join(ws, 'elsewhere.pisub'));
    symlinkSync(ws, join(ws, 'loop'));
    symlinkSync(join(ws, 'self-loop-a'), join(ws, 'self-loop-b.pisub'));
    symlinkSync(join(ws, 'self-loop-b.pisub'), join(ws, 'self-loop-a'));
});

afterAll(() => {
    rmSync(ws, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
});

describe('workspace scan', () => {
    it('skips unreadable, over-cap, pipe, device, outside and looping entries, logs them once, and keeps serving', async () => {
        if (asRoot && spawnSync(process.execPath, ['-e', '0'], { ...nobody }).status !== 0) {
            console.warn('skipped: running as root and node cannot run as uid 65534 here');
            return;
        }
        const server = await startServer(SERVER, { workspaceFolder: ws, ...nobody });
        try {
            const riverside = pathToFileURL(join(ws, 'RIVERSIDE.PISUB')).href;
            const riversideDiagnostics = server.nextDiagnostics(riverside, 120_000);
            const summary = await server.conn.sendRequest('pisub/checkWorkspace', {}) as { files: number; errors: number };
            expect(summary.files, 'good.pisub and RIVERSIDE.PISUB').toBe(2);
            expect((await riversideDiagnostics).some((d: { message: string }) => /onc-direct-review|ONC Direct Review/i.test(d.message))).toBe(true);

            const reports = (server.logs() as string[]).filter(l => /not checked/.test(l));
            expect(reports, 'one log message').toHaveLength(1);
            const report = reports[0];
            const line = (name: string) => report.split('\n').find(l => l.includes(name)) ?? `(${name} not listed)`;
            expect(line('locked.pisub')).toMatch(/permission denied/);
            expect(line('private')).toMatch(/permission denied/);
            expect(line('big.pisub')).toMatch(/5\.0 MB.*at most 4 MB/);
            expect(line('pipe.pisub')).toMatch(/not a regular file/);
            expect(line('zero.pisub')).toMatch(/not a regular file|outside the workspace/);
            expect(line('elsewhere.pisub')).toMatch(/outside the workspace/);
            expect(line('self-loop-b.pisub')).toMatch(/symbolic links/);
            expect(report).not.toMatch(/good\.pisub|RIVERSIDE/);

            // Still answering: an open document gets diagnostics and a hover.
            const good = pathToFileURL(join(ws, 'good.pisub')).href;
            const diagnostics = server.nextDiagnostics(good, 60_000);
            await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: good, languageId: 'pisub', version: 1, text: named('good-2024') } });
            expect(await diagnostics).toBeDefined();
            const hoverLine = GOOD.split('\n').findIndex(l => l.includes('measure e-prescribing'));
            expect(await server.conn.sendRequest('textDocument/hover', { textDocument: { uri: good }, position: { line: hoverLine, character: 14 } })).toBeTruthy();

            // A checked file becomes unreadable later (a file event): it leaves the workspace, the rest is still checked.
            if (asRoot) {
                chmodSync(join(ws, 'RIVERSIDE.PISUB'), 0o000);
                const cleared = server.nextDiagnostics(riverside, 60_000);
                await server.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: riverside, type: 2 }] });
                expect(await cleared).toEqual([]);
                const edited = server.nextDiagnostics(good, 60_000);
                await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri: good, version: 2 }, contentChanges: [{ text: named('good-2024').replace('attest onc-direct-review yes', '') }] });
                expect((await edited).some((d: { message: string }) => /onc-direct-review|ONC Direct Review/i.test(d.message))).toBe(true);
                expect(server.logs().some((l: string) => /RIVERSIDE\.PISUB is not checked any more: permission denied/.test(l))).toBe(true);
            }
            expect(server.child.exitCode).toBeNull();
            expect(server.logs().filter((l: string) => /internal error|Error in WorkspaceManager/.test(l))).toEqual([]);
        } finally {
            await server.stop();
        }
    });
});

describe('CLI folder scan', () => {
    it('checks upper- and mixed-case .PISUB/.Pisub files like .pisub ones', () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-case-'));
        try {
            writeFileSync(join(dir, 'A.PISUB'), named('upper-2024').replace('attest onc-direct-review yes', ''));
            writeFileSync(join(dir, 'b.Pisub'), named('mixed-2024'));
            writeFileSync(join(dir, 'c.pisub'), named('lower-2024'));
            const r = spawnSync(process.execPath, [CLI, 'check', dir], { encoding: 'utf8' });
            expect(r.stderr).not.toMatch(/internal error|service registry/);
            expect(r.status, r.stdout + r.stderr).toBe(1); // A.PISUB has an error; nothing crashed
            expect(r.stdout).toMatch(/A\.PISUB:\d+:\d+/);
            expect(r.stdout + r.stderr).toMatch(/3 files/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
