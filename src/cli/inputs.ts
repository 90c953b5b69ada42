/**
 * Turns the command line's files and folders into source texts, refusing what is not a readable
 * text submission with a clear message (never a stack trace): missing paths, unreadable files,
 * binary files, invalid UTF-8, oversized files, symlink loops.
 */
import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { inputFormatFor, type SourceFile } from '../language/headless.js';
import { ExitCode } from './command.js';
import { safe } from './terminal.js';

/** A real submission is a few KB; a 10,000-line group file is about 0.5 MB. 4 MB bounds memory (docs/robustness.md). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export interface InputProblem {
    readonly path: string;
    readonly message: string;
}

export interface Inputs {
    readonly files: SourceFile[];
    readonly problems: InputProblem[];
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode-e2e']);

function isSubmissionPath(path: string): boolean {
    return path.toLowerCase().endsWith('.pisub') || inputFormatFor(path) !== undefined;
}

/** Files found by walking a folder: .pisub, and QPP JSON files named *.qpp.json. */
function isFolderCandidate(name: string): boolean {
    const lower = name.toLowerCase();
    return lower.endsWith('.pisub') || lower.endsWith('.qpp.json');
}

export function readSubmissionText(path: string): { text?: string; problem?: string } {
    let bytes: Buffer;
    try {
        const st = statSync(path);
        const problem = sizeProblem(st);
        if (problem) return { problem };
        bytes = readFileSync(path);
    } catch (e) {
        return { problem: describeFsError(e) };
    }
    return decodeSubmission(bytes);
}

/** Why a file is not read at all (not a regular file, too large), or undefined. */
export function sizeProblem(st: Stats): string | undefined {
    // A pipe or device (e.g. a link to /dev/zero) would block or never end: read regular files only.
    if (!st.isFile()) return 'not a regular file (a pipe, socket or device); pisub reads submission files saved on disk';
    if (st.size > MAX_FILE_BYTES) {
        return `file is ${(st.size / 1024 / 1024).toFixed(1)} MB; pisub reads submission files of at most ${MAX_FILE_BYTES / 1024 / 1024} MB (a real submission is a few KB)`;
    }
    return undefined;
}

/** A file's bytes as submission text (a UTF-8 BOM dropped), or why they are not one. */
export function decodeSubmission(bytes: Uint8Array): { text?: string; problem?: string } {
    if (bytes.includes(0)) return { problem: 'not a text file (it contains NUL bytes)' };
    let text: string;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
        return { problem: 'not valid UTF-8 text; save the file as UTF-8' };
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
}

export function describeFsError(e: unknown): string {
    const code = (e as NodeJS.ErrnoException)?.code;
    switch (code) {
        case 'ENOENT': return 'no such file or folder';
        case 'EACCES': case 'EPERM': return 'permission denied';
        case 'EISDIR': return 'is a folder';
        case 'ELOOP': return 'too many levels of symbolic links';
        case 'ENAMETOOLONG': return 'path too long for the file system';
        case 'ENOTDIR': return 'a part of the path is not a folder';
        case 'EIO': return 'read error (input/output error)';
        default: return (e as Error)?.message ?? String(e);
    }
}

export function collectInputs(args: readonly string[]): Inputs {
    const { paths, problems } = findInputPaths(args);
    const files: SourceFile[] = [];
    for (const path of paths) {
        const { text, problem } = readSubmissionText(path);
        if (problem !== undefined) problems.push({ path, message: problem });
        else files.push({ path, text: text! });
    }
    return { files, problems };
}

/**
 * The submission files the arguments name (files as given, folders walked), each real file once,
 * without reading them (`pisub format` reads each file just before formatting it).
 */
export function findInputPaths(args: readonly string[]): { paths: string[]; problems: InputProblem[] } {
    const paths: string[] = [];
    const problems: InputProblem[] = [];
    const seen = new Set<string>();

    const addFile = (path: string, explicit: boolean) => {
        if (explicit && !isSubmissionPath(path)) {
            problems.push({ path, message: 'not a submission file (pisub reads .pisub files and QPP JSON .json files)' });
            return;
        }
        let real: string;
        try { real = realpathSync(path); } catch (e) { problems.push({ path, message: describeFsError(e) }); return; }
        if (seen.has(real)) return;
        seen.add(real);
        paths.push(path);
    };
    const walk = (dir: string, visited: Set<string>) => {
        let real: string;
        try { real = realpathSync(dir); } catch (e) { problems.push({ path: dir, message: describeFsError(e) }); return; }
        if (visited.has(real)) return; // symlink loop
        visited.add(real);
        let entries: string[];
        try { entries = readdirSync(dir).sort(); } catch (e) { problems.push({ path: dir, message: describeFsError(e) }); return; }
        for (const name of entries) {
            const path = join(dir, name);
            let st;
            try { st = statSync(path); } catch (e) {
                problems.push({ path, message: describeFsError(e) });
                continue;
            }
            if (st.isDirectory()) {
                if (!SKIP_DIRS.has(name)) walk(path, visited);
            } else if (st.isFile() && isFolderCandidate(name)) {
                addFile(path, false);
            }
        }
    };

    for (const arg of args) {
        let st;
        try { st = statSync(arg); } catch (e) { problems.push({ path: arg, message: describeFsError(e) }); continue; }
        if (st.isDirectory()) walk(arg, new Set());
        else addFile(arg, true);
    }
    return { paths, problems };
}

/**
 * The one submission file a command (`score`, `export`) works on, or the exit code after saying why
 * not (unreadable input, a folder).
 */
export function readOneSubmission(path: string, command: string, err: (text: string) => void): SourceFile | ExitCode.Usage {
    const { files, problems } = collectInputs([path]);
    for (const p of problems) err(`pisub: ${safe(p.path)}: ${safe(p.message)}\n`);
    if (problems.length > 0) return ExitCode.Usage;
    if (files.length !== 1) {
        err(`pisub: ${safe(path)}: pisub ${command} takes one submission file, not a folder\n`);
        return ExitCode.Usage;
    }
    return files[0];
}
