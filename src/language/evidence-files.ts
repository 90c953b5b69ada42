/**
 * Reading evidence files from disk for the evidence checks (rules/checks/evidence.ts): the Node
 * implementation of the `EvidenceReader` port, supplied by the language server and the CLI. Paths
 * are resolved against the submission's folder. A file's SHA-256 is computed once per
 * (path, size, modification time), so a keystroke does not hash the same PDF again.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { URI } from 'langium';
import type { EvidenceFiles } from './analysis.js';
import { sourcePathOf } from './headless.js';
import type { EvidenceLookup, EvidenceReader } from './rules/checks/evidence.js';

const HASHES = new Map<string, EvidenceLookup>();
const MAX_CACHED = 2000;

/** The largest evidence file pisub reads and hashes (a scanned report is a few MB; docs/audit.md). */
export const MAX_EVIDENCE_BYTES = 256 * 1024 * 1024;

/**
 * SHA-256 of a file, read in chunks. With `limit`, reading stops after `limit` bytes and a longer
 * content is an error: a kernel file (/proc, /sys) reports size 0 but can yield gigabytes.
 */
export function sha256OfFile(path: string, limit = Number.POSITIVE_INFINITY): string {
    const hash = createHash('sha256');
    const fd = openSync(path, 'r');
    try {
        const buffer = Buffer.alloc(1 << 20);
        let total = 0;
        for (;;) {
            const n = readSync(fd, buffer, 0, buffer.length, null);
            if (n === 0) break;
            total += n;
            if (total > limit) throw new Error('its content is longer than its size on disk (a system file, not a document)');
            hash.update(buffer.subarray(0, n));
        }
    } finally {
        closeSync(fd);
    }
    return hash.digest('hex');
}

function reasonOf(error: unknown): string {
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'it is a folder';
    return code ?? (error instanceof Error ? error.message : 'unknown error');
}

/** Looks up evidence files relative to one folder. */
export class NodeEvidenceReader implements EvidenceReader {
    constructor(readonly folder: string) {}

    /** The absolute path an evidence path stands for. */
    resolve(path: string): string {
        return resolve(this.folder, path);
    }

    /** At most 500 entries of a folder, folders first; none when it cannot be read. */
    list(folder: string): { name: string; folder: boolean }[] {
        try {
            return readdirSync(this.resolve(folder === '' ? '.' : folder), { withFileTypes: true })
                .slice(0, 500)
                .map(d => ({ name: d.name, folder: d.isDirectory() }))
                .sort((a, b) => Number(b.folder) - Number(a.folder) || a.name.localeCompare(b.name));
        } catch {
            return [];
        }
    }

    lookup(path: string): EvidenceLookup {
        if (path.trim() === '' || path.includes('\0')) return { status: 'missing' };
        const full = this.resolve(path);
        let stat;
        try {
            stat = statSync(full);
        } catch (error) {
            const code = (error as NodeJS.ErrnoException)?.code;
            return code === 'ENOENT' || code === 'ENOTDIR' ? { status: 'missing' } : { status: 'unreadable', reason: reasonOf(error) };
        }
        if (!stat.isFile()) return { status: 'unreadable', reason: stat.isDirectory() ? 'it is a folder' : 'not a regular file' };
        if (stat.size > MAX_EVIDENCE_BYTES) {
            return { status: 'unreadable', reason: `it is ${(stat.size / 1024 / 1024).toFixed(0)} MB; pisub reads evidence files of at most ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB` };
        }
        const key = `${full}\0${stat.size}\0${stat.mtimeMs}`;
        const hit = HASHES.get(key);
        if (hit) return hit;
        let found: EvidenceLookup;
        try {
            found = { status: 'ok', bytes: stat.size, sha256: sha256OfFile(full, stat.size), modified: stat.mtime.toISOString() };
        } catch (error) {
            return { status: 'unreadable', reason: reasonOf(error) };
        }
        if (HASHES.size >= MAX_CACHED) HASHES.clear();
        HASHES.set(key, found);
        return found;
    }
}

/**
 * Evidence readers per document: for `file:` URIs the document's folder; other schemes through
 * `folderOf` (the CLI's private scheme), else none. `changed()` is called when a watched file
 * changes on disk: analyses made before it are stale.
 */
export class NodeEvidenceFiles implements EvidenceFiles {
    private gen = 0;

    constructor(private readonly folderOf: (uri: URI) => string | undefined = uri => uri.scheme === 'file' ? dirname(uri.fsPath) : undefined) {}

    get generation(): number {
        return this.gen;
    }

    changed(): void {
        this.gen++;
    }

    readerFor(uri: URI): NodeEvidenceReader | undefined {
        const folder = this.folderOf(uri);
        return folder !== undefined ? new NodeEvidenceReader(folder) : undefined;
    }
}

/** For the CLI and tests: documents checked by `PisubWorkspace.check` read evidence next to the path they were given. */
export function cliEvidenceFiles(): NodeEvidenceFiles {
    return new NodeEvidenceFiles(uri => {
        if (uri.scheme === 'file') return dirname(uri.fsPath);
        const path = sourcePathOf(uri);
        return path !== undefined ? dirname(resolve(path)) : undefined;
    });
}
