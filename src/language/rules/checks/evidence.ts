/**
 * Evidence: the files a submission names as documentation (`evidence ... "path"`), checked against
 * the disk and the submission. The engine stays pure: it reads files only through an
 * `EvidenceReader` the caller supplies (the language server and the CLI give one that reads relative
 * to the document's folder; without one, only the text is checked).
 *
 * `evidenceStatus` is the one place that decides which attestation or measure is documented and
 * which is not; the checks, hover, the outline, `pisub report` and `pisub audit` all use it.
 */
import { CEHRT_EXPECTATION, expectationFor, SUBMISSION_EXPECTATION, type EvidenceExpectation } from '../../data/evidence.js';
import { catalogueFor, officialMeasureId, type YearCatalogue } from '../../data/measures.js';
import { idForFriendlyName, preferredName } from '../../data/names.js';
import type { EvidenceModel, MeasureEntry, SubmissionModel } from '../../model/submission.js';
import type { RuleContext } from '../context.js';
import { parseIsoDate } from '../dates.js';

/** What a reader found at an evidence path. */
export type EvidenceLookup =
    | { readonly status: 'ok'; readonly bytes: number; readonly sha256: string; readonly modified?: string }
    | { readonly status: 'missing' }
    | { readonly status: 'unreadable'; readonly reason: string };

/** The port through which evidence files are read (relative to the submission's folder). */
export interface EvidenceReader {
    lookup(path: string): EvidenceLookup;
    /** The entries of a folder (relative to the submission), for completion; optional. */
    list?(folder: string): readonly { readonly name: string; readonly folder: boolean }[];
}

/** One thing that needs documenting: an attestation or measure as reported, or the CEHRT id. */
export interface EvidenceItem {
    /** `cehrt`, or the official measure id (or the name as written when unknown). */
    readonly key: string;
    /** How a person would call it: friendly name and id. */
    readonly label: string;
    /** The entry as written (absent for `cehrt`). */
    readonly entry?: MeasureEntry;
    readonly expectation: EvidenceExpectation;
    readonly evidence: readonly EvidenceModel[];
}

export interface EvidenceStatus {
    readonly items: readonly EvidenceItem[];
    /** Items with no evidence at all. */
    readonly missing: readonly EvidenceItem[];
    /** Evidence about the submission as a whole (no target). */
    readonly general: readonly EvidenceModel[];
    /** Evidence whose target is neither `cehrt` nor a reported attestation or measure. */
    readonly unmatched: readonly EvidenceModel[];
    readonly expectationForGeneral: EvidenceExpectation;
}

/** The official id a written measure reference stands for (friendly name or id in any case). */
function idOf(written: string): string | undefined {
    return idForFriendlyName(written) ?? officialMeasureId(written);
}

function labelOf(id: string | undefined, written: string): string {
    if (!id) return written;
    const name = preferredName(id);
    return name ? `${name} (${id})` : id;
}

/** Which attestation or measure has evidence, and which has none. */
export function evidenceStatus(model: SubmissionModel, year: number | undefined): EvidenceStatus {
    const catalogue: YearCatalogue | undefined = year !== undefined ? catalogueFor(year) : undefined;
    const evidence = model.evidence ?? [];
    const used = new Set<EvidenceModel>();
    const items: EvidenceItem[] = [];
    const byKey = (key: string) => evidence.filter(e => {
        if (!e.target) return false;
        const t = e.target.value;
        const match = key === 'cehrt' ? t === 'cehrt' : (idOf(t) ?? t) === key;
        if (match) used.add(e);
        return match;
    });
    if (model.cehrts.length > 0) {
        items.push({ key: 'cehrt', label: 'CEHRT id (CHPL)', expectation: CEHRT_EXPECTATION, evidence: byKey('cehrt') });
    }
    const seen = new Set<string>();
    for (const entry of model.entries) {
        const id = idOf(entry.ref.value);
        const key = id ?? entry.ref.value;
        if (seen.has(key)) continue;
        seen.add(key);
        const info = id ? catalogue?.measures.get(id) : undefined;
        items.push({
            key, label: labelOf(id, entry.ref.value), entry,
            expectation: expectationFor(info, entry.value.kind === 'excluded'),
            evidence: byKey(key)
        });
    }
    const general = evidence.filter(e => !e.target);
    return {
        items,
        missing: items.filter(i => i.evidence.length === 0),
        general,
        unmatched: evidence.filter(e => e.target && !used.has(e)),
        expectationForGeneral: SUBMISSION_EXPECTATION
    };
}

const HEX64 = /^[0-9a-fA-F]{64}$/;

export function checkEvidence(ctx: RuleContext, reader: EvidenceReader | undefined): void {
    const model = ctx.model;
    const evidence = model.evidence ?? [];
    if (evidence.length === 0) return;
    const status = evidenceStatus(model, ctx.year);

    for (const e of status.unmatched) {
        const t = e.target!;
        const known = idOf(t.value);
        ctx.report('evidence/target-unknown', t.span, known
            ? `Evidence for ${labelOf(known, t.value)}, which this submission does not report. Report the measure, or point the evidence at the attestation or measure it documents.`
            : `"${t.value}" is not an attestation, measure or \`cehrt\`: evidence names what it documents (e.g. \`evidence security-risk-analysis "audit/sra.pdf"\`), or nothing for the submission as a whole.`);
    }

    for (const item of status.missing) {
        ctx.report('evidence/missing', item.entry?.ref.span ?? model.cehrts[0]?.span ?? model.headerSpan,
            `No evidence for ${item.label}. An auditor expects: ${item.expectation.what} Add \`evidence ${item.entry ? item.entry.ref.value : 'cehrt'} "path/to/file"\`.`);
    }

    const year = ctx.year;
    for (const item of status.items) {
        for (const e of item.evidence) {
            if (item.expectation.withinYear && e.dated && year !== undefined) {
                const d = parseIsoDate(e.dated.value);
                if (d && d.year !== year) {
                    ctx.report('evidence/date-outside-year', e.dated.span,
                        `${item.label} is documented by a file dated ${e.dated.value}, outside the performance year ${year}. It must be done within the calendar year of the performance period; an audit would find it was not. Attach the ${year} document.`,
                        { confidence: item.expectation.confidence });
                }
            }
        }
    }
    for (const e of evidence) {
        if (e.covers) checkCovers(ctx, e);
        checkFile(ctx, e, reader);
    }
}

/** A report whose stated period is not the submission's performance period. */
function checkCovers(ctx: RuleContext, e: EvidenceModel): void {
    const period = ctx.model.periods[0];
    if (!period || !e.covers) return;
    if (e.covers.start.value === period.start.value && e.covers.end.value === period.end.value) return;
    ctx.report('evidence/period-mismatch', e.covers.span,
        `This report covers ${e.covers.start.value} to ${e.covers.end.value}, but the submission's performance period is ${period.start.value} to ${period.end.value}. The numbers must come from a report for the performance period: run the report for that period (or correct the period).`,
        { fixes: [{ title: `Say it covers ${period.start.value} to ${period.end.value}`, edits: [
            { span: e.covers.start.span, text: period.start.value }, { span: e.covers.end.span, text: period.end.value }
        ] }] });
}

function checkFile(ctx: RuleContext, e: EvidenceModel, reader: EvidenceReader | undefined): void {
    if (e.sha256 && !HEX64.test(e.sha256.value)) {
        ctx.report('evidence/hash-mismatch', e.sha256.span,
            `"${e.sha256.value}" is not a SHA-256 (64 hexadecimal characters). Record the file's SHA-256 (quick fix) or remove \`sha256\`.`,
            { fixes: reader ? hashFix(ctx, e, reader) : undefined });
        return;
    }
    if (!reader) return;
    const found = reader.lookup(e.path.value);
    if (found.status === 'missing') {
        ctx.report('evidence/file-missing', e.path.span,
            `The evidence file "${e.path.value}" does not exist (paths are relative to this .pisub file's folder). Fix the path or put the file there; an auditor will ask for it.`);
        return;
    }
    if (found.status === 'unreadable') {
        ctx.report('evidence/file-unreadable', e.path.span,
            `The evidence file "${e.path.value}" cannot be read (${found.reason}). Check the file's permissions; a binder cannot include it.`);
        return;
    }
    if (!e.sha256) {
        ctx.report('evidence/hash-not-recorded', e.path.span,
            `The SHA-256 of "${e.path.value}" is not recorded, so a later change to the file would go unnoticed. Record it (quick fix) once the document is final.`,
            { fixes: [{ title: 'Record the SHA-256', edits: [{ span: { offset: e.path.span.end, end: e.path.span.end }, text: ` sha256 "${found.sha256}"` }], preferred: true }] });
    } else if (e.sha256.value.toLowerCase() !== found.sha256) {
        ctx.report('evidence/hash-mismatch', e.sha256.span,
            `"${e.path.value}" has changed since its SHA-256 was recorded (now ${found.sha256.slice(0, 12)}…). Evidence that changed after it was attested needs explaining in an audit: restore the original, or, if the new file is the right one, record its SHA-256 (quick fix).`,
            { fixes: [{ title: 'Record the current SHA-256', edits: [{ span: e.sha256.span, text: `"${found.sha256}"` }] }] });
    }
}

function hashFix(ctx: RuleContext, e: EvidenceModel, reader: EvidenceReader) {
    const found = reader.lookup(e.path.value);
    if (found.status !== 'ok' || !e.sha256) return undefined;
    return [{ title: 'Record the SHA-256', edits: [{ span: e.sha256.span, text: `"${found.sha256}"` }], preferred: true }];
}

/** The evidence codes that say a named file is not there to be read. */
export const BROKEN_FILE_CODES: ReadonlySet<string> = new Set(['evidence/file-missing', 'evidence/file-unreadable']);

/**
 * How much evidence is missing: attestations and measures with no readable evidence file, plus
 * evidence files that are missing or unreadable where the item has another file. The binder's
 * "n missing", `pisub report`'s evidence column and the audit exit code all count this way.
 */
export function countMissingEvidence(status: EvidenceStatus, isBroken: (e: EvidenceModel) => boolean): number {
    let n = 0;
    for (const item of status.items) {
        const good = item.evidence.filter(e => !isBroken(e)).length;
        n += good === 0 ? 1 : item.evidence.length - good;
    }
    return n + status.general.filter(isBroken).length;
}
