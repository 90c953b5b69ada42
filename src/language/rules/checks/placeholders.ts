/**
 * Template placeholders left in the file.
 * Reports: submission/placeholder.
 *
 * A value still to fill in, as the new-submission template writes it (`tin <TIN, 9 digits>`,
 * src/language/templates.ts). The grammar accepts a placeholder wherever a value goes, so the rest
 * of the file is read and checked as usual; here each placeholder gets one message saying what to
 * write, and the other findings about that same value (format, date, counts) are dropped: they
 * would only repeat, less clearly, that the value is not there yet.
 */
import type { Span } from '../../model/submission.js';
import type { RuleContext } from '../context.js';

/** A whole value that is a placeholder (`<TIN, 9 digits>`; also inside quotes: `"<practice name>"`). */
export const PLACEHOLDER_VALUE = /^["']?<([^<>\r\n]+)>["']?$/;

interface Placeholder { readonly what: string; readonly span: Span }

/** Every placeholder value of the model (notes excluded: they are free text). */
function placeholders(model: unknown): Placeholder[] {
    const found = new Map<string, Placeholder>();
    const seen = new Set<unknown>();
    const walk = (node: unknown, key: string): void => {
        if (!node || typeof node !== 'object' || seen.has(node) || key === 'notes') return;
        seen.add(node);
        const located = node as { value?: unknown; span?: Span };
        if (typeof located.value === 'string' && located.span && typeof located.span.offset === 'number') {
            const m = PLACEHOLDER_VALUE.exec(located.value);
            if (m) found.set(`${located.span.offset}`, { what: m[1], span: located.span });
        }
        if (Array.isArray(node)) node.forEach(n => walk(n, key));
        else for (const [k, v] of Object.entries(node)) walk(v, k);
    };
    walk(model, '');
    return [...found.values()].sort((a, b) => a.span.offset - b.span.offset);
}

const overlaps = (a: Span, b: Span) => a.offset < b.end && b.offset < a.end;

/** Reports each placeholder once and drops the other findings on the same text. Runs after the other checks. */
export function checkPlaceholders(ctx: RuleContext): void {
    const found = placeholders(ctx.model);
    if (found.length === 0) return;
    for (let i = ctx.findings.length - 1; i >= 0; i--) {
        if (found.some(p => overlaps(p.span, ctx.findings[i].span))) ctx.findings.splice(i, 1);
    }
    for (const p of found) {
        ctx.report('submission/placeholder', p.span, `Replace the placeholder <${p.what}> with the real value (${p.what}).`);
    }
}
