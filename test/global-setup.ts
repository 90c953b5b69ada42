/**
 * Tests that run the CLI or the language server use the bundles in out/. Before any test runs, this
 * rebuilds them when a source is newer (esbuild, a few seconds), so `npx vitest run` never tests a
 * stale out/; and it refuses to start when the grammar is newer than the generated parser (that
 * needs `npm run build`, which runs `langium generate`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const BUNDLES = ['out/cli/main.cjs', 'out/language/main.cjs', 'out/extension/main.cjs'].map(p => join(ROOT, p));

function newest(paths: readonly string[]): number {
    let t = 0;
    const visit = (p: string): void => {
        const s = statSync(p);
        if (s.isDirectory()) for (const name of readdirSync(p)) visit(join(p, name));
        else t = Math.max(t, s.mtimeMs);
    };
    for (const p of paths) if (existsSync(p)) visit(p);
    return t;
}

export default function setup(): void {
    const grammar = join(ROOT, 'src/language/pisub.langium');
    const generated = join(ROOT, 'src/language/generated/ast.ts');
    if (!existsSync(generated) || statSync(grammar).mtimeMs > statSync(generated).mtimeMs) {
        throw new Error('src/language/pisub.langium is newer than src/language/generated/: run `npm run build` (langium generate) first.');
    }
    const sources = newest(['src', 'esbuild.mjs', 'scripts/node20-polyfills.mjs', 'package.json'].map(p => join(ROOT, p)));
    const built = BUNDLES.every(existsSync) ? Math.min(...BUNDLES.map(p => statSync(p).mtimeMs)) : 0;
    if (built >= sources) return;
    const r = spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`out/ is older than src/ and rebuilding it failed:\n${r.stderr || r.stdout}`);
}
