/**
 * A second editor, proven: Debian's Neovim, headless, with the Neovim 0.7–0.9 configuration of
 * docs/editors.md taken verbatim from the page (only the server command points at this checkout's
 * bin/pisub-language-server.cjs), opens a .pisub file; neovim-check.lua waits for the diagnostics and
 * asks for a hover, the quick fixes and formatting, applies them, and writes what arrived to a file.
 * Needs `nvim` (`apt-get install neovim`, done by .ci/run) and the built server (`npm run build`).
 * The only time limits are hang guards (the Lua waits and the process kill), never assertions.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { submission } from '../helpers/submissions.js';

const ROOT = join(__dirname, '..', '..');
const SERVER = join(ROOT, 'bin', 'pisub-language-server.cjs');
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const available = nvim.status === 0;
if (!available) console.warn('test/editors/neovim.test.ts skipped: no `nvim` on PATH (apt-get install neovim).');

/** The Lua block of docs/editors.md for Neovim 0.7–0.9. */
function documentedConfig(): string {
    const doc = readFileSync(join(ROOT, 'docs', 'editors.md'), 'utf8');
    const block = /```lua\n(-- init\.lua \(Neovim 0\.7-0\.9\)\n[\s\S]*?)```/.exec(doc)?.[1];
    if (!block) throw new Error('docs/editors.md has no "-- init.lua (Neovim 0.7-0.9)" block');
    return block;
}

const dir = mkdtempSync(join(tmpdir(), 'pisub-nvim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!available)(`Neovim (${nvim.stdout?.split('\n')[0] ?? 'absent'}) with the configuration of docs/editors.md`, () => {
    it('gets diagnostics with codes, a hover, a quick fix and formatting from the built server', async () => {
        expect(existsSync(join(ROOT, 'out', 'language', 'main.cjs')), 'run `npm run build` first').toBe(true);
        const config = documentedConfig();
        expect(config).toContain('vim.lsp.start_client');
        expect(config).toContain('vim.lsp.buf_attach_client');
        expect(config).toContain('vim.g.do_filetype_lua = 1');
        const init = config.replace("cmd = { 'pisub-language-server' }", `cmd = { 'node', ${JSON.stringify(SERVER)} }`);
        expect(init).not.toBe(config);
        writeFileSync(join(dir, 'init.lua'), init);
        // SAFER "no" in 2024 (an error with a quick fix) and one badly indented line (for formatting).
        const text = submission({ year: 2024 }).replace('attest safer-guide yes', 'attest safer-guide no').replace('    year 2024', '        year   2024');
        writeFileSync(join(dir, 'oakwood.pisub'), text);
        const outFile = join(dir, 'out.json');

        const child = spawn('nvim', ['--headless', '-u', join(dir, 'init.lua'), '-i', 'NONE', 'oakwood.pisub', '-c', `luafile ${join(__dirname, 'neovim-check.lua')}`], {
            cwd: dir, env: { ...process.env, PISUB_NVIM_OUT: outFile, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir }, stdio: ['ignore', 'pipe', 'pipe']
        });
        let stderr = '';
        child.stderr.on('data', c => { stderr += String(c); });
        const guard = setTimeout(() => child.kill('SIGKILL'), 170_000); // hang guard only
        const code = await new Promise<number | null>(resolve => child.on('exit', resolve));
        clearTimeout(guard);
        expect(existsSync(outFile), `nvim exited ${code} without writing results; stderr: ${stderr}`).toBe(true);
        const out = JSON.parse(readFileSync(outFile, 'utf8'));

        expect(out.errors).toEqual([]);
        expect(out.filetype).toBe('pisub');
        expect(out.clients).toBe(1);
        expect(out.codes).toContain('attestation/safer-not-yes');
        expect(out.codes).toContain('score/zero');
        expect(out.hover).toContain('`PI_PPHI_2` (`safer-guide`), 2024');
        expect(out.actions[0]).toBe('Attest "yes" (after completing the self-assessment)');
        expect(out.after_fix).toBe('    attest safer-guide yes completed 2024-02-02');
        expect(out.format_edits).toBeGreaterThan(0);
        expect(out.formatted).toContain('\n    year 2024\n');
        expect(out.formatted).not.toContain('safer-guide no');
    });
});
