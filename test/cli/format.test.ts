import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pisub } from '../helpers/cli.js';

const MESSY = 'submission a {\n  year 2024\n\n\n  measure e-prescribing 5/10 // note\n}';
const CANONICAL = 'submission a {\n    year 2024\n\n    measure e-prescribing 5 / 10 // note\n}\n';
const BROKEN = 'submission b {\n    year\n}\n';

function folder(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'pisub-format-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
}

describe('pisub format', () => {
    it('rewrites a file in place, only when its layout changes, keeping its mode', async () => {
        const dir = folder({ 'a.pisub': MESSY, 'ok.pisub': CANONICAL });
        chmodSync(join(dir, 'a.pisub'), 0o640);
        const okBefore = statSync(join(dir, 'ok.pisub')).mtimeMs;
        const r = await pisub(['format', dir]);
        expect(r.code).toBe(0);
        expect(r.stdout).toBe(`${join(dir, 'a.pisub')}: formatted\n`);
        expect(r.stderr).toBe('pisub format: 1 formatted, 1 already formatted\n');
        expect(readFileSync(join(dir, 'a.pisub'), 'utf8')).toBe(CANONICAL);
        expect(statSync(join(dir, 'a.pisub')).mode & 0o777).toBe(0o640);
        expect(statSync(join(dir, 'ok.pisub')).mtimeMs).toBe(okBefore);
        // No temporary file is left behind.
        expect(readdirSync(dir).sort()).toEqual(['a.pisub', 'ok.pisub']);
        // A second run has nothing to do.
        expect((await pisub(['format', dir])).stdout).toBe('');
    });

    it('--check writes nothing and exits 1, naming the files that would change', async () => {
        const dir = folder({ 'a.pisub': MESSY, 'ok.pisub': CANONICAL });
        const r = await pisub(['format', '--check', dir]);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe(`${join(dir, 'a.pisub')}: would be reformatted\n`);
        expect(readFileSync(join(dir, 'a.pisub'), 'utf8')).toBe(MESSY);
        expect((await pisub(['format', '--check', join(dir, 'ok.pisub')])).code).toBe(0);
    });

    it('refuses a file with syntax errors: clear message, exit 2, file untouched; formats the others', async () => {
        const dir = folder({ 'a.pisub': MESSY, 'b.pisub': BROKEN });
        const r = await pisub(['format', dir]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`${join(dir, 'b.pisub')}:3:1: error Expected a number (the performance year, e.g. 2024) but found \`}\`. [submission/syntax]`);
        expect(r.stderr).toContain(`pisub: ${join(dir, 'b.pisub')}: not formatted: fix the syntax error first (the file is unchanged)`);
        expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
        expect(readFileSync(join(dir, 'b.pisub'), 'utf8')).toBe(BROKEN);
        expect(readFileSync(join(dir, 'a.pisub'), 'utf8')).toBe(CANONICAL);
    });

    it('keeps a UTF-8 byte order mark', async () => {
        const dir = folder({ 'bom.pisub': '\ufeff' + MESSY });
        expect((await pisub(['format', dir])).code).toBe(0);
        expect(readFileSync(join(dir, 'bom.pisub'), 'utf8')).toBe('\ufeff' + CANONICAL);
    });

    it('usage errors: no files, a missing file, a file that is not .pisub', async () => {
        expect((await pisub(['format'])).code).toBe(2);
        const missing = await pisub(['format', '/nonexistent/x.pisub']);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain('/nonexistent/x.pisub: no such file or folder');
        const dir = folder({ 'sub.qpp.json': '{}' });
        const json = await pisub(['format', join(dir, 'sub.qpp.json')]);
        expect(json.code).toBe(2);
        expect(json.stderr).toContain('not a .pisub file');
        expect(readFileSync(join(dir, 'sub.qpp.json'), 'utf8')).toBe('{}');
    });
});
