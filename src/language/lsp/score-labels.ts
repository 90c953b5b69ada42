/**
 * Short score labels for inlay hints and code lenses: points per reported measure and the
 * submission's total (or why it is 0, in the rules' titles), from the document's Analysis. On a file
 * whose category scores 0, a measure's points are what it *would* earn.
 */
import type { MeasureEntry } from '../model/submission.js';
import { RULES } from '../rules/catalogue.js';
export { CONFIDENCE_MEANING } from './confidence-words.js';
import type { Analysis } from '../rules/engine.js';
import { describeRange, type MeasureScore } from '../score/score.js';
import { measureIdOf } from './at-offset.js';

function pts(n: number): string {
    return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** The score of a top-level entry's measure, if the measure is scored at all (attestations are not). */
export function scoreOfEntry(analysis: Analysis, entry: MeasureEntry): MeasureScore | undefined {
    const id = measureIdOf(entry.ref.value);
    return id ? analysis.score.measures.find(m => m.measureId === id) : undefined;
}

export function measureLabel(score: MeasureScore, analysis: Analysis): string {
    switch (score.status) {
        case 'excluded': {
            const step = analysis.score.redistribution.find(r => r.from === score.measureId);
            return step && step.points > 0 ? `excluded: ${pts(step.points)} pts → ${step.to.join(', ')}` : 'excluded';
        }
        case 'suppressed': return wouldEarn(`${pts(score.points)}/${pts(score.maxPoints)} pts (suppressed)`, analysis);
        default: return wouldEarn(`${pts(score.points)}/${pts(score.maxPoints)} pts`, analysis);
    }
}

/** On a zeroed file the points are not earned: "would earn 9/10 pts — category scores 0". */
function wouldEarn(label: string, analysis: Analysis): string {
    return analysis.score.zero ? `would earn ${label} — category scores 0` : label;
}

/**
 * The zero reasons in words: each rule's title once, in order of first appearance, with how many
 * times it occurs ("Required measure not reported ×6").
 */
export function zeroReasonTitles(reasons: readonly { readonly code: string }[]): string[] {
    const counts = new Map<string, number>();
    for (const r of reasons) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
    return [...counts].map(([code, n]) => `${RULES.get(code)?.title ?? code}${n > 1 ? ` ×${n}` : ''}`);
}

/** At most `max` reason titles, then "+N more". */
export function reasonsSummary(reasons: readonly { readonly code: string }[], max = 3): string {
    const titles = zeroReasonTitles(reasons);
    return titles.length <= max ? titles.join('; ') : `${titles.slice(0, max).join('; ')}; +${titles.length - max} more`;
}

/** The submission line's label: the PI score, or 0 and why. */
export function totalLabel(analysis: Analysis): string {
    const s = analysis.score;
    if (s.performanceYear === null || analysis.year === undefined) return 'PI score: needs a supported `year`';
    if (s.reweighted) return 'PI: reweighted to 0% of the final score (special status, no PI data)';
    if (s.zero) return `PI score: 0 / 100 — ${reasonsSummary(s.zeroReasons)}`;
    const bonus = s.bonus > 0 ? `, incl. ${pts(s.bonus)} bonus` : '';
    // An uncertain rule makes the score a range: "90 / 100 (89–90 depending on …)".
    const why = s.rangeReasons.length ? ` depending on ${s.rangeReasons.join(' and ')}` : '';
    const range = s.scoreRange.min !== s.scoreRange.max ? ` (${describeRange(s.scoreRange)}${why})` : '';
    return `PI score: ${s.score} / 100${range}${bonus}${s.capped ? ' (capped)' : ''} ≈ ${pts(Math.round(s.finalScoreContribution * 100) / 100)} MIPS final-score points`;
}
