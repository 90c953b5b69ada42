/**
 * Evidence in hover: on an `evidence` statement, what it documents, what CMS expects for that, and
 * the file as found on disk (size, date, SHA-256) or the problem with it; on a measure, a line with
 * the documentation expected and the evidence recorded for it. One source: evidenceStatus.
 */
import { retentionUntil } from '../data/evidence.js';
import type { EvidenceModel } from '../model/submission.js';
import { evidenceStatus, type EvidenceReader } from '../rules/checks/evidence.js';
import type { Analysis } from '../rules/engine.js';

function fileLine(e: EvidenceModel, reader: EvidenceReader | undefined): string {
    if (!reader) return `\`${e.path.value}\``;
    const found = reader.lookup(e.path.value);
    if (found.status === 'missing') return `\`${e.path.value}\`: **not found**`;
    if (found.status === 'unreadable') return `\`${e.path.value}\`: **cannot be read** (${found.reason})`;
    const changed = e.sha256 && e.sha256.value.toLowerCase() !== found.sha256 ? ' — **changed since its SHA-256 was recorded**' : '';
    return `\`${e.path.value}\`: ${found.bytes} bytes${found.modified ? `, modified ${found.modified.slice(0, 10)}` : ''}, SHA-256 \`${found.sha256.slice(0, 16)}…\`${changed}`;
}

/** Hover on an evidence statement (undefined when the offset is not on one). */
export function evidenceHover(analysis: Analysis, offset: number, reader: EvidenceReader | undefined): { markdown: string; span: EvidenceModel['span'] } | undefined {
    const e = (analysis.model.evidence ?? []).find(x => offset >= x.span.offset && offset <= x.span.end);
    if (!e) return undefined;
    const status = evidenceStatus(analysis.model, analysis.year);
    const item = status.items.find(i => i.evidence.includes(e));
    const lines = [`**Evidence** for ${item ? item.label : e.target ? `\`${e.target.value}\` (not reported in this submission)` : 'the submission as a whole'}`, ''];
    lines.push(fileLine(e, reader));
    if (e.dated) lines.push('', `Dated ${e.dated.value}.`);
    if (e.covers) lines.push('', `Covers ${e.covers.start.value} to ${e.covers.end.value}.`);
    const expectation = item?.expectation ?? (e.target ? undefined : status.expectationForGeneral);
    if (expectation) lines.push('', `What an auditor expects: ${expectation.what} (confidence ${expectation.confidence}; see docs/audit.md)`);
    if (analysis.year !== undefined) {
        const keep = retentionUntil(analysis.year);
        lines.push('', `Keep until ${keep.date}${keep.confidence === 'L' ? ' (estimated)' : ''}: six years after the submission window closes.`);
    }
    return { markdown: lines.join('\n'), span: e.span };
}

/** The evidence line of a measure's hover. */
export function evidenceLineFor(analysis: Analysis, measureId: string): string | undefined {
    const status = evidenceStatus(analysis.model, analysis.year);
    const item = status.items.find(i => i.key === measureId);
    if (!item) return undefined;
    const recorded = item.evidence.length === 0 ? 'no evidence recorded' : item.evidence.map(e => `\`${e.path.value}\``).join(', ');
    return `Audit documentation: ${item.expectation.what} In this file: ${recorded}.`;
}
