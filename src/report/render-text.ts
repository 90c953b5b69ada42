/** The portfolio report as a terminal table, CSV (RFC 4180) or JSON. */
import { entityText, evidenceText, scoreText, type Portfolio, type PortfolioRow } from './portfolio.js';

/** Control characters (escape sequences, tabs, newlines) in user text would garble a terminal. */
function plain(text: string): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

/** The zero reasons' codes, each once: `period/missing, measure/required-missing ×6`. */
export function zeroCodes(row: PortfolioRow): string {
    if (!row.zero) return '';
    const counts = new Map<string, number>();
    for (const r of row.zeroReasons) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
    return [...counts].map(([code, n]) => n > 1 ? `${code} ×${n}` : code).join(', ');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summaryLine(p: Portfolio): string {
    const s = p.summary;
    const avg = s.averageScore !== null ? `, average score ${s.averageScore} (of those above 0)` : '';
    const unreadable = p.unreadable.length ? `, ${plural(p.unreadable.length, 'unreadable input')}` : '';
    return `${plural(s.submissions, 'submission')}: ${s.zero} scoring 0${avg}; ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}${unreadable}`;
}

/** A fixed-width table, worst first, with the zero reasons' codes, then a summary line. */
export function renderTable(p: Portfolio): string {
    const header = ['#', 'practice', 'entity', 'year', 'score', 'zero because', 'errors', 'warnings', 'evidence'];
    const cells = p.rows.map((r, i) => [
        String(i + 1), plain(r.practice), plain(entityText(r)), r.year === null ? '—' : String(r.year),
        r.zero ? `${scoreText(r)} ZERO` : scoreText(r), plain(zeroCodes(r)), String(r.errors), String(r.warnings), evidenceText(r)
    ]);
    const numeric = new Set([0, 3, 4, 6, 7]);
    const widths = header.map((h, c) => Math.max(h.length, ...cells.map(row => row[c].length)));
    const line = (row: string[]) => row.map((cell, c) => numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])).join('  ').trimEnd();
    const out = [line(header), widths.map(w => '-'.repeat(w)).join('  '), ...cells.map(line)];
    if (p.rows.length === 0) out.push('(no submissions)');
    out.push('', summaryLine(p));
    return out.join('\n') + '\n';
}

/**
 * One CSV field: quoted when it holds a comma, quote or line break. A field that a spreadsheet
 * would run as a formula (=, +, -, @ first) gets a leading apostrophe.
 */
export function csvField(value: string | number | boolean | null): string {
    let text = value === null ? '' : String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(p: Portfolio): string {
    const header = ['rank', 'practice', 'submission', 'entity_kind', 'tin', 'npi', 'entity_id', 'year', 'score', 'zero', 'zero_reasons', 'errors', 'warnings', 'reweighted', 'path', 'evidence_missing'];
    const rows = p.rows.map((r, i) => [
        i + 1, r.practice, r.submission, r.entity.kind, r.entity.tin, r.entity.npi, r.entity.id, r.year, r.score, r.zero,
        r.zeroReasons.map(z => `${z.code}: ${z.text}`).join(' | '), r.errors, r.warnings, r.reweighted, r.path, r.evidenceMissing
    ].map(csvField).join(','));
    return [header.join(','), ...rows].join('\r\n') + '\r\n';
}

export function renderJson(p: Portfolio): string {
    return JSON.stringify({
        summary: p.summary,
        rows: p.rows.map((r, i) => ({ rank: i + 1, ...r })),
        ...(p.unreadable.length ? { unreadable: p.unreadable } : {})
    }, null, 2) + '\n';
}
