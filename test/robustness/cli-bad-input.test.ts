/**
 * Bad input, end to end: the built CLI (bin/pisub.cjs) on missing, unreadable, binary, huge,
 * looping, mis-encoded, empty and non-submission inputs. Each gets a clear message naming the
 * path, the documented exit code (0 no errors, 1 errors found, 2 usage error or unreadable input),
 * no stack trace, no hang, and nothing on disk is written or lost. docs/robustness.md lists these
 * guarantees. Needs `npm run build` (npm test builds first).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as runProcess, type CliResult } from '../helpers/cli.js';
// @ts-expect-error plain ESM script without types
import { typicalSubmission } from '../../scripts/gen-corpus.mjs';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'pisub.cjs');
let dir: string;
let before: Map<string, string>;

async function pisub(args: string[], options: { uid?: number; gid?: number } = {}): Promise<CliResult> {
    if (!existsSync(join(ROOT, 'out', 'cli', 'main.cjs'))) throw new Error('out/cli/main.cjs missing: run `npm run build` first (npm test does)');
    const run = await runProcess(process.execPath, [BIN, ...args], { cwd: dir, ...options });
    expect(run.signal, `pisub ${args.join(' ')} was killed (hang?)`).toBeNull();
    expect(run.stderr, 'no stack trace for the user').not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(run.stderr + run.stdout).not.toMatch(/internal error/);
    return run;
}

/** Every entry under `root`: regular files by content hash, links by target, others by kind. */
function snapshot(root: string): Map<string, string> {
    const out = new Map<string, string>();
    const walk = (d: string) => {
        for (const name of readdirSync(d).sort()) {
            const p = join(d, name);
            const st = lstatSync(p);
            if (st.isSymbolicLink()) out.set(p, `link → ${readlinkSync(p)}`);
            else if (st.isDirectory()) { out.set(p, 'dir'); walk(p); }
            else if (st.isFile()) out.set(p, `${st.size} ${st.mode.toString(8)} ${st.mtimeMs} ${st.size > 1_000_000 ? 'large' : hash(p)}`);
            else out.set(p, 'special');
        }
    };
    walk(root);
    return out;
}

/** A file's content hash, or "unreadable" (a chmod 000 file when not running as root). */
function hash(path: string): string {
    try { return createHash('sha256').update(readFileSync(path)).digest('hex'); } catch { return 'unreadable'; }
}

const GOOD = typicalSubmission();
const BAD = GOOD.replace('attest security-risk-analysis yes', 'attest security-risk-analysis no');

beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pisub-bad-input-'));
    chmodSync(dir, 0o755);
    const w = (name: string, data: string | Buffer) => writeFileSync(join(dir, name), data);
    w('good.pisub', GOOD);
    w('bad.pisub', BAD);
    w('empty.pisub', '');
    w('binary.pisub', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    w('latin1.pisub', Buffer.from(GOOD.replace('Riverside', 'Rivière'), 'latin1'));
    w('bom-crlf.pisub', '\ufeff' + GOOD.replace(/\n/g, '\r\n'));
    w('notes.txt', 'not a submission');
    w('huge.pisub', '');
    truncateSync(join(dir, 'huge.pisub'), 50 * 1024 * 1024); // 50 MB (sparse)
    symlinkSync('loop-b.pisub', join(dir, 'loop-a.pisub'));
    symlinkSync('loop-a.pisub', join(dir, 'loop-b.pisub'));
    mkdirSync(join(dir, 'tree/inner'), { recursive: true });
    writeFileSync(join(dir, 'tree/inner/one.pisub'), GOOD);
    symlinkSync('..', join(dir, 'tree/inner/up'));       // a folder loop
    symlinkSync('/dev/zero', join(dir, 'zero.pisub'));    // a device that never ends
    if (spawnSync('mkfifo', [join(dir, 'fifo.pisub')]).status !== 0) writeFileSync(join(dir, 'fifo.pisub'), GOOD);
    mkdirSync(join(dir, 'nothing-here'));
    w('locked.pisub', GOOD);
    chmodSync(join(dir, 'locked.pisub'), 0o000);
    before = snapshot(dir);
});

afterAll(() => {
    // Nothing any test ran wrote, changed or removed anything.
    expect(snapshot(dir)).toEqual(before);
    chmodSync(join(dir, 'locked.pisub'), 0o644);
    rmSync(dir, { recursive: true, force: true });
});

describe('pisub check on bad input', () => {
    const cases: { what: string; args: string[]; code: number; stderr?: RegExp; stdout?: RegExp }[] = [
        { what: 'a missing file', args: ['check', 'missing.pisub'], code: 2, stderr: /^pisub: missing\.pisub: no such file or folder$/m },
        { what: 'a folder with no submissions', args: ['check', 'nothing-here'], code: 2, stderr: /no \.pisub files found in nothing-here/ },
        { what: 'a binary file', args: ['check', 'binary.pisub'], code: 2, stderr: /binary\.pisub: not a text file \(it contains NUL bytes\)/ },
        { what: 'a 50 MB file', args: ['check', 'huge.pisub'], code: 2, stderr: /huge\.pisub: file is 50\.0 MB; pisub reads submission files of at most 4 MB/ },
        { what: 'a symlink loop', args: ['check', 'loop-a.pisub'], code: 2, stderr: /loop-a\.pisub: too many levels of symbolic links/ },
        { what: 'invalid UTF-8', args: ['check', 'latin1.pisub'], code: 2, stderr: /latin1\.pisub: not valid UTF-8 text; save the file as UTF-8/ },
        { what: 'a non-.pisub file', args: ['check', 'notes.txt'], code: 2, stderr: /notes\.txt: not a submission file/ },
        { what: 'an empty file', args: ['check', 'empty.pisub'], code: 1, stdout: /^empty\.pisub:1:1: error Expected `submission` but found the end of the file\. \[submission\/syntax\]$/m },
        { what: 'a device (link to /dev/zero)', args: ['check', 'zero.pisub'], code: 2, stderr: /zero\.pisub: not a regular file/ },
        { what: 'a named pipe', args: ['check', 'fifo.pisub'], code: 2, stderr: /fifo\.pisub: not a regular file/ },
        { what: 'a path through a file', args: ['check', 'good.pisub/inner.pisub'], code: 2, stderr: /good\.pisub\/inner\.pisub: a part of the path is not a folder/ },
        { what: 'a name too long for the file system', args: ['check', `${'x'.repeat(300)}.pisub`], code: 2, stderr: /x{300}\.pisub: path too long for the file system/ },
        { what: 'an unknown option', args: ['check', '--colour', 'good.pisub'], code: 2, stderr: /Unknown option '--colour'/ },
        { what: 'no arguments', args: ['check'], code: 2, stderr: /needs at least one file or folder/ },
        { what: 'a BOM and CRLF line ends', args: ['check', 'bom-crlf.pisub'], code: 0, stdout: /1 file checked: 0 errors, 0 warnings/ },
        { what: 'a file with errors', args: ['check', 'bad.pisub'], code: 1, stdout: /bad\.pisub:\d+:\d+: error .*\[attestation\/sra-not-yes\]/ }
    ];
    for (const c of cases) {
        it(`${c.what}: exit ${c.code} with a clear message`, async () => {
            const r = await pisub(c.args);
            expect(r.code, r.stderr + r.stdout).toBe(c.code);
            if (c.stderr) expect(r.stderr).toMatch(c.stderr);
            if (c.stdout) expect(r.stdout).toMatch(c.stdout);
        });
    }

    it('walks a folder with a symlink loop once and skips devices, pipes and non-submissions', async () => {
        const r = await pisub(['check', 'tree']);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^1 file checked: 0 errors/m);
    });

    it('still checks the readable files when others are unreadable (exit 2)', async () => {
        const r = await pisub(['check', 'good.pisub', 'missing.pisub', 'binary.pisub', 'bad.pisub']);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/missing\.pisub: no such file or folder/);
        expect(r.stderr).toMatch(/binary\.pisub: not a text file/);
        expect(r.stdout).toMatch(/bad\.pisub:\d+:\d+: error/);
        expect(r.stdout).toMatch(/2 files checked: .* 2 unreadable inputs/);
    });

    it('lists unreadable inputs in JSON output, which stays valid JSON', async () => {
        const r = await pisub(['check', 'good.pisub', 'latin1.pisub', '--format', 'json']);
        expect(r.code).toBe(2);
        const json = JSON.parse(r.stdout);
        expect(json.unreadable).toEqual([{ path: 'latin1.pisub', message: 'not valid UTF-8 text; save the file as UTF-8' }]);
        expect(json.files.map((f: { path: string }) => f.path)).toEqual(['good.pisub']);
    });

    it('checks a folder of mixed good and bad files, reporting each bad one', async () => {
        const r = await pisub(['check', '.']);
        expect(r.code).toBe(2);
        for (const name of ['binary.pisub', 'huge.pisub', 'latin1.pisub', 'loop-a.pisub', 'loop-b.pisub']) expect(r.stderr).toContain(name);
        expect(r.stderr).not.toContain('notes.txt'); // not a candidate in a folder walk
    });

    it('reports a file it may not read ("permission denied")', async () => {
        const asRoot = process.getuid?.() === 0;
        // Root reads a chmod 000 file anyway; run the CLI as the unprivileged "nobody" user instead.
        const nobody = asRoot ? { uid: 65534, gid: 65534 } : {};
        if (asRoot && (await runProcess(process.execPath, [BIN, '--version'], nobody)).code !== 0) {
            console.warn('skipped: running as root and the CLI cannot run as "nobody" here');
            return;
        }
        const r = await pisub(['check', 'locked.pisub', 'good.pisub'], nobody);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/locked\.pisub: permission denied/);
        expect(r.stdout).toMatch(/1 file checked/);
    });
});

describe('other commands on bad input write nothing', () => {
    it('pisub format --check lists, never writes', async () => {
        const r = await pisub(['format', '--check', 'good.pisub', 'binary.pisub', 'empty.pisub']);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/binary\.pisub: not formatted: not a text file/);
        expect(r.stderr).toMatch(/^empty\.pisub:1:1: error /m);
    });

    it('pisub format leaves files with syntax errors and unreadable files untouched', async () => {
        const r = await pisub(['format', 'empty.pisub', 'latin1.pisub']);
        expect(r.code).toBe(2);
        expect(r.stderr + r.stdout).toMatch(/empty\.pisub/);
    });

    it('pisub export never overwrites an existing file without --force', async () => {
        const r = await pisub(['export', 'good.pisub', '-o', 'bad.pisub']);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/exists|--force/);
    });

    it('pisub import refuses a binary file and an existing output', async () => {
        expect((await pisub(['import', 'binary.pisub'])).code).toBe(2);
        const json = await pisub(['export', 'good.pisub']);
        expect(json.code).toBe(0);
        const r = await runProcess(process.execPath, [BIN, 'import', '/dev/stdin', '-o', 'good.pisub'], { cwd: dir, input: json.stdout });
        expect(r.code).toBe(2);
    });

    it('pisub score on a missing file and on an empty file', async () => {
        expect((await pisub(['score', 'missing.pisub'])).code).toBe(2);
        // An empty file scores (0, exit 0, as documented: "0 scored (even when the score is 0)").
        const r = await pisub(['score', 'empty.pisub']);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/PI category score: 0/);
    });
});
