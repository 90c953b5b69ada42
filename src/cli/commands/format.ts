/**
 * `pisub format [--check] <files or folders...>`: rewrites .pisub files in the canonical layout
 * (src/language/lsp/format-text.ts, the same as the editor's formatter). A file is written only when
 * its layout changes, atomically (temporary file + rename). A file with syntax errors is never
 * touched. `--check` writes nothing and lists the files that would change.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { formatPisubText } from '../../language/lsp/format-text.js';
import { createPisubServices } from '../../language/pisub-module.js';
import { ExitCode, parseOptions, UsageError, type Command } from '../command.js';
import { collectInputs, describeFsError } from '../inputs.js';

/** Writes `text` to `path` through a temporary file in the same folder, renamed over the original. */
export function writeAtomically(path: string, text: string): void {
    const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.pisub-format.tmp`);
    const mode = statSync(path).mode & 0o7777;
    try {
        const fd = openSync(tmp, 'wx', mode);
        try {
            writeSync(fd, text, null, 'utf8');
            fsyncSync(fd);
        } finally {
            closeSync(fd);
        }
        renameSync(tmp, path);
    } catch (e) {
        try { unlinkSync(tmp); } catch { /* not created */ }
        throw e;
    }
}

function hasBom(path: string): boolean {
    const head = readFileSync(path).subarray(0, 3);
    return head.length === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
}

export const formatCommand: Command = {
    name: 'format',
    summary: 'rewrite .pisub files in the canonical layout (--check: only report)',
    usage: `pisub format [--check] <files or folders...>

Rewrites each .pisub file in the canonical layout: one statement per line, 4-space indentation
inside blocks, single spaces between tokens, comments kept, blank lines between groups kept (at most
one). Only files whose layout changes are written (atomically). Files with syntax errors are left
untouched and reported. Folders are searched recursively for *.pisub files.

  --check   write nothing; list the files that would change

Exit codes: 0 nothing to do (or all formatted); 1 with --check, some file would change;
2 usage error, unreadable file or syntax errors (those files are not changed).`,
    async run(argv, io) {
        const { values, positionals } = parseOptions(argv, { check: { type: 'boolean' } });
        if (positionals.length === 0) throw new UsageError('pisub format needs at least one file or folder');
        const { files, problems } = collectInputs(positionals);
        for (const p of problems) io.err(`pisub: ${p.path}: ${p.message}\n`);
        const pisubFiles = files.filter(f => f.path.toLowerCase().endsWith('.pisub'));
        for (const f of files) {
            if (!pisubFiles.includes(f)) io.err(`pisub: ${f.path}: not a .pisub file; only .pisub files are formatted\n`);
        }
        if (files.length === 0 && problems.length === 0) {
            io.err(`pisub: no .pisub files found in ${positionals.join(', ')}\n`);
            return ExitCode.Usage;
        }
        let failed = problems.length > 0 || pisubFiles.length < files.length;

        const services = createPisubServices(EmptyFileSystem).Pisub;
        let changed = 0, unchanged = 0, refused = 0;
        for (const file of pisubFiles) {
            const result = formatPisubText(services, file.text);
            if (!result.ok) {
                refused++;
                for (const e of result.errors) io.err(`${file.path}:${e.line}:${e.column}: error ${e.message} [submission/syntax]\n`);
                io.err(`pisub: ${file.path}: not formatted: fix the syntax error${result.errors.length > 1 ? 's' : ''} first (the file is unchanged)\n`);
                continue;
            }
            if (!result.changed) { unchanged++; continue; }
            changed++;
            if (values.check) {
                io.out(`${file.path}: would be reformatted\n`);
                continue;
            }
            try {
                writeAtomically(file.path, (hasBom(file.path) ? '\ufeff' : '') + result.text);
                io.out(`${file.path}: formatted\n`);
            } catch (e) {
                failed = true;
                io.err(`pisub: ${file.path}: could not write: ${describeFsError(e)} (the file is unchanged)\n`);
            }
        }
        const total = `${changed} ${values.check ? 'would change' : 'formatted'}, ${unchanged} already formatted${refused ? `, ${refused} with syntax errors` : ''}`;
        io.err(`pisub format: ${total}\n`);
        if (failed || refused > 0) return ExitCode.Usage;
        return values.check && changed > 0 ? ExitCode.Errors : ExitCode.Ok;
    }
};
