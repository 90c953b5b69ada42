/**
 * The rule catalogue shipped next to the bundle (out/<x>.cjs → ../docs/rules.md), as a file URI, so
 * diagnostic code links work offline. Falls back to the public repository when it is not there.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function installedDocsBase(): string | undefined {
    const dir = typeof __dirname === 'string' ? __dirname : undefined;
    if (!dir) return undefined;
    for (const candidate of [join(dir, '..', 'docs', 'rules.md'), join(dir, '..', '..', 'docs', 'rules.md')]) {
        if (existsSync(candidate)) return pathToFileURL(candidate).toString();
    }
    return undefined;
}

declare const __dirname: string | undefined;
