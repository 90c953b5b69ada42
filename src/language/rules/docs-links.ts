/** Links from a diagnostic code to its entry in the rule catalogue (docs/rules.md). */

/** `period/too-short` → `period-too-short` (the anchor docs/rules.md gives each rule). */
export function ruleAnchor(code: string): string {
    return code.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}

/** Default: the repository's rule catalogue; the language server passes the installed copy's file URI. */
export const DEFAULT_DOCS_BASE = 'https://github.com/pisub/pisub/blob/main/docs/rules.md';

export function ruleDocsHref(code: string, base: string = DEFAULT_DOCS_BASE): string {
    return `${base}#${ruleAnchor(code)}`;
}
