/** Renders check results as text, JSON or SARIF 2.1.0, and score breakdowns as text or JSON. */
import { RULES } from '../language/rules/catalogue.js';
import { ruleDocsHref } from '../language/rules/docs-links.js';
import type { CheckedFile } from '../language/headless.js';
import { describeRange, type ScoreResult } from '../language/score/score.js';
import { describeScoreOutOf100 } from '../language/score/describe.js';
import type { InputProblem } from './inputs.js';
import { isAbsolute, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { safe } from './terminal.js';

export interface Summary { files: number; errors: number; warnings: number; infos: number }

export function summarise(files: readonly CheckedFile[]): Summary {
    const s: Summary = { files: files.length, errors: 0, warnings: 0, infos: 0 };
    for (const f of files) for (const d of f.diagnostics) {
        if (d.severity === 'error') s.errors++; else if (d.severity === 'warning') s.warnings++; else s.infos++;
    }
    return s;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function checkText(files: readonly CheckedFile[], problems: readonly InputProblem[]): string {
    const lines: string[] = [];
    for (const f of files) {
        for (const d of f.diagnostics) lines.push(`${safe(f.path)}:${d.line}:${d.column}: ${d.severity} ${safe(d.message)} [${safe(d.code)}]`);
    }
    const s = summarise(files);
    const unreadable = problems.length ? `, ${plural(problems.length, 'unreadable input')}` : '';
    lines.push(`${plural(s.files, 'file')} checked: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}${unreadable}`);
    return lines.join('\n') + '\n';
}

export function checkJson(files: readonly CheckedFile[], problems: readonly InputProblem[]): string {
    return JSON.stringify({
        files: files.map(f => ({
            path: f.path,
            diagnostics: f.diagnostics.map(d => ({
                code: d.code, severity: d.severity, message: d.message, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn
            }))
        })),
        summary: summarise(files),
        ...(problems.length ? { unreadable: problems.map(p => ({ path: p.path, message: p.message })) } : {})
    }, null, 2) + '\n';
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function checkSarif(files: readonly CheckedFile[], problems: readonly InputProblem[], version: string): string {
    const rules = [...RULES.values()].map(r => ({
        id: r.code,
        name: r.title,
        shortDescription: { text: r.title },
        fullDescription: { text: r.rule },
        helpUri: ruleDocsHref(r.code),
        defaultConfiguration: { level: SARIF_LEVEL[r.severity] }
    }));
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const results = files.flatMap(f => f.diagnostics.map(d => ({
        ruleId: d.code,
        ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [{
            physicalLocation: {
                artifactLocation: sarifLocation(f.path),
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn }
            }
        }]
    })));
    const sarif = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: { driver: { name: 'pisub', version, informationUri: 'https://github.com/pisub/pisub', rules } },
            // Relative paths are relative to the folder pisub ran in.
            originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(process.cwd() + sep).href } },
            results,
            invocations: [{
                executionSuccessful: problems.length === 0,
                toolExecutionNotifications: problems.map(p => ({ level: 'error', message: { text: `${p.path}: ${p.message}` } }))
            }]
        }]
    };
    return JSON.stringify(sarif, null, 2) + '\n';
}

const SRCROOT = 'SRCROOT';

/**
 * SARIF §3.4.3: an absolute location is an absolute URI (`file:///…`); a relative one is a relative
 * reference resolved against a `uriBaseId` declared in `originalUriBaseIds`.
 */
export function sarifLocation(path: string): { uri: string; uriBaseId?: string } {
    if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
    const parts = path.split(/[\\/]/).filter(p => p !== '' && p !== '.');
    if (parts.includes('..')) return { uri: pathToFileURL(resolve(path)).href };
    return { uri: parts.map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** The `pisub score --format json` shape, exactly the documented fields. */
export function scoreJson(s: ScoreResult): string {
    return JSON.stringify({
        performanceYear: s.performanceYear,
        score: s.score,
        zero: s.zero,
        zeroReasons: s.zeroReasons.map(r => ({ code: r.code, message: r.message })),
        measures: s.measures.map(m => ({ measureId: m.measureId, points: m.points, maxPoints: m.maxPoints, pointsRange: m.pointsRange })),
        bonus: s.bonus,
        finalScoreContribution: s.finalScoreContribution,
        scoreRange: s.scoreRange,
        rangeReasons: s.rangeReasons,
        categoryWeight: s.categoryWeight,
        weightReason: s.weightReason
    }, null, 2) + '\n';
}

const fmt = (n: number) => Number.isInteger(n) ? String(n) : n.toFixed(1);

export function scoreText(path: string, s: ScoreResult): string {
    const out: string[] = [];
    out.push(`${safe(path)} — performance year ${s.performanceYear ?? 'unknown'}`);
    if (s.reweighted) {
        out.push('Special status / hardship exception with no PI data: the PI category is reweighted to 0% and not scored.');
        return out.join('\n') + '\n';
    }
    if (s.zero) {
        out.push(`PI category score: 0 (gated) — it would score 0 for ${plural(s.zeroReasons.length, 'reason')}:`);
        for (const r of s.zeroReasons) out.push(`  - [${r.code}] ${safe(r.message)}`);
        out.push(`Without the gates the measures below would earn ${fmt(s.rawScore)}.`);
    } else {
        out.push(`PI category score: ${describeScoreOutOf100(s)}${s.capped ? ` (capped; raw ${fmt(s.rawScore)})` : ''}`);
    }
    out.push('');
    const w = Math.max(10, ...s.measures.map(m => m.measureId.length));
    out.push(`  ${'measure'.padEnd(w)}  ${'points'.padStart(6)}  ${'max'.padStart(5)}  how`);
    for (const m of s.measures) {
        const range = m.pointsRange.min !== m.pointsRange.max ? ` (${describeRange(m.pointsRange)} under the other readings)` : '';
        out.push(`  ${safe(m.measureId).padEnd(w)}  ${fmt(m.points).padStart(6)}  ${fmt(m.maxPoints).padStart(5)}  ${m.formula}${range}${m.confidence !== 'H' ? ` (confidence ${m.confidence})` : ''}`);
    }
    out.push(`  ${'bonus'.padEnd(w)}  ${fmt(s.bonus).padStart(6)}         ${s.bonusDetail}`);
    for (const r of s.redistribution) out.push(`  redistributed: ${r.from} → ${r.to.join(', ')}: ${fmt(r.points)} points. ${r.note}`);
    out.push('');
    out.push(`Contribution to the MIPS final score: ${s.finalScoreContribution} points (category weight ${Math.round(s.categoryWeight * 100)}%).`);
    out.push(`Category weight: ${s.weightReason}`);
    if (s.uncertainties.length) {
        out.push('Uncertain in this estimate:');
        for (const u of s.uncertainties) out.push(`  - ${u}`);
    }
    return out.join('\n') + '\n';
}
