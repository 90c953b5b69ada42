/**
 * The extension declares untrusted-workspace support; that is honest only while nothing a
 * workspace controls can make it run code: no setting names an executable, a path to run, a
 * command line or arguments (unless VS Code is told to ignore it in untrusted workspaces via
 * `restrictedConfigurations`), and the language server it starts is its own bundled file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const EXECUTABLE_HINT = /path|executable|command|binary|args|argv|runtime|node|script|server\.(path|module)|exe\b|shell/i;

describe('untrusted workspaces', () => {
    const untrusted = pkg.capabilities?.untrustedWorkspaces;

    it('are declared explicitly', () => {
        expect(untrusted, 'package.json capabilities.untrustedWorkspaces').toBeDefined();
        expect([true, false, 'limited']).toContain(untrusted.supported);
    });

    it('no workspace-controllable setting can name something to run', () => {
        const restricted = new Set<string>(untrusted?.restrictedConfigurations ?? []);
        const props: Record<string, { description?: string; markdownDescription?: string; scope?: string }> = pkg.contributes?.configuration?.properties ?? {};
        const risky = Object.entries(props).filter(([name, p]) => {
            const machineOnly = p.scope === 'machine' || p.scope === 'application';
            return !machineOnly && !restricted.has(name) && (EXECUTABLE_HINT.test(name) || /\b(executable|command line|path to)\b/i.test(p.description ?? p.markdownDescription ?? ''));
        }).map(([name]) => name);
        if (untrusted?.supported === true) expect(risky, 'settings a workspace could set to run code').toEqual([]);
        if (untrusted?.supported === 'limited') expect(untrusted.description, 'a limited declaration says what is limited').toBeTruthy();
    });

    it('the extension starts only its own bundled server and spawns nothing else', () => {
        const dir = join(ROOT, 'src', 'extension');
        const code = readdirSync(dir).filter(f => f.endsWith('.ts')).map(f => readFileSync(join(dir, f), 'utf8')).join('\n');
        expect(code).not.toMatch(/child_process|\bexecSync\b|\bspawn\(|\bexecFile\(/);
        const modules = [...code.matchAll(/module\s*[:=]\s*([^,}\n]+)/g)].map(m => m[1].trim());
        expect(modules.length).toBeGreaterThan(0);
        expect(code).toMatch(/asAbsolutePath\(\s*['"]out\/language\/main\.cjs['"]\s*\)/);
        expect(code, 'the server path must not come from a setting').not.toMatch(/getConfiguration\([^)]*\)\s*\.get\([^)]*(path|server|module)/i);
    });
});
