/**
 * The portfolio report as one self-contained HTML file: inline CSS, no scripts, no external
 * resources (a Content-Security-Policy says so), readable on screen, in a VS Code webview and on
 * paper (@media print). Every text that comes from a submission or a path is escaped.
 */
import { RULES } from '../language/rules/catalogue.js';
import { entityText, evidenceText, scoreNumberText, scoreRangeText, type Portfolio, type PortfolioRow } from './portfolio.js';
import { summaryLine } from './render-text.js';

export interface HtmlOptions {
    /** The page heading (default "Promoting Interoperability — portfolio report"). */
    readonly title?: string;
    /** A date or time text shown under the heading (e.g. "2025-01-08"); nothing when omitted. */
    readonly generated?: string;
    /** A link that opens a row's file (the editor's report: a `command:` URI); no link when omitted. */
    readonly fileLink?: (row: PortfolioRow) => string | undefined;
    /** A link to a rule's documentation; the code is shown without a link when omitted. */
    readonly ruleLink?: (code: string) => string | undefined;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, c => ESCAPES[c]);
}

/** Score bands for the bar colour: the thresholds are visual only, not CMS's. */
function band(row: PortfolioRow): 'zero' | 'low' | 'mid' | 'high' | 'none' {
    if (row.zero) return 'zero';
    if (row.score === null || row.reweighted) return 'none';
    return row.score < 50 ? 'low' : row.score < 75 ? 'mid' : 'high';
}

const CSS = `
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6472; --line: #d8dde5; --zero: #b3261e; --zero-bg: #fdecea;
  --low: #b26a00; --mid: #1f6fb2; --high: #2e7d32; --track: #e9edf2; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 24px; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; }
.meta { color: var(--muted); margin: 0 0 16px; }
.summary { margin: 0 0 16px; display: flex; gap: 12px; flex-wrap: wrap; }
.summary .tile { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; }
.summary .tile b { font-size: 18px; display: block; }
.summary .tile.bad { border-color: var(--zero); color: var(--zero); background: var(--zero-bg); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 8px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); border-bottom: 2px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.practice { font-weight: 600; }
.path { color: var(--muted); font-size: 12px; word-break: break-all; }
.score-cell { min-width: 170px; }
.score { display: flex; align-items: center; gap: 8px; }
.bar { flex: 1; position: relative; height: 14px; background: var(--track); border-radius: 7px; overflow: hidden; }
.fill { display: block; height: 100%; border-radius: 7px; }
.band-high .fill { background: var(--high); }
.band-mid .fill { background: var(--mid); }
.band-low .fill { background: var(--low); }
.band-zero .bar { outline: 2px solid var(--zero); outline-offset: -2px; }
.band-none .fill { background: repeating-linear-gradient(45deg, #c3c9d2 0 6px, transparent 6px 12px); width: 100%; }
.score-value { font-weight: 700; font-variant-numeric: tabular-nums; min-width: 3ch; text-align: right; }
.score-range { font-size: 0.8em; color: var(--muted, #555); }
.band-zero .score-value { color: var(--zero); }
.entity .ids { color: var(--muted); font-size: 12px; }
tr.zero { background: var(--zero-bg); }
tr.zero td:first-child { box-shadow: inset 4px 0 0 var(--zero); }
.badge { display: inline-block; font-size: 11px; font-weight: 700; padding: 1px 6px; border-radius: 4px; background: var(--zero); color: #fff; margin-bottom: 4px; }
ul.reasons { margin: 0; padding-left: 18px; color: var(--zero); }
ul.reasons code { font-size: 12px; color: var(--ink); }
.ok { color: var(--muted); }
.errors-some { color: var(--zero); font-weight: 700; }
.warnings-some { color: var(--low); font-weight: 700; }
.unreadable { margin-top: 24px; color: var(--zero); }
footer { margin-top: 24px; color: var(--muted); font-size: 12px; }
@media print {
  @page { size: landscape; margin: 12mm; }
  body { margin: 0; font-size: 10pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .summary .tile { padding: 4px 8px; }
  .path { font-size: 8pt; }
  footer { font-size: 8pt; }
}
`;

/** The entity kind, then its identifiers on a second line. */
function entityCell(r: PortfolioRow): string {
    const ids = entityText(r).slice((r.entity.kind ?? '—').length).trim();
    return `${escapeHtml(r.entity.kind ?? '—')}${ids ? `<div class="ids">${escapeHtml(ids)}</div>` : ''}`;
}

/** A zero reason in short words (the rule's title), the first sentence of its message as tooltip, the code as a link. */
function reason(z: PortfolioRow['zeroReasons'][number], times: number, options: HtmlOptions): string {
    const rule = RULES.get(z.code)?.title;
    const href = options.ruleLink?.(z.code);
    const code = href ? `<a href="${escapeHtml(href)}" title="The rule"><code>${escapeHtml(z.code)}</code></a>` : `<code>${escapeHtml(z.code)}</code>`;
    const words = `${escapeHtml(rule ?? z.text)}${times > 1 ? ` (×${times})` : ''}`;
    return rule ? `<li title="${escapeHtml(z.text)}">${words} ${code}</li>` : `<li>${words} ${code}</li>`;
}

/** Zero reasons, one per code (in order of first appearance) with how many times it occurs. */
function grouped(reasons: PortfolioRow['zeroReasons']): [PortfolioRow['zeroReasons'][number], number][] {
    const byCode = new Map<string, [PortfolioRow['zeroReasons'][number], number]>();
    for (const z of reasons) {
        const seen = byCode.get(z.code);
        if (seen) seen[1]++; else byCode.set(z.code, [z, 1]);
    }
    return [...byCode.values()];
}

function link(html: string, href: string | undefined): string {
    return href ? `<a href="${escapeHtml(href)}" title="Open the file">${html}</a>` : html;
}

function row(r: PortfolioRow, rank: number, options: HtmlOptions): string {
    const b = band(r);
    const width = r.zero ? 0 : r.score === null || r.reweighted ? 100 : Math.max(0, Math.min(100, r.score));
    const label = r.reweighted ? 'reweighted to 0%' : r.zero ? 'scores 0' : r.score === null ? 'not scored' : `score ${r.score} of 100`;
    const reasons = r.zero
        ? `<span class="badge">Scores 0</span><ul class="reasons">${grouped(r.zeroReasons).map(([z, n]) => reason(z, n, options)).join('')}</ul>`
        : `<span class="ok">—</span>`;
    return `<tr class="row${r.zero ? ' zero' : ''}" data-zero="${r.zero}" data-score="${r.score ?? ''}">
<td class="num">${rank}</td>
<td><div class="practice">${link(escapeHtml(r.practice), options.fileLink?.(r))}</div><div class="path">${escapeHtml(r.path)}</div></td>
<td class="entity">${entityCell(r)}</td>
<td class="num year">${r.year ?? '—'}</td>
<td class="score-cell band-${b}"><div class="score"><div class="bar" role="img" aria-label="${escapeHtml(label)}"><span class="fill" style="width:${width}%"></span></div><span class="score-value">${escapeHtml(scoreNumberText(r))}</span></div>${scoreRangeText(r) ? `<div class="score-range">range ${escapeHtml(scoreRangeText(r))} (an uncertain CMS rule)</div>` : ''}</td>
<td class="why">${reasons}</td>
<td class="num errors${r.errors ? ' errors-some' : ''}">${r.errors}</td>
<td class="num warnings${r.warnings ? ' warnings-some' : ''}">${r.warnings}</td>
<td class="evidence${r.evidenceMissing ? ' errors-some' : ''}">${escapeHtml(evidenceText(r))}</td>
</tr>`;
}

export function renderHtml(p: Portfolio, options: HtmlOptions = {}): string {
    const title = options.title ?? 'Promoting Interoperability — portfolio report';
    const s = p.summary;
    const tiles = [
        `<div class="tile"><b>${s.submissions}</b>submission${s.submissions === 1 ? '' : 's'}</div>`,
        `<div class="tile${s.zero ? ' bad' : ''}"><b>${s.zero}</b>scoring 0</div>`,
        `<div class="tile"><b>${s.averageScore ?? '—'}</b>average score (above 0)</div>`,
        `<div class="tile"><b>${s.errors}</b>error${s.errors === 1 ? '' : 's'}</div>`,
        `<div class="tile"><b>${s.warnings}</b>warning${s.warnings === 1 ? '' : 's'}</div>`
    ].join('');
    const body = p.rows.length
        ? p.rows.map((r, i) => row(r, i + 1, options)).join('\n')
        : '<tr><td colspan="9" class="ok">No submissions found.</td></tr>';
    const unreadable = p.unreadable.length
        ? `<section class="unreadable"><h2>Could not be read</h2><ul>${p.unreadable.map(u => `<li><code>${escapeHtml(u.path)}</code>: ${escapeHtml(u.message)}</li>`).join('')}</ul></section>`
        : '';
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(summaryLine(p))}${options.generated ? ` · generated ${escapeHtml(options.generated)}` : ''}</p>
<div class="summary">${tiles}</div>
<table class="portfolio">
<thead><tr><th class="num">#</th><th>Practice</th><th>Entity</th><th class="num">Year</th><th>Score</th><th>Scores 0 because</th><th class="num">Errors</th><th class="num">Warnings</th><th>Evidence</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
${unreadable}
<footer>Worst first: submissions that would score 0, then the lowest estimated score, then the most errors. Scores are pisub's estimate of the PI category score (0–100) from the rules of each performance year; run <code>pisub check</code> for every diagnostic. Evidence: attestations and measures without a readable evidence file (<code>pisub audit</code> builds the binder).</footer>
</body>
</html>
`;
}
