/**
 * The extension manifest (package.json) and language configuration agree with the code: every
 * command of the command table is declared and vice versa, paths exist, the bundle names match
 * esbuild's entries, VS Code 1.100 accepts the engine range, and the word pattern keeps hyphenated
 * names whole.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const pkg = JSON.parse(read('package.json'));
const contributes = pkg.contributes;

describe('package.json', () => {
    test('main is the extension bundle esbuild writes', () => {
        expect(pkg.main).toBe('./out/extension/main.cjs');
        // esbuild.mjs builds when imported, so read its entries as text.
        expect(read('esbuild.mjs')).toMatch(/'out\/extension\/main': 'src\/extension\/main\.ts'/);
    });

    test('VS Code 1.100 (code-server 4.100.3, the e2e host) accepts the engine range and @types/vscode', () => {
        expect(pkg.engines.vscode).toMatch(/^\^1\.(\d+)\.\d+$/);
        expect(Number(/^\^1\.(\d+)/.exec(pkg.engines.vscode)![1])).toBeLessThanOrEqual(100);
        expect(pkg.devDependencies['@types/vscode']).toMatch(/1\.(\d+)/);
        expect(Number(/1\.(\d+)/.exec(pkg.devDependencies['@types/vscode'])![1])).toBeLessThanOrEqual(100);
    });

    test('activates on .pisub files; untrusted workspaces supported', () => {
        expect(pkg.activationEvents).toEqual(['onLanguage:pisub']);
        expect(pkg.capabilities.untrustedWorkspaces).toEqual({ supported: true });
        expect(contributes.languages[0]).toMatchObject({ id: 'pisub', extensions: ['.pisub'] });
    });

    test('every path it names exists', () => {
        const paths = [
            pkg.icon, contributes.languages[0].configuration, contributes.languages[0].icon.light, contributes.languages[0].icon.dark,
            ...contributes.grammars.map((g: { path: string }) => g.path)
        ];
        for (const p of paths) expect(existsSync(new URL(p.replace(/^\.\//, ''), root)), p).toBe(true);
    });

    test('the command table and the declared commands are the same (internal ones excepted)', () => {
        const source = read('src/extension/commands.ts').split('\n').filter(l => !l.trim().startsWith('//')).join('\n');
        const inTable = [...source.matchAll(/\bid: '(pisub\.[\w.]+)'/g)].map(m => m[1]).filter(id => !id.startsWith('pisub.internal.'));
        const declared = contributes.commands.map((c: { command: string }) => c.command);
        expect(inTable.length).toBeGreaterThanOrEqual(4);
        // The portfolio command (src/extension/portfolio.ts) may be declared before it joins the table.
        expect(declared.filter((id: string) => id !== 'pisub.portfolioReport').sort()).toEqual(inTable.filter(id => id !== 'pisub.portfolioReport').sort());
        for (const c of contributes.commands) expect(c.category).toBe('PI');
    });

    test('the settings the code reads are declared, with defaults', () => {
        const props = contributes.configuration.properties;
        for (const key of ['statusBar', 'hover', 'completion', 'inlayHints', 'codeLens', 'semanticTokens']) {
            expect(props[`pisub.${key}.enabled`], key).toMatchObject({ type: 'boolean', default: true });
        }
        expect(props['pisub.defaultPerformanceYear'].default).toBeNull();
        expect(props['pisub.trace.server'].enum).toEqual(['off', 'messages', 'verbose']);
        const settingsSource = read('src/extension/settings.ts') + read('src/extension/client.ts');
        for (const m of settingsSource.matchAll(/get<[^>]+>\('([\w.]+)'/g)) expect(props, m[1]).toHaveProperty([`pisub.${m[1]}`]);
    });
});

describe('language-configuration.json', () => {
    const config = JSON.parse(read('language-configuration.json'));

    test('comments are the grammar\'s hidden comment terminals', () => {
        const grammar = read('src/language/pisub.langium');
        expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        expect(grammar).toContain('hidden terminal SL_COMMENT: /(\\/\\/|#)');
        expect(grammar).toContain('hidden terminal ML_COMMENT: /\\/\\*');
    });

    test('the word pattern keeps hyphenated names, ids and dates whole', () => {
        const words = 'attest safer-guide yes completed 2024-03-14 PI_EP_1 4120/4630 {pre-production}'.match(new RegExp(config.wordPattern, 'g'));
        expect(words).toEqual(['attest', 'safer-guide', 'yes', 'completed', '2024-03-14', 'PI_EP_1', '4120', '4630', 'pre-production']);
    });

    test('braces and quotes pair up', () => {
        expect(config.brackets).toEqual([['{', '}']]);
        expect(config.autoClosingPairs.map((p: { open: string }) => p.open)).toEqual(expect.arrayContaining(['{', '"', "'"]));
    });
});
