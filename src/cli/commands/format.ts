/**
 * `pisub format [--check] <files or folders...>`: rewrites .pisub files in the canonical layout
 * (src/language/lsp/format-text.ts, the same as the editor's formatter). Each file is read,
 * formatted and written in turn (never all read first), through src/interop/write-file.ts: only
 * when its layout changes, atomically, and only if it is still what was read. A file with syntax
 * errors is never touched. `--check` writes nothing and lists the files that would change.
 */
import { EmptyFileSystem } from 'langium';
import { formatPisubText, keepsEveryToken } from '../../language/lsp/format-text.js';
import { createPisubServices } from '../../language/pisub-module.js';
import { readSnapshot, removeTempFilesOnSignals, replaceFile, type WriteHooks } from '../../interop/write-file.js';
import { ExitCode, parseOptions, UsageError, type Command, type Io } from '../command.js';
import { decodeSubmission, describeFsError, findInputPaths, sizeProblem } from '../inputs.js';
import { safe } from '../terminal.js';

export interface FormatCounts {
    /** Written (or, with --check, that would be written). */
    changed: number;
    unchanged: number;
    /** Left unchanged for their syntax errors. */
    syntax: number;
    /** Not formatted for another reason (unreadable, read-only, hard-linked, changed while formatting, write failed). */
    skipped: number;
}

/** Lets pending signals (SIGINT/SIGTERM) be handled between files: writes are synchronous. */
const betweenFiles = () => new Promise<void>(resolve => setImmediate(resolve));

/**
 * Formats the files at `paths` one after the other (read, format, verify, write), printing one line
 * per file. `hooks` are the write module's test seams.
 */
export async function formatFiles(paths: readonly string[], check: boolean, io: Pick<Io, 'out' | 'err'>, hooks: WriteHooks = {}): Promise<FormatCounts> {
    const services = createPisubServices(EmptyFileSystem).Pisub;
    const counts: FormatCounts = { changed: 0, unchanged: 0, syntax: 0, skipped: 0 };
    const skip = (path: string, reason: string) => {
        counts.skipped++;
        io.err(`pisub: ${safe(path)}: not formatted: ${safe(reason)}\n`);
    };
    for (const path of paths) {
        await betweenFiles();
        let snapshot;
        try {
            snapshot = readSnapshot(path);
        } catch (e) {
            skip(path, describeFsError(e));
            continue;
        }
        const tooLarge = sizeProblem(snapshot.stat);
        if (tooLarge) { skip(path, tooLarge); continue; }
        const { text, problem } = decodeSubmission(snapshot.bytes);
        if (problem !== undefined) { skip(path, problem); continue; }
        const bom = snapshot.bytes[0] === 0xef && snapshot.bytes[1] === 0xbb && snapshot.bytes[2] === 0xbf;
        let result;
        try {
            result = formatPisubText(services, text!);
        } catch (e) {
            skip(path, e instanceof RangeError ? 'it is nested too deeply to format' : `internal error: ${(e as Error)?.message ?? String(e)}`);
            continue;
        }
        if (!result.ok) {
            counts.syntax++;
            for (const e of result.errors) io.err(`${safe(path)}:${e.line}:${e.column}: error ${safe(e.message)} [submission/syntax]\n`);
            io.err(`pisub: ${safe(path)}: not formatted: fix the syntax error${result.errors.length > 1 ? 's' : ''} first (the file is unchanged)\n`);
            continue;
        }
        if (!result.changed) { counts.unchanged++; continue; }
        // Verify before writing: the new layout parses and keeps every token and comment.
        if (!keepsEveryToken(services, text!, result.text)) {
            skip(path, 'internal error: the new layout would not keep every token of the file; the file is unchanged (please report this with the file)');
            continue;
        }
        if (check) {
            counts.changed++;
            io.out(`${safe(path)}: would be reformatted\n`);
            continue;
        }
        const outcome = replaceFile(snapshot, (bom ? '\ufeff' : '') + result.text, hooks);
        if (!outcome.ok) { skip(path, outcome.problem!); continue; }
        counts.changed++;
        io.out(`${safe(path)}: formatted\n`);
    }
    return counts;
}

export const formatCommand: Command = {
    name: 'format',
    summary: 'rewrite .pisub files in the canonical layout (--check: only report)',
    usage: `pisub format [--check] <files or folders...>

Rewrites each .pisub file in the canonical layout: one statement per line, 4-space indentation
inside blocks, single spaces between tokens, comments kept, blank lines between groups kept (at most
one), the file's line ends (LF, CRLF or CR) kept. Folders are searched recursively for *.pisub files.

Each file is read, formatted and written in turn, and only when its layout changes. A file is
replaced atomically (a temporary file renamed over it; a symlink stays a link and its target is
rewritten; mode, owner and group are kept) and never when it is unsafe to: files with syntax errors,
read-only files, files with several hard links, and files that changed while pisub worked on them
are left as they are, each named on standard error with the reason.

  --check   write nothing; list the files that would change

Exit codes: 0 nothing to do, or every file that needed it was formatted; 1 with --check, some file
would change; 2 usage error, or some file was not formatted (unreadable, syntax errors, read-only,
hard-linked, changed meanwhile, or the write failed: each is named); 130/143 stopped by
SIGINT/SIGTERM (files already written stay formatted, the others are unchanged, no temporary file
is left).`,
    async run(argv, io) {
        const { values, positionals } = parseOptions(argv, { check: { type: 'boolean' } });
        if (positionals.length === 0) throw new UsageError('pisub format needs at least one file or folder');
        const { paths, problems } = findInputPaths(positionals);
        for (const p of problems) io.err(`pisub: ${safe(p.path)}: ${safe(p.message)}\n`);
        const pisubPaths = paths.filter(p => p.toLowerCase().endsWith('.pisub'));
        for (const p of paths) {
            if (!pisubPaths.includes(p)) io.err(`pisub: ${safe(p)}: not a .pisub file; only .pisub files are formatted\n`);
        }
        if (paths.length === 0 && problems.length === 0) {
            io.err(`pisub: no .pisub files found in ${positionals.map(safe).join(', ')}\n`);
            return ExitCode.Usage;
        }
        if (!values.check) removeTempFilesOnSignals();
        const counts = await formatFiles(pisubPaths, values.check === true, io);
        const parts = [
            `${counts.changed} ${values.check ? 'would change' : 'formatted'}`,
            `${counts.unchanged} already formatted`,
            ...(counts.syntax ? [`${counts.syntax} with syntax errors`] : []),
            ...(counts.skipped ? [`${counts.skipped} not formatted (named above)`] : [])
        ];
        io.err(`pisub format: ${parts.join(', ')}\n`);
        const failed = problems.length > 0 || pisubPaths.length < paths.length || counts.syntax > 0 || counts.skipped > 0;
        if (failed) return ExitCode.Usage;
        return values.check && counts.changed > 0 ? ExitCode.Errors : ExitCode.Ok;
    }
};
