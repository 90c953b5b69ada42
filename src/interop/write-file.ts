/**
 * Every write of a user's file goes through here: `pisub format` (rewriting a file in place) and
 * `export -o`, `import -o`, `report -o` (writing an output file). The rules (docs/robustness.md):
 *
 * - Atomic: the text goes to a temporary file in the target's own folder, which then takes the
 *   target's name in one rename, so a reader sees the old file or the new one, never half of one.
 * - Through symbolic links: the link's target is replaced; the link itself stays a link.
 * - The replaced file keeps its mode, owner and group. A file whose owner or group cannot be kept
 *   is left unchanged.
 * - A read-only file (no write bit) is never replaced; nor is a file with more than one hard link
 *   (replacing it would split the links: the other names would keep the old text). Both are skipped
 *   with a message that says so.
 * - A file that changed since it was read (content or identity) is never replaced: the check runs
 *   just before the rename, and the file is skipped with a message. (The rename itself cannot be
 *   made conditional on a POSIX file system: a save landing in the microseconds between the last
 *   check and the rename would still be replaced.)
 * - Temporary files have short random names (`.pisub-<16 hex>.tmp`, 26 characters), so any folder
 *   that holds the target can hold them whatever the target's name length; they are created
 *   exclusively (`wx`, a fresh name is tried if one exists), removed on failure, and removed when
 *   the process is stopped by SIGINT, SIGTERM or SIGHUP. A temporary file left by a process killed
 *   with SIGKILL never blocks a later run (names are random).
 *
 * Nothing here throws for an expected file-system problem: each function returns a sentence.
 */
import {
    closeSync, fchmodSync, fchownSync, fsyncSync, linkSync, lstatSync, openSync, readFileSync, realpathSync,
    renameSync, statSync, unlinkSync, writeSync, type Stats
} from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface WriteOutcome {
    readonly ok: boolean;
    /** Why the file was not written (a consultant-readable sentence). */
    readonly problem?: string;
    /** The target existed and the caller asked not to overwrite it. */
    readonly exists?: boolean;
}

/** Test seams: called at the named moments (tests simulate a concurrent save or a crash there). */
export interface WriteHooks {
    /** After the temporary file is written, just before the final changed-since-read check. */
    readonly beforeCommit?: (temp: string, target: string) => void;
}

// --- temporary files and their cleanup on signals ----------------------------------------------

const liveTemps = new Set<string>();
let handlersInstalled = false;

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

function removeLiveTemps(): void {
    for (const temp of liveTemps) {
        try { unlinkSync(temp); } catch { /* already gone */ }
    }
    liveTemps.clear();
}

/**
 * Installs (once) handlers that remove live temporary files and end the process with the usual
 * 128 + signal exit code. Writing commands call this before their first write; it also makes them
 * stop between files instead of mid-write (the writes themselves are synchronous).
 */
export function removeTempFilesOnSignals(onStop?: (signal: string) => void): void {
    if (handlersInstalled) return;
    handlersInstalled = true;
    for (const signal of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) {
        process.on(signal, () => {
            removeLiveTemps();
            onStop?.(signal);
            process.exit(SIGNAL_EXIT[signal]);
        });
    }
    process.on('exit', removeLiveTemps);
}

/** The temporary files this process has created and not yet renamed or removed (for tests). */
export function liveTempFiles(): readonly string[] {
    return [...liveTemps];
}

export const TEMP_NAME = /^\.pisub-[0-9a-f]{16}\.tmp$/;

/** Creates a new temporary file in `dir` (exclusively) holding `text`; returns its path. */
function writeTemp(dir: string, text: string, mode?: number, owner?: { uid: number; gid: number }): string {
    for (let attempt = 0; ; attempt++) {
        const temp = join(dir, `.pisub-${randomBytes(8).toString('hex')}.tmp`);
        let fd: number;
        try {
            // A new output file gets the usual mode (0666 less the umask); a replacement, the old file's.
            fd = openSync(temp, 'wx', mode === undefined ? 0o666 : 0o600);
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 8) continue;
            throw e;
        }
        liveTemps.add(temp);
        try {
            try {
                writeSync(fd, text, null, 'utf8');
                if (owner) {
                    try { fchownSync(fd, owner.uid, owner.gid); } catch (e) { throw new OwnerNotKept(e); }
                }
                if (mode !== undefined) fchmodSync(fd, mode);
                fsyncSync(fd);
            } finally {
                closeSync(fd);
            }
        } catch (e) {
            discard(temp);
            throw e;
        }
        return temp;
    }
}

class OwnerNotKept extends Error {
    constructor(override readonly cause: unknown) { super('owner not kept'); }
}

function discard(temp: string): void {
    try { unlinkSync(temp); } catch { /* not there */ }
    liveTemps.delete(temp);
}

// --- replacing a file that was read ------------------------------------------------------------

/** A file as read: its bytes and identity, to tell later whether it changed. */
export interface ReadSnapshot {
    readonly path: string;
    readonly bytes: Buffer;
    readonly stat: Stats;
}

/** Reads a file for a later `replaceFile` (through symlinks). Throws the file-system error. */
export function readSnapshot(path: string): ReadSnapshot {
    const stat = statSync(path);
    const bytes = readFileSync(path);
    return { path, bytes, stat };
}

function sameIdentity(a: Stats, b: Stats): boolean {
    return a.dev === b.dev && a.ino === b.ino;
}

/** Why a file must not be replaced in place, or undefined when it may be. */
function refusalFor(st: Stats): string | undefined {
    if (!st.isFile()) return 'not a regular file; pisub only rewrites regular files';
    if ((st.mode & 0o222) === 0) return 'read-only file (no write permission); pisub leaves it unchanged';
    if (st.nlink > 1) {
        return `the file has ${st.nlink} hard links; replacing it would split them (the other names would keep the old text), so pisub leaves it unchanged`;
    }
    return undefined;
}

/**
 * Replaces the file read as `snapshot` with `text`, keeping its mode, owner and group, writing
 * through a symlink to its target, and only if the file is still exactly what was read.
 */
export function replaceFile(snapshot: ReadSnapshot, text: string, hooks: WriteHooks = {}): WriteOutcome {
    let real: string;
    let st: Stats;
    try {
        real = realpathSync(snapshot.path);
        st = statSync(real);
    } catch (e) {
        return { ok: false, problem: `cannot write: ${describe(e)}` };
    }
    if (!sameIdentity(st, snapshot.stat)) return changedSinceRead();
    const refusal = refusalFor(st);
    if (refusal) return { ok: false, problem: refusal };
    if (!writableByUs(st)) return { ok: false, problem: 'permission denied (you may not write this file); pisub leaves it unchanged' };

    let temp: string;
    try {
        temp = writeTemp(dirname(real), text, st.mode & 0o7777, ownerToKeep(st));
    } catch (e) {
        if (e instanceof OwnerNotKept) {
            return { ok: false, problem: `its owner and group (${st.uid}:${st.gid}) could not be kept on the new file (${describe(e.cause)}); pisub leaves it unchanged` };
        }
        return { ok: false, problem: `cannot write in ${dirname(real)}: ${describe(e)} (the file is unchanged)` };
    }
    try {
        hooks.beforeCommit?.(temp, real);
        // The last look: the same file, with the same bytes, as when it was read.
        let now: Stats, bytes: Buffer;
        try {
            now = lstatSync(real);
            bytes = readFileSync(real);
        } catch {
            return changedSinceRead();
        }
        if (!now.isFile() || !sameIdentity(now, snapshot.stat) || now.nlink !== st.nlink || !bytes.equals(snapshot.bytes)) return changedSinceRead();
        renameSync(temp, real);
        liveTemps.delete(temp);
        return { ok: true };
    } catch (e) {
        return { ok: false, problem: `cannot write: ${describe(e)} (the file is unchanged)` };
    } finally {
        if (liveTemps.has(temp)) discard(temp);
    }
}

function changedSinceRead(): WriteOutcome {
    return { ok: false, problem: 'the file changed since pisub read it (saved by someone else?); pisub leaves it as it is now: run again to include it' };
}

/** Root may write anything; others need the owner's, group's or others' write bit that applies to them. */
function writableByUs(st: Stats): boolean {
    const uid = process.getuid?.();
    if (uid === undefined || uid === 0) return true;
    if (st.uid === uid) return (st.mode & 0o200) !== 0;
    const groups = process.getgroups?.() ?? [];
    if (st.gid === process.getgid?.() || groups.includes(st.gid)) return (st.mode & 0o020) !== 0;
    return (st.mode & 0o002) !== 0;
}

/** The owner and group to give the new file, when they differ from what a new file gets. */
function ownerToKeep(st: Stats): { uid: number; gid: number } | undefined {
    const uid = process.getuid?.(), gid = process.getgid?.();
    if (uid === undefined) return undefined; // Windows: no owners to keep
    if (st.uid === uid && st.gid === gid) return undefined;
    return { uid: st.uid, gid: st.gid };
}

// --- writing an output file --------------------------------------------------------------------

/**
 * Writes an output file atomically. Without `force` an existing file is never replaced, not even
 * one that appears between the check and the write (the final step is a hard link, which fails if
 * the name exists). With `force` an existing file is replaced under the same rules as `replaceFile`
 * (through symlinks, keeping mode/owner/group, refusing read-only and hard-linked files, and not if
 * it changed after pisub looked at it).
 */
export function writeFileAtomic(path: string, text: string, force: boolean, hooks: WriteHooks = {}): WriteOutcome {
    let existing: Stats | undefined;
    try { existing = statSync(path); } catch { existing = undefined; }
    if (existing?.isDirectory()) return { ok: false, problem: `${path} is a folder; give a file name` };
    if (!existing && isDanglingLink(path)) return { ok: false, problem: `${path} is a symbolic link to a missing file; pisub does not follow it` };
    if (existing && !force) return { ok: false, exists: true, problem: `${path} already exists; use --force to overwrite it` };
    if (existing) {
        let bytes: Buffer;
        try { bytes = readFileSync(path); } catch (e) { return { ok: false, problem: `cannot replace ${path}: ${describe(e)}` }; }
        const outcome = replaceFile({ path, bytes, stat: existing }, text, hooks);
        return outcome.ok ? outcome : { ok: false, problem: `${path}: ${outcome.problem}` };
    }

    const dir = dirname(path);
    try {
        if (!statSync(dir).isDirectory()) return { ok: false, problem: `${dir} is not a folder` };
    } catch {
        return { ok: false, problem: `the folder ${dir} does not exist` };
    }
    let temp: string;
    try {
        temp = writeTemp(dir, text);
    } catch (e) {
        return { ok: false, problem: `cannot write in ${dir}: ${describe(e)}` };
    }
    try {
        hooks.beforeCommit?.(temp, path);
        try {
            linkSync(temp, path);
        } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            if (code === 'EEXIST') return { ok: false, exists: true, problem: `${path} already exists; use --force to overwrite it` };
            // File systems without hard links: the existence check above must do.
            if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e;
            let appeared = true;
            try { lstatSync(path); } catch { appeared = false; }
            if (appeared) return { ok: false, exists: true, problem: `${path} already exists; use --force to overwrite it` };
            renameSync(temp, path);
            liveTemps.delete(temp);
        }
        return { ok: true };
    } catch (e) {
        return { ok: false, problem: `cannot write ${path}: ${describe(e)}` };
    } finally {
        if (liveTemps.has(temp)) discard(temp);
    }
}

function isDanglingLink(path: string): boolean {
    try { return lstatSync(path).isSymbolicLink(); } catch { return false; }
}

export function describe(e: unknown): string {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'ENOSPC') return 'no space left on the device';
    if (code === 'EROFS') return 'read-only file system';
    if (code === 'ENAMETOOLONG') return 'path too long for the file system';
    if (code === 'ENOENT') return 'no such file or folder';
    return (e as Error)?.message ?? String(e);
}

/** Whether two paths name the same existing file (so an output never replaces its own input). */
export function isSameFile(a: string, b: string): boolean {
    try {
        const sa = statSync(a), sb = statSync(b);
        return sa.dev === sb.dev && sa.ino === sb.ino;
    } catch {
        return false;
    }
}

/**
 * The input `output` would replace, if any: the same file (device and inode, so through symlinks
 * and hard links) or the same real path. Checked for every command that writes, even with --force.
 */
export function inputAt(output: string, inputs: readonly string[]): string | undefined {
    let real: string | undefined;
    try { real = realpathSync(output); } catch { real = undefined; }
    for (const input of inputs) {
        if (isSameFile(output, input)) return input;
        if (real !== undefined) {
            try { if (realpathSync(input) === real) return input; } catch { /* missing input */ }
        }
    }
    return undefined;
}
