// Bundles the CLI, the language server and the VS Code extension to CommonJS (Langium is ESM-only).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

export const entries = {
    'out/cli/main': 'src/cli/main.ts',
    'out/language/main': 'src/server/main.ts',
    'out/extension/main': 'src/extension/main.ts'
};

/**
 * Node 20 lacks Object.groupBy / Map.groupBy, which chevrotain 13 (Langium's parser) calls: the one
 * polyfill file is injected at the top of the bundles that contain Langium (not the VS Code client,
 * which shares its extension host with other extensions). Tests load it in test/setup.ts, the
 * Langium CLI with `node --import`.
 */
const POLYFILLS = './scripts/node20-polyfills.mjs';
const withLangium = new Set(['out/cli/main', 'out/language/main']);

const common = {
    outdir: '.',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    target: 'node20',
    format: 'cjs',
    platform: 'node',
    loader: { '.ts': 'ts' },
    external: ['vscode'],
    // jsonc-parser's UMD build requires its parts dynamically, which a bundle can't follow: use its ESM build.
    alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
    sourcemap: !minify,
    minify,
    define: { __PISUB_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'warning'
};

const contexts = await Promise.all([true, false].map(langium => esbuild.context({
    ...common,
    entryPoints: Object.entries(entries).filter(([out]) => withLangium.has(out) === langium).map(([out, src]) => ({ out, in: src })),
    inject: langium ? [POLYFILLS] : []
})));
if (watch) await Promise.all(contexts.map(c => c.watch()));
else for (const c of contexts) { await c.rebuild(); await c.dispose(); }
