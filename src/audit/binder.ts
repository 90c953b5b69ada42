/**
 * The audit binder of one submission, as data and as one self-contained printable HTML page: who,
 * which year and period, which CEHRT id, the estimated score, and for every attestation and measure
 * its value, what CMS expects as documentation (data/evidence.ts), the evidence files with their
 * date, size and SHA-256, and what is missing; the date until which it must all be kept.
 * Pure: the files were looked up by the caller (write-binder.ts).
 */
import { retentionUntil, validationCriteriaFor, type EvidenceExpectation } from '../language/data/evidence.js';
import type { EvidenceModel, MeasureEntry } from '../language/model/submission.js';
import { countMissingEvidence, evidenceStatus, type EvidenceLookup } from '../language/rules/checks/evidence.js';
import type { Analysis } from '../language/rules/engine.js';
import { escapeHtml } from '../report/render-html.js';

/** One evidence statement and what was found on disk. */
export interface BinderFile {
    readonly path: string;
    readonly description?: string;
    readonly dated?: string;
    readonly covers?: string;
    readonly recordedSha256?: string;
    readonly found: EvidenceLookup;
    /** Where the copy is, relative to the binder folder (found files only). */
    readonly copy?: string;
    /** Problems with this file, in words (date outside the year, changed since recorded, ...). */
    readonly problems: readonly string[];
}

export interface BinderItem {
    readonly label: string;
    readonly value: string;
    readonly expectation: EvidenceExpectation;
    readonly files: readonly BinderFile[];
    /** No readable evidence file for this item. */
    readonly missing: boolean;
}

export interface Binder {
    readonly name: string;
    readonly practice: string | null;
    readonly entity: string;
    readonly year: number | null;
    readonly period: string | null;
    readonly cehrt: string | null;
    readonly score: string;
    readonly items: readonly BinderItem[];
    /** Evidence about the submission as a whole. */
    readonly general: readonly BinderFile[];
    readonly retention: { readonly date: string; readonly estimated: boolean; readonly note?: string } | null;
    readonly criteriaNote: string | null;
    /** Number of items with no readable evidence, plus evidence files that are missing or unreadable. */
    readonly missingCount: number;
    readonly generated: string;
    readonly source: string;
}

export function valueText(entry: MeasureEntry | undefined): string {
    if (!entry) return '';
    const v = entry.value;
    const base = v.kind === 'ratio' ? `${v.numerator.value} / ${v.denominator.value}`
        : v.kind === 'answer' ? (v.answer.value ? 'yes' : 'no')
        : `excluded${v.exclusion ? ` (${v.exclusion.value})` : ''}`;
    return [base, entry.completed ? `completed ${entry.completed.value}` : '', entry.version ? `version ${entry.version.value}` : '',
        entry.engagement ? `engagement ${entry.engagement.value}` : ''].filter(Boolean).join(', ');
}

export interface BuildOptions {
    /** Looks up an evidence path (relative to the submission). */
    readonly lookup: (path: string) => EvidenceLookup;
    /** The binder-relative path a found file was copied to. */
    readonly copyOf: (path: string) => string | undefined;
    /** Diagnostics of the evidence rules, by the offset of the text they point at. */
    readonly findings: readonly { readonly code: string; readonly offset: number; readonly message: string }[];
    readonly generated: string;
    readonly source: string;
}

const FILE_PROBLEMS = new Set(['evidence/date-outside-year', 'evidence/hash-mismatch', 'evidence/period-mismatch']);

export function buildBinder(analysis: Analysis, options: BuildOptions): Binder {
    const model = analysis.model;
    const year = analysis.year ?? null;
    const status = evidenceStatus(model, analysis.year);
    const fileOf = (e: EvidenceModel): BinderFile => {
        const found = options.lookup(e.path.value);
        const problems = options.findings
            .filter(f => FILE_PROBLEMS.has(f.code) && f.offset >= e.span.offset && f.offset < e.span.end)
            .map(f => f.message);
        if (found.status === 'ok' && e.sha256 && e.sha256.value.toLowerCase() !== found.sha256 && !problems.some(p => p.includes('changed'))) {
            problems.push('The file has changed since its SHA-256 was recorded.');
        }
        return {
            path: e.path.value, description: e.description?.value, dated: e.dated?.value,
            covers: e.covers ? `${e.covers.start.value} to ${e.covers.end.value}` : undefined,
            recordedSha256: e.sha256?.value, found, copy: found.status === 'ok' ? options.copyOf(e.path.value) : undefined, problems
        };
    };
    const items: BinderItem[] = status.items.map(item => {
        const files = item.evidence.map(fileOf);
        const missing = !files.some(f => f.found.status === 'ok');
        return { label: item.label, value: item.key === 'cehrt' ? model.cehrts[0]?.value ?? '' : valueText(item.entry), expectation: item.expectation, files, missing };
    });
    const general = status.general.map(fileOf);
    const missingCount = countMissingEvidence(status, e => options.lookup(e.path.value).status !== 'ok');
    const entity = model.entities[0];
    const retention = year !== null ? retentionUntil(year) : null;
    return {
        name: model.name?.value ?? options.source,
        practice: model.practices[0]?.value ?? null,
        entity: entity ? [entity.kind.value, ...entity.tin.map(t => `TIN ${t.value}`), ...entity.npi.map(n => `NPI ${n.value}`), ...entity.entityId.map(i => `id ${i.value}`)].join(' ') : '—',
        year,
        period: model.periods[0] ? `${model.periods[0].start.value} to ${model.periods[0].end.value}` : null,
        cehrt: model.cehrts[0]?.value ?? null,
        score: analysis.score.reweighted ? 'reweighted' : analysis.score.zero ? '0 (the category would score 0)' : String(analysis.score.score),
        items, general,
        retention: retention ? { date: retention.date, estimated: retention.confidence === 'L', note: retention.note } : null,
        criteriaNote: year !== null ? validationCriteriaFor(year).note : null,
        missingCount, generated: options.generated, source: options.source
    };
}

const CSS = `
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6472; --line: #d8dde5; --bad: #b3261e; --bad-bg: #fdecea; --ok: #2e7d32; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 24px; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 20px 0 6px; }
.meta { color: var(--muted); margin: 0 0 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 12px; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
.status { display: inline-block; padding: 4px 10px; border-radius: 6px; font-weight: 700; }
.status.ok { background: #e8f5e9; color: var(--ok); } .status.bad { background: var(--bad-bg); color: var(--bad); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); border-bottom: 2px solid var(--line); }
tr.missing { background: var(--bad-bg); }
.expect { color: var(--muted); font-size: 12px; }
.file { margin: 0 0 6px; } .file code { word-break: break-all; font-size: 11px; }
.problem { color: var(--bad); font-weight: 600; }
.missing-text { color: var(--bad); font-weight: 700; }
.note { color: var(--muted); font-size: 12px; }
@media print { body { margin: 0; } tr { break-inside: avoid; } }
`;

function fileHtml(f: BinderFile): string {
    const found = f.found;
    const state = found.status === 'ok'
        ? `${found.bytes} bytes${found.modified ? `, modified ${escapeHtml(found.modified.slice(0, 10))}` : ''}<br>SHA-256 <code>${escapeHtml(found.sha256)}</code>`
        : `<span class="problem">${found.status === 'missing' ? 'file not found' : `cannot be read (${escapeHtml(found.reason)})`}</span>`;
    const link = f.copy ? `<a href="${escapeHtml(f.copy.split('/').map(encodeURIComponent).join('/'))}">${escapeHtml(f.path)}</a>` : escapeHtml(f.path);
    return `<div class="file">${link}${f.description ? ` — ${escapeHtml(f.description)}` : ''}${f.dated ? `<br>dated ${escapeHtml(f.dated)}` : ''}${f.covers ? `<br>covers ${escapeHtml(f.covers)}` : ''}<br>${state}${f.problems.map(p => `<br><span class="problem">${escapeHtml(p)}</span>`).join('')}</div>`;
}

export function renderBinderHtml(b: Binder): string {
    const rows = b.items.map(i => `<tr class="${i.missing ? 'missing' : ''}"><td>${escapeHtml(i.label)}</td><td>${escapeHtml(i.value)}</td>
<td class="expect">${escapeHtml(i.expectation.what)} <span class="note">(confidence ${i.expectation.confidence})</span></td>
<td>${i.files.map(fileHtml).join('')}${i.missing ? '<span class="missing-text">Missing: no readable evidence</span>' : ''}</td></tr>`).join('\n');
    const complete = b.missingCount === 0;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Audit binder — ${escapeHtml(b.name)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>Audit binder — ${escapeHtml(b.practice ?? b.name)}</h1>
<p class="meta">Promoting Interoperability, performance year ${b.year ?? '—'} · submission <code>${escapeHtml(b.name)}</code> (${escapeHtml(b.source)}) · built ${escapeHtml(b.generated)} by pisub</p>
<p><span class="status ${complete ? 'ok' : 'bad'}">${complete ? 'Evidence complete' : `${b.missingCount} missing`}</span></p>
<dl class="facts">
<dt>Entity</dt><dd>${escapeHtml(b.entity)}</dd>
<dt>Performance year</dt><dd>${b.year ?? '—'}</dd>
<dt>Performance period</dt><dd>${escapeHtml(b.period ?? '—')}</dd>
<dt>CEHRT id</dt><dd>${escapeHtml(b.cehrt ?? '—')}</dd>
<dt>Estimated PI score</dt><dd>${escapeHtml(b.score)}</dd>
<dt>Keep until</dt><dd>${b.retention ? `${escapeHtml(b.retention.date)} (six years after the submission window closes${b.retention.estimated ? '; estimated' : ''})` : '—'}${b.retention?.note ? `<br><span class="note">${escapeHtml(b.retention.note)}</span>` : ''}</dd>
</dl>
<h2>Attestations and measures</h2>
<table>
<thead><tr><th>Attestation / measure</th><th>Value</th><th>What CMS expects</th><th>Evidence</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${b.general.length > 0 ? `<h2>About the submission as a whole</h2>\n${b.general.map(fileHtml).join('\n')}` : ''}
<h2>Sources</h2>
<p class="note">${escapeHtml(b.criteriaNote ?? '')} Documentation is kept for 6 years after submission (CMS 2024 MIPS PI Quick Start Guide). The files under <code>evidence/</code> are copies; <code>manifest.json</code> lists each copy's SHA-256 and size so the binder can be verified later.</p>
</body>
</html>
`;
}
