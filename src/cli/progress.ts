/**
 * Progress on long runs: "checked 120/1000 files" on one rewritten line of standard error, shown
 * only to a person at a terminal. Never when standard error is not a terminal, never when the
 * result goes to a pipe or a non-terminal standard output, and never for machine formats
 * (json, sarif, csv, html) written to standard output. Short runs stay silent: nothing is drawn
 * before `delayMs`, and the line is erased when the run ends.
 */
import { DocumentState, type Disposable } from 'langium';
import { checkEachInBatches } from '../language/batches.js';
import { PisubWorkspace, type CheckedFile, type SourceFile } from '../language/headless.js';
import { cliEvidenceFiles } from '../language/evidence-files.js';

export interface ProgressWhen {
    /** Standard error is a terminal (where the progress line goes). */
    readonly stderrIsTTY: boolean;
    /** Standard output is a terminal. */
    readonly stdoutIsTTY: boolean;
    /** The output format is for people (text, table) rather than programs (json, sarif, csv, html). */
    readonly humanFormat: boolean;
    /** The result is written to a file (-o), not to standard output. */
    readonly toFile: boolean;
}

/** Whether a run may draw a progress line (see the file comment). */
export function shouldShowProgress(w: ProgressWhen): boolean {
    if (!w.stderrIsTTY) return false;
    if (w.toFile) return true;
    return w.stdoutIsTTY && w.humanFormat;
}

export interface ProgressOptions {
    /** Where the line is drawn (standard error). */
    readonly write: (text: string) => void;
    /** Milliseconds before the first line is drawn (default 300). */
    readonly delayMs?: number;
    /** Milliseconds between redraws (default 100). */
    readonly intervalMs?: number;
    /** The clock (tests pass their own). */
    readonly now?: () => number;
}

/** A counter drawn as `<verb> <done>/<total> files`, rewritten in place with a carriage return. */
export class Progress {
    private count = 0;
    private readonly started: number;
    private lastDraw = -Infinity;
    private drawn = false;
    private readonly now: () => number;
    private readonly delayMs: number;
    private readonly intervalMs: number;

    constructor(readonly total: number, readonly verb: string, private readonly options: ProgressOptions) {
        this.now = options.now ?? Date.now;
        this.delayMs = options.delayMs ?? 300;
        this.intervalMs = options.intervalMs ?? 100;
        this.started = this.now();
    }

    /** The line as drawn (without the carriage return and erase codes). */
    text(): string {
        return `${this.verb} ${this.count}/${this.total} file${this.total === 1 ? '' : 's'}`;
    }

    tick(n = 1): void {
        this.count = Math.min(this.total, this.count + n);
        const t = this.now();
        if (t - this.started < this.delayMs) return;
        if (t - this.lastDraw < this.intervalMs && this.count < this.total) return;
        this.lastDraw = t;
        this.drawn = true;
        // \r back to the start of the line, \x1b[K erases what a longer previous line left.
        this.options.write(`\r${this.text()}\x1b[K`);
    }

    /** Erases the line, if one was drawn, so the result starts on a clean line. */
    done(): void {
        if (this.drawn) this.options.write('\r\x1b[K');
        this.drawn = false;
    }
}

/** A progress that draws nothing (not a terminal, a machine format, a pipe). */
export const NO_PROGRESS = { tick(): void { /* silent */ }, done(): void { /* silent */ } };

export type ProgressLike = Pick<Progress, 'tick' | 'done'>;

/**
 * Ticks the progress once per .pisub document the workspace has validated (the slow part of a
 * check). Other inputs (QPP JSON) are counted by the caller. Dispose when the check is over.
 */
export function trackValidation(workspace: PisubWorkspace, progress: ProgressLike): Disposable {
    return workspace.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, () => progress.tick());
}

/** Standard error is an interactive terminal. */
export function stderrIsTTY(): boolean {
    return !!process.stderr.isTTY;
}

/**
 * Checks files as `pisub check` does (the batch loop of language/batches.ts, prior-year references
 * kept together, one file's failure isolated), drawing progress, and keeps only what `keep` takes
 * of each checked file (so each batch's documents and analyses can be released).
 */
export async function checkEach<T>(files: readonly SourceFile[], progress: ProgressLike, keep: (file: CheckedFile) => T): Promise<T[]> {
    const workspace = new PisubWorkspace({ evidenceFiles: cliEvidenceFiles() });
    return tracked(workspace, progress, async () => {
        const results = await checkEachInBatches(workspace, files, keep);
        progress.tick(files.length); // the inputs Langium does not build (QPP JSON) are done too
        return results;
    });
}

/** The progress for a run over `total` files: drawn on standard error when `shouldShowProgress`. */
export function progressFor(total: number, verb: string, when: Omit<ProgressWhen, 'stderrIsTTY'>, write: (text: string) => void): ProgressLike {
    return shouldShowProgress({ ...when, stderrIsTTY: stderrIsTTY() }) ? new Progress(total, verb, { write }) : NO_PROGRESS;
}

/** Runs a check on `workspace`, ticking the progress per validated document, and erases the line after. */
export async function tracked<T>(workspace: PisubWorkspace, progress: ProgressLike, run: () => Promise<T>): Promise<T> {
    const tracking = trackValidation(workspace, progress);
    try {
        return await run();
    } finally {
        tracking.dispose();
        progress.done();
    }
}
