/**
 * Text of the status bar item and of "PI: Show score breakdown", from the server's `pisub/score`
 * response. No `vscode` import: vitest tests it directly (test/extension/score-format.test.ts).
 */
import type { ScoreResponse } from '../protocol.js';
import type { MeasureScore } from '../language/score/score.js';
import { describeScoreOutOf100 } from '../language/score/describe.js';
import { numeratorFor, roundHalfUp } from '../language/score/points.js';
import { CONFIDENCE_MEANING } from '../language/lsp/confidence-words.js';

/** The most a status bar text shows before it is cut with "…". */
export const STATUS_MAX_LENGTH = 48;

const OBJECTIVES: readonly (readonly [string, string])[] = [
    ['electronicPrescribing', 'e-Prescribing'],
    ['healthInformationExchange', 'Health Information Exchange'],
    ['providerToPatientExchange', 'Provider to Patient Exchange'],
    ['publicHealthAndClinicalDataExchange', 'Public Health and Clinical Data Exchange'],
    ['protectPatientHealthInformation', 'Protect Patient Health Information'],
    ['attestation', 'Attestations']
];

export function objectiveTitle(objective: string | null | undefined): string {
    return OBJECTIVES.find(([id]) => id === objective)?.[1] ?? (objective ? objective : 'Other');
}

function cut(text: string, max = STATUS_MAX_LENGTH): string {
    return text.length <= max ? text : text.slice(0, max - 1).trimEnd() + '…';
}

/** "PI: 96", "PI: 0 — SAFER Guide not "yes"", "PI: reweighted", "PI: no year". */
export function statusText(score: ScoreResponse): string {
    if (score.reweighted) return 'PI: reweighted';
    if (score.zero) {
        // In words: the first rule's title (×n when it occurs n times), then how many other rules.
        const titles = distinctTitles(score);
        const [first, times] = titles[0] ?? ['gated', 1];
        const more = titles.length > 1 ? ` (+${titles.length - 1})` : '';
        return cut(`PI: 0 — ${first}${times > 1 ? ` ×${times}` : ''}`, STATUS_MAX_LENGTH - more.length) + more;
    }
    if (score.performanceYear === null) return 'PI: no year';
    const r = score.scoreRange;
    return r && r.min !== r.max ? `PI: ${score.score} (${r.min}–${r.max})` : `PI: ${score.score}`;
}

/** The zero reasons' rule titles, each once, with how many times it occurs. */
function distinctTitles(score: ScoreResponse): [string, number][] {
    const counts = new Map<string, number>();
    score.zeroReasons.forEach((r, i) => {
        const title = score.zeroTitles[i] ?? r.code;
        counts.set(title, (counts.get(title) ?? 0) + 1);
    });
    return [...counts];
}

/** The status bar tooltip: score, contribution and the reasons for a zero. */
export function statusTooltip(score: ScoreResponse): string {
    const lines: string[] = [];
    if (score.reweighted) {
        lines.push('The PI category is reweighted (special status or hardship without PI data): it is not scored.');
    } else {
        lines.push(`Estimated PI category score: ${describeScoreOutOf100(score)}${score.performanceYear ? `, performance year ${score.performanceYear}` : ''}.`);
        lines.push(`Contribution to the MIPS final score: ${score.finalScoreContribution} points (weight ${Math.round(score.categoryWeight * 100)}%).`);
    }
    if (score.zero) {
        lines.push('', 'The category would score 0 because:');
        score.zeroReasons.forEach((r, i) => lines.push(`• ${score.zeroTitles[i] ?? r.code}: ${r.message}`));
    }
    lines.push('', 'Click for the breakdown.');
    return lines.join('\n');
}

/** Numerator needed for `target` points (score/points.ts, the same rule the score uses). */
export { numeratorFor };

/** What it would take to earn the points a measure is missing, or undefined when it has them all. */
export function missingPointsAdvice(m: MeasureScore, counts: { numerator?: number; denominator?: number } | undefined): string | undefined {
    const missing = Math.round((m.maxPoints - m.points) * 100) / 100;
    if (missing <= 0 || m.status === 'excluded' || m.status === 'suppressed') return undefined;
    switch (m.status) {
        case 'missing':
            return `Report it (or claim an exclusion that applies): up to ${m.maxPoints} points.`;
        case 'invalid':
            return `Correct the counts (numerator ≤ denominator, denominator > 0): up to ${m.maxPoints} points.`;
    }
    if (counts?.numerator === undefined || counts.denominator === undefined) {
        return `Answer "yes" (with evidence): +${missing} points.`;
    }
    const { numerator, denominator } = counts;
    const max = m.maxExact;
    const next = numeratorFor(m.points + 1, denominator, max);
    const full = numeratorFor(roundHalfUp(max), denominator, max);
    const parts: string[] = [];
    if (next !== undefined && next > numerator) {
        parts.push(`+1 point at ${next}/${denominator} (${next - numerator} more in the numerator)`);
    }
    if (full !== undefined && full > numerator && full !== next) {
        parts.push(`full ${roundHalfUp(max)} points at ${full}/${denominator} (${full - numerator} more)`);
    }
    return parts.length ? parts.join('; ') + '.' : undefined;
}

const cell = (text: string | number): string => String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The breakdown as Markdown: one table per objective, gates, redistribution, bonus, uncertainties. */
export function breakdownMarkdown(score: ScoreResponse, fileName: string): string {
    const out: string[] = [];
    out.push(`# PI score breakdown — ${fileName}`, '');
    if (score.performanceYear === null) {
        out.push('No supported performance year: the file has no score until its `year` is one pisub knows.', '');
    }
    if (score.reweighted) {
        out.push('**Reweighted:** a special status or hardship exception without PI data — the category is not scored.', '');
    } else {
        out.push(`**Estimated PI category score: ${score.score} / 100**` + (score.performanceYear ? ` (performance year ${score.performanceYear})` : ''), '');
        out.push(`- Raw sum of measure points and bonus: ${score.rawScore}${score.capped ? ' (capped at 100)' : ''}`);
        out.push(`- Bonus: ${score.bonus} (${score.bonusDetail})`);
        out.push(`- Contribution to the MIPS final score: ${score.finalScoreContribution} points (category weight ${Math.round(score.categoryWeight * 100)}%)`, '');
    }
    if (score.zero) {
        out.push('## Why the category scores 0', '');
        score.zeroReasons.forEach((r, i) => {
            const link = score.zeroLinks?.[i];
            out.push(`- **${cell(score.zeroTitles[i] ?? r.code)}**: ${r.message}${link ? ` ([${r.code}](${link}))` : ''}`);
        });
        out.push('', 'Until every reason above is resolved the category scores 0, whatever the measures earn: the points below are what each measure would earn.', '');
    }

    const groups = new Map<string, MeasureScore[]>();
    for (const m of score.measures) {
        const title = objectiveTitle(score.details[m.measureId]?.objective);
        groups.set(title, [...(groups.get(title) ?? []), m]);
    }
    const order = OBJECTIVES.map(([, t]) => t);
    const titles = [...groups.keys()].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
    for (const title of titles) {
        const measures = groups.get(title)!;
        const earned = measures.reduce((s, m) => s + m.points, 0);
        const max = measures.reduce((s, m) => s + m.maxPoints, 0);
        out.push(`## ${title} — ${score.zero ? 'would earn ' : ''}${round(earned)} of ${round(max)} points${score.zero ? ' (the category scores 0)' : ''}`, '');
        out.push(`| Measure | Status | ${score.zero ? 'Would earn' : 'Points'} | Max | How | To earn the missing points |`, '|---|---|---:|---:|---|---|');
        for (const m of measures) {
            const advice = missingPointsAdvice(m, score.details[m.measureId]) ?? '—';
            const conf = m.confidence === 'H' ? '' : ` (confidence ${m.confidence})`;
            out.push(`| ${cell(m.title)} \`${m.measureId}\` | ${m.status} | ${round(m.points)} | ${round(m.maxPoints)} | ${cell(m.formula + conf)} | ${cell(advice)} |`);
        }
        out.push('');
    }

    if (score.redistribution.length) {
        out.push('## Redistributed points', '');
        for (const r of score.redistribution) {
            out.push(`- ${r.points} points of \`${r.from}\` → ${r.to.map(t => `\`${t}\``).join(', ')}: ${r.note}${r.confidence === 'H' ? '' : ` (confidence ${r.confidence})`}`);
        }
        out.push('');
    }
    if (score.uncertainties.length) {
        out.push('## Uncertainties', '');
        for (const u of score.uncertainties) out.push(`- ${u}`);
        out.push('');
    }
    const levels = new Set<string>([
        ...score.measures.map(m => m.confidence), ...score.redistribution.map(r => r.confidence),
        ...score.uncertainties.flatMap(u => [...u.matchAll(/confidence ([HML])\b/g)].map(m => m[1]))
    ].filter(c => c !== 'H'));
    if (levels.size > 0) {
        out.push('## What "confidence M" and "confidence L" mean', '');
        out.push('Each figure rests on rules with a confidence (from pisub\'s reference notes). Where it is not H:', '');
        for (const c of ['M', 'L'] as const) if (levels.has(c)) out.push(`- **${c}**: ${CONFIDENCE_MEANING[c]}`);
        out.push('- **H** (not marked): ' + CONFIDENCE_MEANING.H, '');
    }
    out.push('_An estimate from the rules pisub knows for the year; CMS computes the official score._', '');
    return out.join('\n');
}

function round(n: number): number {
    return Math.round(n * 100) / 100;
}
