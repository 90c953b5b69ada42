/**
 * `pisub lsp --stdio`: the pisub language server over standard input/output, for editors other than
 * VS Code (Neovim, Helix, Emacs, ...; see docs/editors.md). It runs the very server bundle the VS Code
 * extension starts (out/language/main.cjs, from src/server/main.ts), so both offer the same
 * diagnostics, hover, completion, quick fixes, formatting and custom requests.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ExitCode, parseOptions, UsageError, type Command } from '../command.js';

export const lspCommand: Command = {
    name: 'lsp',
    summary: 'run the language server over stdio (for Neovim and other LSP editors)',
    usage: `pisub lsp --stdio

Runs the pisub language server, speaking the Language Server Protocol on standard input and output.
Start it from your editor's LSP client (docs/editors.md has a Neovim example); it does not print
anything else on standard output. The same server is installed as the "pisub-language-server" command.

  --stdio   talk LSP over standard input/output (the only transport of this command)`,
    async run(argv) {
        const { values, positionals } = parseOptions(argv, { stdio: { type: 'boolean' } });
        if (positionals.length > 0) throw new UsageError(`pisub lsp takes no files (got "${positionals[0]}"); the editor opens them`);
        if (!values.stdio) throw new UsageError('pisub lsp talks LSP over standard input/output: run "pisub lsp --stdio" from your editor');
        // out/cli/main.cjs → out/language/main.cjs
        const server = join(__dirname, '..', 'language', 'main.cjs');
        if (!existsSync(server)) {
            throw new UsageError(`the language server bundle is missing (${server}); run "npm run build" first`);
        }
        if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
        createRequire(__filename)(server);
        // The server now owns the process; it exits when the client sends "exit" or closes stdin.
        return new Promise<ExitCode>(() => { /* never settles */ });
    }
};
