/**
 * Writes an output file atomically: the text goes to a temporary file in the same folder, which then
 * takes the target's name in one step. Without `force` an existing file is never replaced, not even
 * one that appears between the check and the write (the final step is a hard link, which fails if
 * the name exists). Returns a problem message instead of throwing.
 */
import { existsSync, linkSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface WriteOutcome {
    readonly ok: boolean;
    /** Why the file was not written (a consultant-readable sentence). */
    readonly problem?: string;
    /** The target existed and the caller asked not to overwrite it. */
    readonly exists?: boolean;
}

export function writeFileAtomic(path: string, text: string, force: boolean): WriteOutcome {
    const dir = dirname(path);
    try {
        if (!statSync(dir).isDirectory()) return { ok: false, problem: `${dir} is not a folder` };
    } catch {
        return { ok: false, problem: `the folder ${dir} does not exist` };
    }
    let target: ReturnType<typeof statSync> | undefined;
    try { target = statSync(path); } catch { target = undefined; }
    if (target?.isDirectory()) return { ok: false, problem: `${path} is a folder; give a file name` };
    if (target && !force) return { ok: false, exists: true, problem: `${path} already exists; use --force to overwrite it` };

    const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
        writeFileSync(temp, text, { encoding: 'utf8', flag: 'wx' });
    } catch (e) {
        return { ok: false, problem: `cannot write in ${dir}: ${describe(e)}` };
    }
    try {
        if (force) {
            renameSync(temp, path);
        } else {
            try {
                linkSync(temp, path);
            } catch (e) {
                const code = (e as NodeJS.ErrnoException).code;
                if (code === 'EEXIST') return { ok: false, exists: true, problem: `${path} already exists; use --force to overwrite it` };
                // File systems without hard links: the existence check above must do.
                if (existsSync(path)) return { ok: false, exists: true, problem: `${path} already exists; use --force to overwrite it` };
                renameSync(temp, path);
                return { ok: true };
            }
        }
        return { ok: true };
    } catch (e) {
        return { ok: false, problem: `cannot write ${path}: ${describe(e)}` };
    } finally {
        try { if (existsSync(temp)) unlinkSync(temp); } catch { /* best effort */ }
    }
}

function describe(e: unknown): string {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'ENOSPC') return 'no space left on the device';
    if (code === 'EROFS') return 'read-only file system';
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
