/**
 * File content is data, never code: the sources use no eval, Function constructor, vm module or
 * computed dynamic import; a submission written as JavaScript is only ever a syntax error; a QPP
 * JSON file with "__proto__" / "constructor" keys pollutes no prototype.
 */
import '../../src/interop/register.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../helpers/check.js';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) return name === 'generated' ? [] : sources(p);
        return /\.(ts|mts|cts|js|mjs|cjs)$/.test(name) ? [p] : [];
    });
}

/**
 * Code without comments; with `blankStrings`, without string contents either (prose like "never
 * eval(...)"). A small scanner, so a comment marker inside a string ('**\/*.pisub') is not a comment.
 */
function codeOnly(text: string, blankStrings: boolean): string {
    let out = '';
    for (let i = 0; i < text.length; i++) {
        const c = text[i], next = text[i + 1];
        if (c === '/' && next === '/') { while (i < text.length && text[i] !== '\n') i++; out += '\n'; continue; }
        if (c === '/' && next === '*') { const end = text.indexOf('*/', i + 2); i = end < 0 ? text.length : end + 1; out += ' '; continue; }
        if (c === '"' || c === "'" || c === '`') {
            let j = i + 1;
            while (j < text.length && text[j] !== c && !(c !== '`' && text[j] === '\n')) j += text[j] === '\\' ? 2 : 1;
            out += blankStrings ? c + c : text.slice(i, j + 1);
            i = j;
            continue;
        }
        out += c;
    }
    return out;
}

/** [pattern, what, whether to look at code with string contents blanked]. */
const FORBIDDEN: [RegExp, string, boolean][] = [
    [/\beval\s*\(/, 'eval(', true],
    [/\bnew\s+Function\s*\(/, 'new Function(', true],
    [/\bFunction\s*\(\s*["'`]/, 'Function("...")', true],
    [/from\s+["'](node:)?vm["']|require\(\s*["'](node:)?vm["']\s*\)/, 'the vm module', false],
    [/\bimport\s*\(\s*[^"'`\s)]/, 'import() of a computed path', true],
    [/\bset(Timeout|Interval)\s*\(\s*["'`]/, 'setTimeout/setInterval with a string', false]
];
const offends = (text: string) => FORBIDDEN.filter(([re, , blank]) => re.test(codeOnly(text, blank))).map(([, what]) => what);

describe('no evaluation of file content', () => {
    const files = [...sources(join(ROOT, 'src')), join(ROOT, 'bin', 'pisub.cjs')];

    it('finds the sources to scan', () => {
        expect(files.length).toBeGreaterThan(20);
        expect(files.some(f => f.endsWith('headless.ts'))).toBe(true);
    });

    it('no source uses eval, the Function constructor, the vm module or a computed import()', () => {
        const hits: string[] = [];
        for (const file of files) {
            for (const what of offends(readFileSync(file, 'utf8'))) hits.push(`${relative(ROOT, file)}: ${what}`);
        }
        expect(hits).toEqual([]);
    });

    it('the scan does catch each forbidden form (control)', () => {
        const samples = ['eval(text)', 'new Function("a", body)', 'Function("return this")()', "import vm from 'node:vm'", "const vm = require('vm')", 'await import(userPath)', 'setTimeout("alert(1)", 1)'];
        for (const s of samples) expect(offends(s).length, s).toBeGreaterThan(0);
        expect(offends('const message = "never eval(x) here"; // eval(y)')).toEqual([]);
        expect(offends("const glob = '**/*.pisub'; eval(code); const end = '*/';")).toEqual(['eval(']);
    });

    it('a submission written as JavaScript is a syntax error and runs nothing', async () => {
        (globalThis as Record<string, unknown>).__pisubRan = undefined;
        const file = await checkText('submission x { note "${globalThis.__pisubRan = 1}" }\nglobalThis.__pisubRan = 2; eval("globalThis.__pisubRan = 3")');
        expect(file.diagnostics.some(d => d.code === 'submission/syntax')).toBe(true);
        expect((globalThis as Record<string, unknown>).__pisubRan).toBeUndefined();
    });

    it('QPP JSON with __proto__ and constructor keys pollutes no prototype', async () => {
        const json = JSON.stringify({
            entityType: 'group', taxpayerIdentificationNumber: '123456789', performanceYear: 2024,
            measurementSets: [{ category: 'pi', submissionMethod: 'registry', performanceStart: '2024-01-01', performanceEnd: '2024-12-31', measurements: [] }]
        }).replace('{', '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},');
        const file = await checkText(json, 'attack.json');
        expect(file.format).toBe('qpp-json');
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    });
});
