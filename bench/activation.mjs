/** Extension activation time: require + activate() of out/extension/main.cjs with a stand-in vscode. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './measure.mjs';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'activation-child.cjs');

export async function activationTime(extensionPath, runs = 5) {
    const method = 'fresh Node process, stand-in vscode module; excludes the language server start';
    if (!existsSync(extensionPath)) return { method, skipped: 'out/extension/main.cjs missing' };
    const samples = [];
    for (let i = 0; i < runs; i++) {
        const out = execFileSync(process.execPath, [CHILD, extensionPath], { encoding: 'utf8', timeout: 20_000, cwd: join(dirname(extensionPath), '../..') });
        samples.push(JSON.parse(out.trim().split('\n').at(-1)));
    }
    return {
        method, runs,
        requireMs: median(samples.map(s => s.requireMs)),
        activateMs: median(samples.map(s => s.activateMs)),
        completed: samples.every(s => s.completed),
        error: samples.find(s => s.error)?.error
    };
}
