/**
 * Test helpers: check .pisub text through the real Langium services (the same path as the CLI and
 * the language server) and look at diagnostics by code.
 */
import { PisubWorkspace, type CheckedFile, type PisubDiagnostic } from '../../src/language/headless.js';
import { cliEvidenceFiles } from '../../src/language/evidence-files.js';
import { yieldToEventLoop } from './event-loop.js';

let shared: PisubWorkspace | undefined;
export function workspace(): PisubWorkspace {
    // Evidence paths resolve against the file's path, as in the CLI (relative paths: the repository root).
    return (shared ??= new PisubWorkspace({ evidenceFiles: cliEvidenceFiles() }));
}

/** Checks one text. Lets the event loop turn first, so long loops of checks keep the vitest worker responsive (event-loop.ts). */
export async function checkText(text: string, path = 'test.pisub'): Promise<CheckedFile> {
    await yieldToEventLoop();
    const [file] = await workspace().check([{ path, text }]);
    return file;
}

export function codes(file: CheckedFile): string[] {
    return file.diagnostics.map(d => d.code);
}

export function withCode(file: CheckedFile, code: string): PisubDiagnostic[] {
    return file.diagnostics.filter(d => d.code === code);
}

/** The text a diagnostic's range covers. */
export function covered(file: CheckedFile, d: PisubDiagnostic): string {
    return file.text.slice(d.offset, d.end);
}

/** Applies a finding's fix edits (end to start) and returns the new text. */
export function applyFix(text: string, edits: readonly { span: { offset: number; end: number }; text: string }[]): string {
    let out = text;
    for (const e of [...edits].sort((a, b) => b.span.offset - a.span.offset)) {
        out = out.slice(0, e.span.offset) + e.text + out.slice(e.span.end);
    }
    return out;
}
