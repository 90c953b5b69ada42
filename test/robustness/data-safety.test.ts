/**
 * Issue 9: the CLI never loses or alters a user's data, and a hostile file harms only itself.
 * Every write goes through src/interop/write-file.ts; these tests hold it (in process, with its
 * test seam) and the commands that use it (the built CLI, as a user runs it).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
    chmodSync, chownSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync,
    readlinkSync, renameSync, statSync, symlinkSync, writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { formatFiles } from '../../src/cli/commands/format.js';
import { formatPisubText, keepsEveryToken } from '../../src/language/lsp/format-text.js';
import { createPisubServices } from '../../src/language/pisub-module.js';
import { readSnapshot, replaceFile, TEMP_NAME, writeFileAtomic } from '../../src/interop/write-file.js';
import { BIN, pisub } from '../helpers/cli.js';
import { PisubWorkspace } from '../../src/language/headless.js';
import { submission } from '../helpers/submissions.js';

const MESSY = 'submission a {\n  year 2024\n\n\n  measure e-prescribing 5/10 // note\n}';
const CANONICAL = 'submission a {\n    year 2024\n\n    measure e-prescribing 5 / 10 // note\n}\n';
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

function folder(files: Record<string, string> = {}): string {
    const dir = mkdtempSync(join(tmpdir(), 'pisub-safety-'));
    chmodSync(dir, 0o755);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
}

const temps = (dir: string) => readdirSync(dir).filter(n => n.endsWith('.tmp'));

function collect(): { out: string[]; err: string[]; io: { out(t: string): void; err(t: string): void } } {
    const out: string[] = [], err: string[] = [];
    return { out, err, io: { out: t => { out.push(t); }, err: t => { err.push(t); } } };
}

/** Whether the built CLI runs as the unprivileged "nobody" user (root must drop privileges to test permissions). */
function nobodyCanRun(): boolean {
    return spawnSync(process.execPath, [BIN, '--version'], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' }).status === 0;
}

describe('replacing a file in place (format)', () => {
    it('never writes a file that changed after it was read: the concurrent save wins, the file is named as skipped', async () => {
        const dir = folder({ 'a.pisub': MESSY, 'b.pisub': MESSY });
        const saved = MESSY.replace('5/10', '7/10');
        const { out, err, io } = collect();
        const counts = await formatFiles([join(dir, 'a.pisub'), join(dir, 'b.pisub')], false, io, {
            // Someone saves a.pisub after pisub read it, just before the rename.
            beforeCommit: (_temp, target) => { if (target.endsWith('a.pisub')) writeFileSync(target, saved); }
        });
        expect(readFileSync(join(dir, 'a.pisub'), 'utf8')).toBe(saved);
        expect(readFileSync(join(dir, 'b.pisub'), 'utf8')).toBe(CANONICAL);
        expect(counts).toEqual({ changed: 1, unchanged: 0, syntax: 0, skipped: 1 });
        expect(out.join('')).toBe(`${join(dir, 'b.pisub')}: formatted\n`);
        expect(err.join('')).toBe(`pisub: ${join(dir, 'a.pisub')}: not formatted: the file changed since pisub read it (saved by someone else?); pisub leaves it as it is now: run again to include it\n`);
        expect(temps(dir)).toEqual([]);
    });

    it('reads each file just before formatting it, so a save made to a later file during the run is kept (and formatted)', async () => {
        const dir = folder({ 'a.pisub': MESSY, 'b.pisub': MESSY });
        const saved = MESSY.replace('5/10', '9/10');
        const { io } = collect();
        await formatFiles([join(dir, 'a.pisub'), join(dir, 'b.pisub')], false, io, {
            beforeCommit: (_temp, target) => { if (target.endsWith('a.pisub')) writeFileSync(join(dir, 'b.pisub'), saved); }
        });
        expect(readFileSync(join(dir, 'b.pisub'), 'utf8')).toBe(CANONICAL.replace('5 / 10', '9 / 10'));
    });

    it('a file replaced by another (new inode) after the read is skipped too', async () => {
        const dir = folder({ 'a.pisub': MESSY });
        const path = join(dir, 'a.pisub');
        const snap = readSnapshot(path);
        const outcome = replaceFile(snap, CANONICAL, {
            beforeCommit: () => { writeFileSync(join(dir, 'other'), MESSY); renameSync(join(dir, 'other'), path); }
        });
        expect(outcome.ok).toBe(false);
        expect(outcome.problem).toMatch(/changed since pisub read it/);
        expect(readFileSync(path, 'utf8')).toBe(MESSY);
        expect(temps(dir)).toEqual([]);
    });

    it('a write that fails midway (an error after the temporary file is written) leaves the file and no temporary file', async () => {
        const dir = folder({ 'a.pisub': MESSY });
        const fail = () => { throw Object.assign(new Error('no space'), { code: 'ENOSPC' }); };
        const outcome = replaceFile(readSnapshot(join(dir, 'a.pisub')), CANONICAL, { beforeCommit: fail });
        expect(outcome).toEqual({ ok: false, problem: 'cannot write: no space left on the device (the file is unchanged)' });
        expect(readFileSync(join(dir, 'a.pisub'), 'utf8')).toBe(MESSY);
        expect(writeFileAtomic(join(dir, 'new.txt'), 'x', false, { beforeCommit: fail }).problem).toMatch(/no space left on the device/);
        expect(existsSync(join(dir, 'new.txt'))).toBe(false);
        expect(temps(dir)).toEqual([]);
    });

    it('writes through a symlink: the link stays a link, its target is formatted', async () => {
        const dir = folder({ 'real.pisub': MESSY });
        mkdirSync(join(dir, 'links'));
        symlinkSync('../real.pisub', join(dir, 'links', 'a.pisub'));
        const r = await pisub(['format', join(dir, 'links')]);
        expect(r.code, r.stderr).toBe(0);
        expect(lstatSync(join(dir, 'links', 'a.pisub')).isSymbolicLink()).toBe(true);
        expect(readlinkSync(join(dir, 'links', 'a.pisub'))).toBe('../real.pisub');
        expect(readFileSync(join(dir, 'real.pisub'), 'utf8')).toBe(CANONICAL);
        expect(temps(dir)).toEqual([]);
        expect(temps(join(dir, 'links'))).toEqual([]);
    });

    it('keeps mode, owner and group', async () => {
        const dir = folder({ 'a.pisub': MESSY });
        const path = join(dir, 'a.pisub');
        chmodSync(path, 0o640);
        // As root the file can belong to someone else; pisub must give it back to them.
        if (asRoot) chownSync(path, NOBODY, NOBODY);
        const before = statSync(path);
        const r = await pisub(['format', path]);
        expect(r.code, r.stderr).toBe(0);
        const after = statSync(path);
        expect(readFileSync(path, 'utf8')).toBe(CANONICAL);
        expect(after.ino).not.toBe(before.ino); // really replaced (atomically), not rewritten in place
        expect(after.mode & 0o7777).toBe(0o640);
        expect([after.uid, after.gid]).toEqual([before.uid, before.gid]);
        if (asRoot) expect(after.uid).toBe(NOBODY);
    });

    it('refuses a read-only file (0444) with a clear message, even as root, and counts it apart', async () => {
        const dir = folder({ 'ro.pisub': MESSY, 'ok.pisub': MESSY });
        chmodSync(join(dir, 'ro.pisub'), 0o444);
        const r = await pisub(['format', dir]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`pisub: ${join(dir, 'ro.pisub')}: not formatted: read-only file (no write permission); pisub leaves it unchanged\n`);
        expect(r.stderr).toContain('pisub format: 1 formatted, 0 already formatted, 1 not formatted (named above)\n');
        expect(r.stdout).toBe(`${join(dir, 'ok.pisub')}: formatted\n`);
        expect(readFileSync(join(dir, 'ro.pisub'), 'utf8')).toBe(MESSY);
        expect(statSync(join(dir, 'ro.pisub')).mode & 0o777).toBe(0o444);
    });

    it('refuses a file the user may not write (as an unprivileged user), leaving it unchanged', async () => {
        if (!asRoot || !nobodyCanRun()) {
            // Only root can make a file that belongs to someone else; CI runs as root.
            console.warn('skipped: needs root, and the CLI running as "nobody"');
            return;
        }
        // The folder is writable by everyone, the file only by root: only the file's permission protects it.
        const dir = folder({ 'theirs.pisub': MESSY });
        chmodSync(dir, 0o777);
        const r = spawnSync(process.execPath, [BIN, 'format', join(dir, 'theirs.pisub')], { encoding: 'utf8', uid: NOBODY, gid: NOBODY });
        expect(r.status).toBe(2);
        expect(r.stderr).toContain('theirs.pisub: not formatted: permission denied (you may not write this file); pisub leaves it unchanged');
        expect(readFileSync(join(dir, 'theirs.pisub'), 'utf8')).toBe(MESSY);
        expect(temps(dir)).toEqual([]);
    });

    it('leaves a file unchanged when its owner could not be kept (another user\'s world-writable file, as an unprivileged user)', () => {
        if (!asRoot || !nobodyCanRun()) {
            console.warn('skipped: needs root, and the CLI running as "nobody"');
            return;
        }
        const dir = folder({ 'shared.pisub': MESSY });
        chmodSync(dir, 0o777);
        chmodSync(join(dir, 'shared.pisub'), 0o666);
        const r = spawnSync(process.execPath, [BIN, 'format', join(dir, 'shared.pisub')], { encoding: 'utf8', uid: NOBODY, gid: NOBODY });
        expect(r.status).toBe(2);
        expect(r.stderr).toContain('shared.pisub: not formatted: its owner and group (0:0) could not be kept on the new file (permission denied); pisub leaves it unchanged');
        expect(readFileSync(join(dir, 'shared.pisub'), 'utf8')).toBe(MESSY);
        expect(statSync(join(dir, 'shared.pisub')).uid).toBe(0);
        expect(temps(dir)).toEqual([]);
    });

    it('refuses a hard-linked file rather than splitting the links', async () => {
        const dir = folder({ 'a.pisub': MESSY });
        linkSync(join(dir, 'a.pisub'), join(dir, 'a-copy.bak'));
        const r = await pisub(['format', join(dir, 'a.pisub')]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('not formatted: the file has 2 hard links; replacing it would split them');
        expect(readFileSync(join(dir, 'a.pisub'), 'utf8')).toBe(MESSY);
        expect(statSync(join(dir, 'a.pisub')).nlink).toBe(2);
    });

    it('uses short random temporary names, so names of 245–254 characters format (and a stale temp file blocks nothing)', async () => {
        const dir = folder();
        const names = [245, 250, 254].map(n => 'x'.repeat(n - '.pisub'.length) + '.pisub');
        for (const name of names) writeFileSync(join(dir, name), MESSY);
        // A temporary file left by a killed run, even one pisub may not remove or write.
        writeFileSync(join(dir, '.pisub-0123456789abcdef.tmp'), 'stale');
        chmodSync(join(dir, '.pisub-0123456789abcdef.tmp'), 0o000);
        const r = await pisub(['format', dir]);
        expect(r.code, r.stderr).toBe(0);
        for (const name of names) {
            expect(name.length).toBeGreaterThanOrEqual(245);
            expect(readFileSync(join(dir, name), 'utf8')).toBe(CANONICAL);
        }
        expect(r.stderr).toBe('pisub format: 3 formatted, 0 already formatted\n');
        expect(temps(dir)).toEqual(['.pisub-0123456789abcdef.tmp']); // the stale one stays: it is not ours
    });

    it('SIGTERM during a run: exit 143, no temporary file, each file either untouched or fully formatted', async () => {
        const dir = folder();
        for (let i = 0; i < 20; i++) writeFileSync(join(dir, `f${String(i).padStart(2, '0')}.pisub`), MESSY);
        const resume = join(dir, 'resume.flag');
        const child = spawn(process.execPath, ['--require', join(__dirname, 'pause-before-rename.cjs'), BIN, 'format', dir],
            { env: { ...process.env, PISUB_TEST_RESUME: resume }, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(res => child.on('exit', (code, signal) => res({ code, signal })));
        await new Promise<void>(res => child.stderr.on('data', (d: Buffer) => {
            stderr += d.toString();
            if (stderr.includes('PAUSED ')) res();
        }));
        // The first temporary file exists now, about to be renamed.
        expect(temps(dir).length).toBe(1);
        child.kill('SIGTERM');
        writeFileSync(resume, '');
        const { code } = await exited;
        expect(code).toBe(143);
        expect(temps(dir)).toEqual([]);
        const texts = readdirSync(dir).filter(n => n.endsWith('.pisub')).map(n => readFileSync(join(dir, n), 'utf8'));
        expect(texts.every(t => t === MESSY || t === CANONICAL)).toBe(true);
        expect(texts.filter(t => t === CANONICAL).length).toBe(1); // the file being written when the signal came
    });

    it('after SIGKILL the orphaned temporary file does not block the next run', async () => {
        const dir = folder({ 'a.pisub': MESSY });
        const child = spawn(process.execPath, ['--require', join(__dirname, 'pause-before-rename.cjs'), BIN, 'format', dir],
            { env: { ...process.env, PISUB_TEST_RESUME: join(dir, 'never') }, stdio: ['ignore', 'ignore', 'pipe'] });
        const exited = new Promise<void>(res => child.on('exit', () => res()));
        await new Promise<void>(res => child.stderr.on('data', (d: Buffer) => { if (d.toString().includes('PAUSED ')) res(); }));
        child.kill('SIGKILL');
        await exited;
        expect(temps(dir).length).toBe(1);
        expect(temps(dir)[0]).toMatch(TEMP_NAME);
        expect(readFileSync(join(dir, 'a.pisub'), 'utf8')).toBe(MESSY);
        const r = await pisub(['format', dir]);
        expect(r.code, r.stderr).toBe(0);
        expect(readFileSync(join(dir, 'a.pisub'), 'utf8')).toBe(CANONICAL);
    });
});

describe('writing an output file (export, import, report)', () => {
    it('never replaces an existing file without --force; with --force writes through a symlink', async () => {
        const dir = folder({ 'target.txt': 'old' });
        symlinkSync('target.txt', join(dir, 'out.txt'));
        expect(writeFileAtomic(join(dir, 'out.txt'), 'new', false)).toMatchObject({ ok: false, exists: true });
        expect(writeFileAtomic(join(dir, 'out.txt'), 'new', true)).toEqual({ ok: true });
        expect(lstatSync(join(dir, 'out.txt')).isSymbolicLink()).toBe(true);
        expect(readFileSync(join(dir, 'target.txt'), 'utf8')).toBe('new');
        expect(temps(dir)).toEqual([]);
    });

    it('--force does not write through a link to a missing file', async () => {
        const dir = folder();
        symlinkSync('nowhere.txt', join(dir, 'out.txt'));
        expect(writeFileAtomic(join(dir, 'out.txt'), 'new', true).problem).toMatch(/symbolic link to a missing file/);
        expect(existsSync(join(dir, 'nowhere.txt'))).toBe(false);
        expect(temps(dir)).toEqual([]);
    });

    it('a file that appears between the check and the write is not replaced', async () => {
        const dir = folder();
        const out = join(dir, 'out.txt');
        const r = writeFileAtomic(out, 'ours', false, { beforeCommit: () => writeFileSync(out, 'theirs') });
        expect(r).toMatchObject({ ok: false, exists: true });
        expect(readFileSync(out, 'utf8')).toBe('theirs');
        expect(temps(dir)).toEqual([]);
    });

    it('--force refuses a read-only or hard-linked output', async () => {
        const dir = folder({ 'ro.txt': 'keep', 'hl.txt': 'keep' });
        chmodSync(join(dir, 'ro.txt'), 0o444);
        linkSync(join(dir, 'hl.txt'), join(dir, 'hl2.txt'));
        expect(writeFileAtomic(join(dir, 'ro.txt'), 'new', true).problem).toMatch(/read-only file/);
        expect(writeFileAtomic(join(dir, 'hl.txt'), 'new', true).problem).toMatch(/2 hard links/);
        expect(readFileSync(join(dir, 'ro.txt'), 'utf8')).toBe('keep');
        expect(readFileSync(join(dir, 'hl2.txt'), 'utf8')).toBe('keep');
    });

    it('report -o refuses one of its inputs, even with --force, also through a symlink', async () => {
        const dir = folder({ 'a.pisub': CANONICAL });
        symlinkSync('a.pisub', join(dir, 'link.out'));
        for (const output of ['a.pisub', 'link.out', `./a.pisub`]) {
            const r = await pisub(['report', 'a.pisub', '-o', output, '--force'], { cwd: dir });
            expect(r.code).toBe(2);
            expect(r.stderr).toContain('the report never replaces a submission');
        }
        const inFolder = await pisub(['report', '.', '-o', 'a.pisub', '--force'], { cwd: dir });
        expect(inFolder.code).toBe(2);
        expect(readFileSync(join(dir, 'a.pisub'), 'utf8')).toBe(CANONICAL);
    });

    it('report -o writes a long-named output (254 characters) and leaves no temporary file', async () => {
        const dir = folder({ 'a.pisub': CANONICAL });
        const name = 'r'.repeat(250) + '.csv';
        const r = await pisub(['report', 'a.pisub', '--format', 'csv', '-o', name], { cwd: dir });
        expect(r.code, r.stderr).toBe(0);
        expect(readFileSync(join(dir, name), 'utf8')).toMatch(/^rank,/);
        expect(temps(dir)).toEqual([]);
    });
});

describe('one hostile file harms only itself', () => {
    const GOOD = 'submission good {\n    year 2024\n}\n';
    function hostileFolder(): string {
        const dir = folder({ 'good.pisub': GOOD });
        // 16 KB: 8,000 nested arrays.
        writeFileSync(join(dir, 'deep.qpp.json'), '['.repeat(8000) + ']'.repeat(8000));
        return dir;
    }

    it('an exception while checking one file (in process) is that file\'s diagnostic; the others are checked together as usual', async () => {
        // Langium logs the validation exception this test provokes; keep the test output clean.
        const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const ws = new PisubWorkspace();
        const cache = ws.services.analysis.Cache;
        const get = cache.get.bind(cache);
        cache.get = (doc => {
            if (doc.textDocument.getText().includes('BOOM')) throw new RangeError('Maximum call stack size exceeded');
            return get(doc);
        }) as typeof cache.get;
        const prior = submission({ year: 2023 });
        const current = submission({ year: 2024 }).replace('practice "Test Practice"', 'practice "Test Practice"\n    prior-year test-2023');
        const [a, bad, b, other] = await ws.check([
            { path: 'a.pisub', text: current }, { path: 'bad.pisub', text: '// BOOM\n' + GOOD },
            { path: 'b.pisub', text: prior }, { path: 'c.pisub', text: 'submission c {\n    year\n}\n' }
        ]);
        expect(bad.diagnostics.map(d => [d.code, d.line, d.column])).toEqual([['submission/unreadable', 1, 1]]);
        expect(bad.diagnostics[0].message).toMatch(/nested too deeply/);
        // The prior-year reference between a and b still resolves: they were checked together.
        expect(a.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        expect(a.analysis).toBeDefined();
        expect(b.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        expect(other.diagnostics.map(d => d.code)).toContain('submission/syntax');
        quiet.mockRestore();
    });

    // The deep file is an error of its own: submission/unreadable while the QPP JSON parser recurses
    // (it overflows the stack), or submission/syntax once the parser bounds its nesting (issue 9, item 3).
    it('check: the deep file gets an error of its own, the good file is checked, no internal error', async () => {
        const dir = hostileFolder();
        const r = await pisub(['check', dir]);
        expect(r.stderr).not.toMatch(/internal error/);
        expect(r.stdout).toMatch(new RegExp(`^${join(dir, 'deep.qpp.json')}:\\d+:\\d+: error .* \\[submission/(unreadable|syntax)\\]$`, 'm'));
        expect(r.stdout).toMatch(/^2 files checked/m);
        expect(r.code).toBe(1);
        const json = JSON.parse((await pisub(['check', dir, '--format', 'json'])).stdout);
        const good = json.files.find((f: { path: string }) => f.path.endsWith('good.pisub'));
        expect(good.diagnostics.some((d: { code: string }) => d.code === 'submission/unreadable')).toBe(false);
    });

    it('report: both files are rows; the deep one scores 0 for its own error', async () => {
        const dir = hostileFolder();
        const r = await pisub(['report', dir, '--format', 'json']);
        expect(r.stderr).not.toMatch(/internal error/);
        expect(r.code).toBe(0);
        const rows = JSON.parse(r.stdout).rows as { path: string; zeroReasons: { code: string }[] }[];
        expect(rows.map(x => x.path.split('/').pop()).sort()).toEqual(['deep.qpp.json', 'good.pisub']);
        expect(rows.find(x => x.path.endsWith('deep.qpp.json'))!.zeroReasons.map(z => z.code).some(c => c === 'submission/unreadable' || c === 'submission/syntax')).toBe(true);
    });

    it('score and import name the file instead of an internal error', async () => {
        const dir = hostileFolder();
        for (const args of [['score', 'deep.qpp.json'], ['import', 'deep.qpp.json']]) {
            const r = await pisub(args, { cwd: dir });
            expect(r.stderr + r.stdout).not.toMatch(/internal error: Maximum call stack/);
            expect(r.code === 0 || r.code === 1 || r.code === 2).toBe(true);
            expect(r.stderr + r.stdout).toMatch(/deep\.qpp\.json/);
        }
    });
});

describe('terminal output escapes control characters', () => {
    it('file names with ESC, BEL, OSC and a newline print on one line, escaped', async () => {
        const dir = folder();
        const evil = 'evil\u001b]0;owned\u0007\u001b[31m\nsecond.pisub';
        writeFileSync(join(dir, evil), 'submission x {\n    year 2024\n}\n');
        writeFileSync(join(dir, 'cr\rname.pisub'), 'submission y {\n    year\n}\n');
        for (const args of [['check', dir], ['format', '--check', dir], ['report', dir], ['score', join(dir, evil)]]) {
            const r = await pisub(args);
            for (const text of [r.stdout, r.stderr]) {
                expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
            }
            expect(r.stdout + r.stderr).not.toMatch(/\nsecond\.pisub/);
        }
        const check = await pisub(['check', dir]);
        // Every diagnostic is one line: path:line:col: severity message [code]
        for (const line of check.stdout.trimEnd().split('\n').slice(0, -1)) expect(line).toMatch(/^\S.*:\d+:\d+: (error|warning|info) .* \[[a-z-]+\/[a-z0-9-]+\]$/);
        expect(check.stdout).toContain('evil\\e]0;owned\\x07\\e[31m\\nsecond.pisub:');
        expect(check.stdout).toContain('cr\\rname.pisub:');
    });
});

describe('format verifies before it writes', () => {
    it('the new layout of every example (LF, CRLF, CR) keeps every token and comment; a dropped token is caught', async () => {
        const services = createPisubServices(EmptyFileSystem).Pisub;
        const root = join(__dirname, '..', '..', 'examples');
        const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(n => n.endsWith('.pisub'));
        expect(files.length).toBeGreaterThan(3);
        for (const name of files) {
            const lf = readFileSync(join(root, name), 'utf8').replace(/\r\n?/g, '\n');
            for (const text of [lf, lf.replace(/\n/g, '\r\n'), lf.replace(/\n/g, '\r'), lf.replace(/\n/g, '\n\n  ')]) {
                const result = formatPisubText(services, text);
                if (!result.ok) continue; // files with syntax errors are never written
                expect(keepsEveryToken(services, text, result.text), name).toBe(true);
                expect(keepsEveryToken(services, text, result.text.replace(/\byear\b/, '')), name).toBe(false);
            }
        }
    });
});

describe('line ends (format)', () => {
    const cases = { LF: '\n', CRLF: '\r\n', CR: '\r' };
    for (const [name, eol] of Object.entries(cases)) {
        it(`${name}: kept, comment lines never merged, and --check agrees with format`, async () => {
            const source = ['submission a {', '  year 2024', '// a', '// b', '  measure e-prescribing 5/10', '}'].join(eol) + eol;
            const dir = folder({ 'a.pisub': source });
            const r = await pisub(['format', join(dir, 'a.pisub')]);
            expect(r.code, r.stderr).toBe(0);
            const out = readFileSync(join(dir, 'a.pisub'), 'utf8');
            expect(out).toBe(['submission a {', '    year 2024', '    // a', '    // b', '    measure e-prescribing 5 / 10', '}'].join(eol) + eol);
            // No other line end sneaked in.
            expect(out.replaceAll(eol, '')).not.toMatch(/[\r\n]/);
            expect((await pisub(['format', '--check', join(dir, 'a.pisub')])).code).toBe(0);
            expect((await pisub(['format', join(dir, 'a.pisub')])).stdout).toBe('');
        });
    }

    it('a file of CR-only comment lines is not "already formatted" when it is not', async () => {
        const dir = folder({ 'a.pisub': 'submission a {\r// a\r// b\ryear 2024\r}' });
        expect((await pisub(['format', '--check', join(dir, 'a.pisub')])).code).toBe(1);
        expect(existsSync(join(dir, 'a.pisub'))).toBe(true);
    });
});
