/**
 * Runs the built CLI (out/cli/main.cjs via bin/pisub.cjs) as a user would. `npm test` builds first.
 *
 * Processes run asynchronously and the tests await their exit: a synchronous spawn blocks the
 * vitest worker, and under load a test that blocks it for a minute fails with vitest's
 * `Timeout calling "onTaskUpdate"` however correct the CLI is.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'pisub.cjs');

/**
 * A hang guard, not a speed limit: a process (or an awaited event) that takes this long is hung.
 * Below vitest's testTimeout (vitest.config.ts), so the failure names what hung.
 */
export const HANG_GUARD_MS = 5 * 60_000;

export interface CliResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

export interface RunOptions { cwd?: string; input?: string | Buffer; env?: NodeJS.ProcessEnv; uid?: number; gid?: number }

/** Runs `file args` and resolves when it has exited and closed its output. Killed by the hang guard only. */
export function run(file: string, args: string[], options: RunOptions = {}): Promise<CliResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(file, args, { cwd: options.cwd ?? ROOT, env: options.env, uid: options.uid, gid: options.gid, stdio: 'pipe' });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
        child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
        const guard = setTimeout(() => child.kill('SIGKILL'), HANG_GUARD_MS);
        child.on('error', e => { clearTimeout(guard); reject(e); });
        child.on('close', (code, signal) => { clearTimeout(guard); resolve({ code, signal, stdout, stderr }); });
        child.stdin.on('error', () => { /* EPIPE: the process exited without reading its input */ });
        child.stdin.end(options.input);
    });
}

export function pisub(args: string[], options: { cwd?: string; input?: string } = {}): Promise<CliResult> {
    if (!existsSync(join(ROOT, 'out', 'cli', 'main.cjs'))) throw new Error('out/cli/main.cjs missing: run `npm run build` first (npm test does)');
    return run(process.execPath, [BIN, ...args], options);
}
