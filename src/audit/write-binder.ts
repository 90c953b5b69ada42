/**
 * Writes one submission's audit binder: `<out>/<submission name>/index.html`, copies of the evidence
 * files under `evidence/` (the originals are only read) and `manifest.json` (every file's relative
 * path, SHA-256 and size, so the binder can be verified later). The binder is built in a staging
 * folder next to its place and moved there at the end, so a failure leaves no half binder; an
 * existing binder is replaced only with `force`, and a folder that is not a pisub binder never.
 */
import { randomBytes } from 'node:crypto';
import { constants, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { NodeEvidenceReader, sha256OfFile } from '../language/evidence-files.js';
import type { CheckedFile } from '../language/headless.js';
import type { EvidenceLookup } from '../language/rules/checks/evidence.js';
import { writeFileAtomic } from '../interop/write-file.js';
import { buildBinder, renderBinderHtml, type Binder } from './binder.js';

export interface ManifestEntry {
    readonly path: string;
    readonly sha256: string;
    readonly bytes: number;
    /** The evidence path as written in the submission (copies only). */
    readonly source?: string;
}

export interface Manifest {
    readonly submission: string;
    readonly generated: string;
    readonly complete: boolean;
    readonly missing: number;
    readonly files: readonly ManifestEntry[];
}

export type BinderOutcome =
    | { readonly ok: true; readonly dir: string; readonly binder: Binder; readonly manifest: Manifest }
    | { readonly ok: false; readonly problem: string; readonly exists?: boolean };

const NAME = /^[A-Za-z0-9_][\w.-]*$/;

/** Where a copy of `path` goes inside the binder: `evidence/<path>` when it stays inside the submission's folder. */
function copyPathFor(path: string, taken: Set<string>): string {
    const parts = path.split(/[\\/]+/).filter(p => p !== '' && p !== '.');
    const outside = /^([\\/]|[A-Za-z]:)/.test(path) || parts.includes('..');
    let rel = outside ? ['external', basename(path.replace(/\\/g, '/'))] : parts[0] === 'evidence' && parts.length > 1 ? parts.slice(1) : parts;
    rel = rel.map(p => p.replace(/[^\w.\- ]/g, '_'));
    let candidate = ['evidence', ...rel].join('/');
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
        const last = rel.at(-1)!;
        const dot = last.lastIndexOf('.');
        const renamed = dot > 0 ? `${last.slice(0, dot)}-${n}${last.slice(dot)}` : `${last}-${n}`;
        candidate = ['evidence', ...rel.slice(0, -1), renamed].join('/');
    }
    taken.add(candidate.toLowerCase());
    return candidate;
}

export function writeBinder(checked: CheckedFile, outRoot: string, options: { force: boolean; generated: string }): BinderOutcome {
    const analysis = checked.analysis;
    if (checked.format !== 'pisub' || !analysis?.model.name) {
        return { ok: false, problem: `${checked.path} is not a .pisub submission that parses (see pisub check); no binder built` };
    }
    const name = analysis.model.name.value;
    if (!NAME.test(name)) return { ok: false, problem: `the submission name "${name}" cannot be a folder name` };
    try {
        mkdirSync(outRoot, { recursive: true });
    } catch (e) {
        return { ok: false, problem: `cannot create ${outRoot}: ${(e as Error).message}` };
    }
    const dir = join(outRoot, name);
    const exists = existsSync(dir);
    if (exists && !options.force) return { ok: false, exists: true, problem: `${dir} already exists; use --force to replace the binder` };
    if (exists && !existsSync(join(dir, 'manifest.json'))) {
        return { ok: false, problem: `${dir} exists and is not a pisub audit binder (no manifest.json); not replaced` };
    }

    const stage = join(outRoot, `.${name}.building-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
        mkdirSync(join(stage, 'evidence'), { recursive: true });
        const reader = new NodeEvidenceReader(dirname(resolve(checked.path)));
        const lookups = new Map<string, EvidenceLookup>();
        const copies = new Map<string, string>();
        const files: ManifestEntry[] = [];
        const taken = new Set<string>();
        const lookup = (path: string): EvidenceLookup => {
            let found = lookups.get(path);
            if (found) return found;
            found = reader.lookup(path);
            lookups.set(path, found);
            if (found.status === 'ok') {
                const rel = copyPathFor(path, taken);
                const target = join(stage, ...rel.split('/'));
                mkdirSync(dirname(target), { recursive: true });
                // Read-only on the original; the copy must not exist yet.
                copyFileSync(reader.resolve(path), target, constants.COPYFILE_EXCL);
                const copied = { sha256: sha256OfFile(target), bytes: statSync(target).size };
                copies.set(path, rel);
                files.push({ path: rel, ...copied, source: path });
                if (copied.sha256 !== found.sha256) {
                    // The file changed while it was copied: describe the copy.
                    found = { ...found, ...copied };
                    lookups.set(path, found);
                }
            }
            return found;
        };
        const binder = buildBinder(analysis, {
            lookup, copyOf: path => copies.get(path),
            findings: checked.diagnostics.map(d => ({ code: d.code, offset: d.offset, message: d.message })),
            generated: options.generated, source: checked.path
        });
        const html = renderBinderHtml(binder);
        const page = writeFileAtomic(join(stage, 'index.html'), html, false);
        if (!page.ok) throw new Error(page.problem);
        files.unshift({ path: 'index.html', sha256: sha256OfFile(join(stage, 'index.html')), bytes: Buffer.byteLength(html) });
        const manifest: Manifest = { submission: name, generated: options.generated, complete: binder.missingCount === 0, missing: binder.missingCount, files };
        const written = writeFileAtomic(join(stage, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n', false);
        if (!written.ok) throw new Error(written.problem);

        if (exists) {
            const old = join(outRoot, `.${name}.old-${process.pid}-${randomBytes(4).toString('hex')}`);
            renameSync(dir, old);
            renameSync(stage, dir);
            rmSync(old, { recursive: true, force: true });
        } else {
            renameSync(stage, dir);
        }
        return { ok: true, dir, binder, manifest };
    } catch (e) {
        rmSync(stage, { recursive: true, force: true });
        return { ok: false, problem: `cannot build the binder for ${name}: ${(e as Error).message}` };
    }
}

/** Checks a binder against its manifest: the files whose SHA-256 or size no longer match. */
export function verifyBinder(dir: string): string[] {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const bad: string[] = [];
    for (const f of manifest.files) {
        const path = join(dir, ...f.path.split('/'));
        try {
            if (statSync(path).size !== f.bytes || sha256OfFile(path) !== f.sha256) bad.push(f.path);
        } catch {
            bad.push(f.path);
        }
    }
    return bad;
}
