/**
 * The submission as a whole.
 * Reports: submission/duplicate-statement, submission/practice-missing, submission/duplicate-name.
 * (submission/syntax comes from the parser and is a gate reason in engine.ts; score/zero is the
 * engine's summary of the gate reasons.)
 */
import type { RuleContext } from '../context.js';

export function checkSubmission(ctx: RuleContext): void {
    const m = ctx.model;
    const duplicates = (items: readonly { span: { offset: number; end: number } }[], what: string): void => {
        for (const extra of items.slice(1)) {
            ctx.report('submission/duplicate-statement', extra.span, `${what} is stated twice. Keep one; remove this one or the first.`,
                { fixes: [{ title: `Remove the second ${what.toLowerCase()}`, edits: [{ span: extra.span, text: '' }] }] });
        }
    };
    duplicates(m.years, 'The performance year');
    duplicates(m.practices, 'The practice name');
    duplicates(m.entities, 'The entity');
    duplicates(m.reportings, 'The reporting option');
    duplicates(m.periods, 'The performance period');
    duplicates(m.cehrts, 'The CEHRT id');

    if (m.practices.length === 0 && m.origin === 'pisub') {
        ctx.report('submission/practice-missing', m.headerSpan, 'No practice name. Add `practice "Name of the practice"` so reports and reviewers can tell submissions apart.');
    }

    const name = m.name;
    const others = name && ctx.workspace ? ctx.workspace.otherFilesDeclaring(name.value) : [];
    if (name && others.length > 0) {
        const used = ctx.workspace?.declaredNames?.();
        const unique = used ? uniqueName(name.value, ctx.workspace?.fileName ?? '', used) : undefined;
        ctx.report('submission/duplicate-name', name.span,
            `Another file (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}) also declares \`submission ${name.value}\`. Submission names must be unique among the files checked together, or \`prior-year ${name.value}\` could resolve to the wrong one: rename one of them (e.g. practice and year).`,
            { fixes: unique ? [{ title: `Rename this submission to ${unique}`, edits: [{ span: name.span, text: unique }] }] : undefined });
    }
}

/** A name no file uses: the file's own name (without extension) where it is a valid name, else the name with -2, -3, … */
export function uniqueName(name: string, fileName: string, used: ReadonlySet<string>): string {
    const file = fileName.replace(/\.[^.]*$/, '').replace(/[^\w-]+/g, '-');
    if (/^[_a-zA-Z][\w-]*$/.test(file) && !used.has(file)) return file;
    for (let n = 2; ; n++) if (!used.has(`${name}-${n}`)) return `${name}-${n}`;
}
