/**
 * Size limit shared by the CLI (`src/cli/inputs.ts`) and the language server (`workspace-guards.ts`).
 * A real submission is a few KB; a 10,000-line group file is about 0.5 MB. 4 MB bounds memory
 * (docs/robustness.md).
 */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** "file is 50.0 MB; pisub reads submission files of at most 4 MB (a real submission is a few KB)" */
export function tooLargeMessage(bytes: number): string {
    return `file is ${(bytes / 1024 / 1024).toFixed(1)} MB; pisub reads submission files of at most ${MAX_FILE_BYTES / 1024 / 1024} MB (a real submission is a few KB)`;
}

export const NOT_REGULAR_MESSAGE = 'not a regular file (a pipe, socket or device); pisub reads submission files saved on disk';

/** `.pisub` in any case (`X.PISUB`, `x.Pisub`): the CLI's folder walk and the server's workspace scan. */
export function isPisubFileName(name: string): boolean {
    return name.toLowerCase().endsWith('.pisub');
}
