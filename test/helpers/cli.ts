/** Runs the built CLI (out/cli/main.cjs via bin/pisub.cjs) as a user would. `npm test` builds first. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'pisub.cjs');

export interface CliResult { code: number | null; stdout: string; stderr: string }

export function pisub(args: string[], options: { cwd?: string; input?: string } = {}): CliResult {
    if (!existsSync(join(ROOT, 'out', 'cli', 'main.cjs'))) throw new Error('out/cli/main.cjs missing: run `npm run build` first (npm test does)');
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, encoding: 'utf8', input: options.input, timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
