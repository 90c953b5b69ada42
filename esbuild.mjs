// Bundles the CLI, the language server and the VS Code extension to CommonJS (Langium is ESM-only).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

export const entries = {
    'out/cli/main': 'src/cli/main.ts',
    'out/language/main': 'src/language/main.ts',
    'out/extension/main': 'src/extension/main.ts'
};

const ctx = await esbuild.context({
    entryPoints: Object.entries(entries).map(([out, src]) => ({ out, in: src })),
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
});
if (watch) await ctx.watch();
else { await ctx.rebuild(); await ctx.dispose(); }
