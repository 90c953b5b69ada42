/**
 * The CEHRT id (CMS EHR Certification ID).
 * Reports: cehrt/missing, cehrt/format, cehrt/letters-in-a-row, cehrt/edition-not-accepted,
 * cehrt/form-unconfirmed.
 */
import type { RuleContext } from '../context.js';

const CEHRT_ALPHABET = /^[0-9A-HJ-NP-Z]{15}$/;

export function checkCehrt(ctx: RuleContext): void {
    const cehrt = ctx.model.cehrts[0];
    if (!cehrt) {
        ctx.report('cehrt/missing', ctx.model.headerSpan,
            `No CEHRT id. ${ctx.write('Add `cehrt <CMS EHR Certification ID>`', 'Add cehrtId to the pi measurement set')} (15 characters, from the CHPL at chpl.healthit.gov); without it the category scores 0.`);
        return;
    }
    const id = cehrt.value;
    if (!CEHRT_ALPHABET.test(id)) {
        const why = id.length !== 15 ? `has ${id.length} characters, not 15`
            : /[a-z]/.test(id) ? 'has lower-case letters'
            : /[IO]/.test(id) ? 'contains I or O, which CMS ids never use (they are 1 and 0)'
            : 'has characters outside 0–9 and A–Z';
        const upper = id.toUpperCase();
        ctx.report('cehrt/format', cehrt.span, `CEHRT id "${id}" ${why}. A CMS EHR Certification ID is 15 characters of 0–9 and A–Z without I and O; copy it from the CHPL.`,
            CEHRT_ALPHABET.test(upper) ? { fixes: [{ title: `Write ${upper}`, edits: [{ span: cehrt.span, text: upper }], preferred: true }] } : {});
        return;
    }
    const run = /[A-Z]{4,}/.exec(id);
    if (run) {
        // Point at the letters where the id is written as is (unquoted), else at the whole id.
        const exact = cehrt.span.end - cehrt.span.offset === id.length;
        const span = exact ? { offset: cehrt.span.offset + run.index, end: cehrt.span.offset + run.index + run[0].length } : cehrt.span;
        ctx.report('cehrt/letters-in-a-row', span,
            `CEHRT id ${id} has ${run[0].length} letters in a row ("${run[0]}"); the CHPL never generates more than 3 (seen in CHPL's id generator, not in a CMS text). It is probably mistyped: copy it again from the CHPL.`);
    }
    if (!ctx.facts) return;
    const accepted = ctx.facts.cehrtPrefixes;
    const unconfirmed = ctx.facts.cehrtUnconfirmedPrefixes;
    const prefix = id.slice(0, 5);
    if (unconfirmed?.value.some(p => matchesPrefix(prefix, p)) && !accepted.value.some(p => matchesPrefix(prefix, p))) {
        ctx.report('cehrt/form-unconfirmed', cehrt.span,
            `CEHRT id ${id} is of the form ${describePrefix(prefix)}, not confirmed for ${ctx.year}. ${unconfirmed.note ?? ''} Expected: ${accepted.value.map(describePrefix).join(', ')}.`);
        return;
    }
    if (!accepted.value.some(p => matchesPrefix(prefix, p))) {
        ctx.report('cehrt/edition-not-accepted', cehrt.span,
            `CEHRT id ${id} is of the form ${describePrefix(prefix)}, which QPP does not accept for ${ctx.year}. Accepted forms: ${accepted.value.map(describePrefix).join(', ')}. Generate a current id on the CHPL for the certified product versions you use.`,
            { confidence: accepted.confidence });
    }
}

/** Prefixes like XX15C stand for "any two characters, then 15C". */
function matchesPrefix(prefix: string, pattern: string): boolean {
    if (pattern.startsWith('XX')) return prefix.slice(2) === pattern.slice(2);
    return prefix === pattern;
}

function describePrefix(p: string): string {
    if (p.startsWith('XX') || /^..15[A-Z]$/.test(p)) {
        const edition = p.endsWith('15C') ? '2015 Edition Cures Update' : p.endsWith('15E') ? '2015 Edition' : p.endsWith('15H') ? '2015 Edition hybrid' : 'unknown edition';
        return `${p.startsWith('XX') ? p : '…' + p.slice(2)}… (${edition})`;
    }
    if (/^\d{4}C$/.test(p)) return `${p}… (${p.slice(0, 4)} yearly form)`;
    return `${p}…`;
}
