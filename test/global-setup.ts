/**
 * Runs once before the suite (vitest `globalSetup`):
 * - The grammar must not be newer than the generated parser (that needs `npm run build`).
 * - Many tests run the built bundles in out/ (the CLI, the language server). A bundle older than
 *   src/ would test yesterday's code and pass, so a stale or missing out/ is rebuilt first with
 *   `node esbuild.mjs` (= `npm run bundle`; `npm test` runs the full build, generation and type check
 *   included, before the suite).
 * - Prints the fast-check seed every property test uses (test/setup.ts), so a failure reproduces.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FUZZ_SCALE, FUZZ_SEED } from './fuzz/seed.js';

const ROOT = join(__dirname, '..');
const BUNDLES = ['out/cli/main.cjs', 'out/language/main.cjs', 'out/extension/main.cjs'];

/** The newest file under `dir` (recursively), with its modification time. */
function newest(dir: string): { path: string; mtime: number } {
    let best = { path: dir, mtime: 0 };
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        const candidate = entry.isDirectory() ? newest(path) : { path, mtime: statSync(path).mtimeMs };
        if (candidate.mtime > best.mtime) best = candidate;
    }
    return best;
}

/** Why out/ must be rebuilt, or undefined when every bundle is newer than every source. */
export function staleBundles(root: string = ROOT): string | undefined {
    const missing = BUNDLES.filter(b => !existsSync(join(root, b)));
    if (missing.length > 0) return `${missing.join(', ')} missing`;
    const oldest = Math.min(...BUNDLES.map(b => statSync(join(root, b)).mtimeMs));
    const file = (p: string) => ({ path: join(root, p), mtime: statSync(join(root, p)).mtimeMs });
    for (const source of [newest(join(root, 'src')), file('esbuild.mjs'), file('scripts/node20-polyfills.mjs')]) {
        if (source.mtime > oldest) return `${relative(root, source.path)} is newer than out/`;
    }
    return undefined;
}

export default function setup(): void {
    const grammar = join(ROOT, 'src/language/pisub.langium');
    const generated = join(ROOT, 'src/language/generated/ast.ts');
    if (!existsSync(generated) || statSync(grammar).mtimeMs > statSync(generated).mtimeMs) {
        throw new Error('src/language/pisub.langium is newer than src/language/generated/: run `npm run build` (langium generate) first.');
    }
    const stale = staleBundles();
    if (stale) {
        console.log(`out/ is stale (${stale}): bundling with \`node esbuild.mjs\` before the tests`);
        const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
        if (r.status !== 0) throw new Error('`node esbuild.mjs` failed: the tests would run a stale out/. Fix the build (`npm run build`) first.');
        const still = staleBundles();
        if (still) throw new Error(`out/ is still stale after bundling (${still}); run \`npm run build\`.`);
    }
    console.log(`fast-check seed ${FUZZ_SEED}, runs × ${FUZZ_SCALE} (reproduce or vary: FUZZ_SEED=<n> FUZZ_SCALE=<k> npx vitest run)`);
}
