/**
 * Red-team findings (R9): inputs and situations the CLI's authors did not write, each found by
 * running the built CLI as a hostile or unlucky consultant would. Every test failed before its fix.
 * Temp folders only; a process that hangs is killed with SIGKILL (a hang guard, never an assertion
 * about time: SIGTERM is not enough once pisub's signal handlers are installed and it is blocked in
 * a synchronous read).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';

const MESSY = 'submission a {\n  year 2024\n\n\n  measure e-prescribing 5/10 // note\n}';
const CANONICAL = 'submission a {\n    year 2024\n\n    measure e-prescribing 5 / 10 // note\n}\n';

function folder(files: Record<string, string> = {}): string {
    const dir = mkdtempSync(join(tmpdir(), 'pisub-redteam-'));
    chmodSync(dir, 0o755);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
}

function mkfifo(path: string): boolean {
    return spawnSync('mkfifo', [path]).status === 0;
}

/** The built CLI in `cwd`; killed with SIGKILL if it has not ended after 60 s (a hang guard). */
function run(args: string[], cwd: string): { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
    return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

describe('pipes and devices are never read as files to replace', () => {
    it('format refuses a symlink to /dev/zero and a FIFO named x.pisub, unread, and formats the other file', () => {
        const dir = folder({ 'a.pisub': MESSY });
        symlinkSync('/dev/zero', join(dir, 'zero.pisub'));
        const fifo = mkfifo(join(dir, 'fifo.pisub'));
        const args = ['format', 'zero.pisub', ...(fifo ? ['fifo.pisub'] : []), 'a.pisub'];
        const r = run(args, dir);
        expect(r.signal).toBeNull(); // it ended by itself (before: read /dev/zero forever)
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('pisub: zero.pisub: not formatted: not a regular file');
        if (fifo) expect(r.stderr).toContain('pisub: fifo.pisub: not formatted: not a regular file');
        expect(readFileSync(join(dir, 'a.pisub'), 'utf8')).toBe(CANONICAL);
        expect(r.stderr).toContain(`pisub format: 1 formatted, 0 already formatted, ${fifo ? 2 : 1} not formatted (named above)`);
    });

    it('report/export -o a FIFO or a link to /dev/zero, even with --force, is refused without reading it', () => {
        const dir = folder({ 'a.pisub': CANONICAL });
        symlinkSync('/dev/zero', join(dir, 'zero.out'));
        const outputs = ['zero.out', ...(mkfifo(join(dir, 'fifo.out')) ? ['fifo.out'] : [])];
        for (const out of outputs) {
            for (const args of [['report', 'a.pisub', '-o', out, '--force'], ['export', 'a.pisub', '--allow-errors', '-o', out, '--force'], ['report', 'a.pisub', '-o', out]]) {
                const r = run(args, dir);
                expect(r.signal, args.join(' ')).toBeNull(); // before: blocked on the FIFO / read /dev/zero forever, deaf to SIGTERM
                expect(r.code, args.join(' ')).not.toBe(0);
                expect(r.stderr, args.join(' ')).toContain(`${out} is not a regular file`);
                expect(r.stderr).not.toMatch(/\n\s+at /);
            }
        }
        expect(readFileSync(join(dir, 'a.pisub'), 'utf8')).toBe(CANONICAL);
        expect(readdirSync(dir).filter(n => n.endsWith('.tmp'))).toEqual([]);
    });
});

describe('format over a folder', () => {
    it('a QPP JSON file found in a folder is not an error (only .pisub files are formatted); one named on the command line is', () => {
        const dir = folder({ 'a.pisub': MESSY, 'b.qpp.json': '{}' });
        const r = run(['format', '.'], dir);
        expect(r.stderr).not.toContain('b.qpp.json');
        expect(r.code).toBe(0); // before: 2, "b.qpp.json: not a .pisub file", though every .pisub file was formatted
        expect(readFileSync(join(dir, 'a.pisub'), 'utf8')).toBe(CANONICAL);

        const named = run(['format', 'a.pisub', 'b.qpp.json'], dir);
        expect(named.code).toBe(2);
        expect(named.stderr).toContain('pisub: b.qpp.json: not a .pisub file; only .pisub files are formatted');

        const onlyJson = folder({ 'b.qpp.json': '{}' });
        const none = run(['format', '.'], onlyJson);
        expect(none.code).toBe(2);
        expect(none.stderr).toContain('no .pisub files found');
    });
});

describe('file names that would make the output lie', () => {
    it('a file whose name is not UTF-8 (a Latin-1 "M\\xfcller.pisub") is named as such, not "no such file", and not confused with its look-alike', () => {
        const dir = folder({ 'good.pisub': MESSY });
        writeFileSync(Buffer.from(`${dir}/M\xfcller.pisub`, 'latin1'), MESSY);
        // The UTF-8 name its bytes decode to (U+FFFD): a different file the walk must not take for it.
        writeFileSync(join(dir, 'M\ufffdller.pisub'), CANONICAL);
        const r = run(['check', '.'], dir);
        expect(r.stderr).toContain('pisub: M\ufffdller.pisub: its name is not valid UTF-8, so pisub cannot open it; rename the file');
        expect(r.stderr).not.toContain('no such file'); // before: "no such file or folder" for a file that is there
        expect(r.code).toBe(2);
        expect(r.stdout).toContain('2 files checked');

        const f = run(['format', '.'], dir);
        expect(f.code).toBe(2);
        expect(f.stderr).toContain('its name is not valid UTF-8');
        expect(readFileSync(Buffer.from(`${dir}/M\xfcller.pisub`, 'latin1'), 'utf8')).toBe(MESSY);
        expect(readFileSync(join(dir, 'good.pisub'), 'utf8')).toBe(CANONICAL);
    });

    it('bidirectional controls in a file name (U+202E: "evil\\u202Egnp.pisub" shows as "evilbusip.png") are escaped in every text output', () => {
        const name = 'evil\u202egnp\u2066.pisub';
        // The practice name (shown by the report table) carries one too.
        const dir = folder({ [name]: MESSY.replace('year 2024', 'year 2024\n  practice "Acme \u202eevil"') });
        const bidi = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
        for (const args of [['check', '.'], ['format', '--check', '.'], ['report', '.'], ['score', name]]) {
            const r = run(args, dir);
            if (args[0] === 'report') expect(r.stdout).toContain('Acme');
            else expect(r.stdout + r.stderr, args.join(' ')).toContain('evil\\u202egnp\\u2066.pisub');
            expect(bidi.test(r.stdout + r.stderr), args.join(' ')).toBe(false);
        }
    });
});

describe('import writes no control characters', () => {
    it('ESC/BEL (a terminal-title sequence), U+2028 and U+202E in QPP JSON strings reach neither the terminal nor the .pisub file raw', () => {
        const dir = folder();
        const json = {
            entityType: 'individual', taxpayerIdentificationNumber: '000456789\u001b]0;pwned\u0007', nationalProviderIdentifier: '1234567893',
            performanceYear: 2024,
            measurementSets: [{
                category: 'pi', submissionMethod: 'registry\u001b[2J\u2028x\u0085y', performanceStart: '2024-01-01', performanceEnd: '2024-12-31',
                cehrtId: '0015C01234567AB\u202e',
                measurements: [{ measureId: 'PI_EP_1\u001b[2J', value: { numerator: 1, denominator: 10 } }, { measureId: 'PI_EP_1', value: { numerator: 1, denominator: 10 } }]
            }]
        };
        writeFileSync(join(dir, 'e.json'), JSON.stringify(json));
        const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
        const r = run(['import', 'e.json'], dir);
        expect(r.code).toBe(1); // import names what it could not import as-is (the damaged id, the measure given twice) as errors
        expect(unsafe.test(r.stdout)).toBe(false); // before: ESC ] 0 ; pwned BEL went to the terminal
        expect(unsafe.test(r.stderr)).toBe(false);
        expect(r.stdout).toContain('tin "000456789 ]0;pwned"');

        expect(run(['import', 'e.json', '-o', 'e.pisub'], dir).code).toBe(1);
        expect(unsafe.test(readFileSync(join(dir, 'e.pisub'), 'utf8'))).toBe(false);
        // The damaged TIN stays invalid; the CEHRT id loses its override character and the file's
        // header says so (a warning naming the value as the source gave it).
        const c = run(['check', 'e.pisub'], dir);
        expect(c.stdout).toMatch(/\[entity\/[a-z-]+\]/);
        expect(readFileSync(join(dir, 'e.pisub'), 'utf8')).toMatch(/\/\/ Warning: .*0015C01234567AB\\u202e.*control characters/);
        expect(readFileSync(join(dir, 'e.pisub'), 'utf8')).toContain('measure e-prescribing 1 / 10');
    });
});
