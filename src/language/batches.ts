/**
 * Checking thousands of files with flat memory: files are checked in batches, each batch's Langium
 * documents are released before the next one is built, and files that may reference each other
 * (`prior-year`) always land in the same batch, so results are the same as checking all at once.
 * See docs/performance.md.
 */
import { unreadable, type CheckedFile, type PisubWorkspace, type SourceFile } from './headless.js';

/** Files per batch: large enough to amortise a build, small enough to keep memory flat. */
export const DEFAULT_BATCH_SIZE = 100;

// The grammar's hidden tokens (whitespace and comments) may sit between a keyword and its name.
const HIDDEN = String.raw`(?:\s|\/\*[\s\S]*?\*\/|(?:\/\/|#)[^\n\r]*)+`;
const NAME = String.raw`([_a-zA-Z][\w\-]*)`;
const DECLARES = new RegExp(String.raw`\bsubmission${HIDDEN}${NAME}`, 'g');
const REFERS = new RegExp(String.raw`\bprior-year${HIDDEN}${NAME}`, 'g');

/**
 * The names a text may declare or reference. Over-approximates (a name inside a comment or string
 * counts too): an extra name can only put more files together, never split a real reference.
 */
export function linkNames(text: string): string[] {
    const names = new Set<string>();
    for (const re of [DECLARES, REFERS]) for (const m of text.matchAll(re)) names.add(m[1]);
    return [...names];
}

/**
 * Splits file indexes into batches of about `size`, keeping every group of files linked by a
 * submission name together (one group larger than `size` is a batch of its own). Deterministic.
 */
export function linkedBatches(files: readonly SourceFile[], size = DEFAULT_BATCH_SIZE): number[][] {
    const parent = files.map((_, i) => i);
    const find = (i: number): number => {
        while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; }
        return i;
    };
    const owner = new Map<string, number>();
    files.forEach((file, i) => {
        for (const name of linkNames(file.text)) {
            const j = owner.get(name);
            if (j === undefined) owner.set(name, i);
            else parent[find(i)] = find(j);
        }
    });
    const groups = new Map<number, number[]>();
    files.forEach((_, i) => {
        const root = find(i);
        const group = groups.get(root);
        if (group) group.push(i); else groups.set(root, [i]);
    });
    const batches: number[][] = [];
    let current: number[] = [];
    for (const group of groups.values()) {
        if (current.length > 0 && current.length + group.length > size) { batches.push(current); current = []; }
        current.push(...group);
    }
    if (current.length > 0) batches.push(current);
    return batches;
}

export interface BatchOptions {
    /** Files per batch (default DEFAULT_BATCH_SIZE). */
    readonly size?: number;
    /** Keep each file's `analysis` (model, findings, score): about 20 KB a file. Default: diagnostics only. */
    readonly keepAnalysis?: boolean;
}

/**
 * The one batch loop: checks files batch by batch and returns what `keep` takes of each checked
 * file, in the input order. Only `keep`'s result outlives a batch, so each batch's Langium documents
 * can be released. One file's failure is that file's diagnostic: `workspace.check` isolates a file
 * that throws while checking, and a `keep` that throws on a file gets that file's
 * `submission/unreadable` result instead. Progress: callers count validated documents
 * (cli/progress.ts).
 */
export async function checkEachInBatches<T>(workspace: PisubWorkspace, files: readonly SourceFile[], keep: (file: CheckedFile) => T, size = DEFAULT_BATCH_SIZE): Promise<T[]> {
    const results: T[] = new Array(files.length);
    for (const batch of linkedBatches(files, size)) {
        const checked = await workspace.check(batch.map(i => files[i]));
        checked.forEach((file, k) => {
            try { results[batch[k]] = keep(file); } catch (e) { results[batch[k]] = keep(unreadable(files[batch[k]], e)); }
        });
    }
    return results;
}

/**
 * Checks files batch by batch and returns the results in the input order. The results carry no
 * Langium `document` (that is what lets each batch's memory go) and, unless asked, no `analysis`;
 * use `PisubWorkspace.check` for those.
 */
export function checkInBatches(workspace: PisubWorkspace, files: readonly SourceFile[], options: BatchOptions = {}): Promise<CheckedFile[]> {
    return checkEachInBatches(workspace, files,
        file => ({ ...file, document: undefined, analysis: options.keepAnalysis ? file.analysis : undefined }),
        options.size ?? DEFAULT_BATCH_SIZE);
}
