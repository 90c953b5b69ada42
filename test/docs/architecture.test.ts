/**
 * The tree reads as docs/architecture.md says: src/language/ is a library (no `vscode`, no import of
 * the layers above it), every check area file starts with the codes it reports, and every code of
 * the catalogue is reported by exactly the area files that list it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/language/rules/catalogue.js';

const ROOT = join(__dirname, '..', '..');
const LANGUAGE = join(ROOT, 'src', 'language');

function files(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const p = join(dir, name);
        return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
    });
}

describe('architecture', () => {
    it('src/language/ imports neither vscode nor the layers above it', () => {
        for (const file of files(LANGUAGE)) {
            for (const m of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)) {
                const spec = m[1];
                expect(spec, relative(ROOT, file)).not.toBe('vscode');
                if (spec.startsWith('.')) {
                    const target = resolve(dirname(file), spec);
                    expect(target.startsWith(LANGUAGE), `${relative(ROOT, file)} imports ${spec}`).toBe(true);
                }
            }
        }
    });

    it('each check area lists the codes it reports, and reports only those', () => {
        const dir = join(LANGUAGE, 'rules', 'checks');
        const listed = new Map<string, string[]>();
        for (const file of readdirSync(dir)) {
            const text = readFileSync(join(dir, file), 'utf8');
            const header = /^\/\*\*([\s\S]*?)\*\//.exec(text)?.[1] ?? '';
            const reports = /Reports:([\s\S]*?)(?:\n \*\s*\n|\n \*\/|$)/.exec(header)?.[1] ?? '';
            const codes = [...reports.matchAll(/\b[a-z-]+\/[a-z-]*[a-z](?![a-z-]|\.ts|\/)/g)].map(x => x[0]);
            expect(codes.length, `${file} starts with "Reports: <codes>"`).toBeGreaterThan(0);
            for (const code of codes) expect(RULES.has(code), `${file}: ${code}`).toBe(true);
            listed.set(file, codes);
            const reported = [...text.matchAll(/report\('([a-z-]+\/[a-z-]+)'/g)].map(x => x[0].slice(8, -1));
            for (const code of reported) expect(codes, `${file} reports ${code}`).toContain(code);
        }
        // Every rule code is listed by some area, or is the engine's (score/zero), the parser's/linker's,
        // or headless.ts's (submission/unreadable: a file that could not be checked at all) or workspace-guards.ts's (submission/file-too-large).
        const all = new Set([...listed.values()].flat());
        const elsewhere = ['score/zero', 'submission/syntax', 'prior-year/unresolved', 'submission/unreadable', 'submission/file-too-large'];
        expect([...RULES.keys()].filter(c => !all.has(c) && !elsewhere.includes(c))).toEqual([]);
    });
});
