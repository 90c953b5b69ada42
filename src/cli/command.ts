/** A CLI command: its help text and its run function, which returns the exit code. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export enum ExitCode {
    /** No errors (warnings allowed unless --strict). */
    Ok = 0,
    /** Errors found in the submissions. */
    Errors = 1,
    /** Usage error or unreadable input. */
    Usage = 2
}

export interface Io {
    out(text: string): void;
    err(text: string): void;
    /** Standard output is an interactive terminal (progress may be shown). */
    readonly isTTY: boolean;
}

export interface Command {
    readonly name: string;
    readonly summary: string;
    readonly usage: string;
    run(argv: string[], io: Io): Promise<ExitCode>;
}

export class UsageError extends Error {}

/** node:util parseArgs, with its errors turned into usage errors. */
export function parseOptions<T extends ParseArgsConfig['options']>(argv: string[], options: T) {
    try {
        return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    } catch (e) {
        throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
    }
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, option: string): T {
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new UsageError(`--${option} must be one of ${allowed.join(', ')} (got "${value}")`);
}
