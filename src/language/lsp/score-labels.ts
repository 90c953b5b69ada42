/**
 * Short score labels for inlay hints and code lenses: points per reported measure and the
 * submission's total (or why it is 0), from the document's Analysis.
 */
import type { MeasureEntry } from '../model/submission.js';
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
        case 'suppressed': return `${pts(score.points)}/${pts(score.maxPoints)} pts (suppressed)`;
        default: return `${pts(score.points)}/${pts(score.maxPoints)} pts`;
    }
}

/** The submission line's label: the PI score, or 0 and why. */
export function totalLabel(analysis: Analysis): string {
    const s = analysis.score;
    if (s.performanceYear === null || analysis.year === undefined) return 'PI score: needs a supported `year`';
    if (s.reweighted) return 'PI: reweighted to 0% of the final score (special status, no PI data)';
    if (s.zero) {
        const n = s.zeroReasons.length;
        return `PI score: 0 / 100 — ${n} reason${n === 1 ? '' : 's'}: ${s.zeroReasons.map(r => r.code).join(', ')}`;
    }
    const bonus = s.bonus > 0 ? `, incl. ${pts(s.bonus)} bonus` : '';
    // An uncertain rule makes the score a range: "90 / 100 (89–90 depending on …)".
    const why = s.rangeReasons.length ? ` depending on ${s.rangeReasons.join(' and ')}` : '';
    const range = s.scoreRange.min !== s.scoreRange.max ? ` (${describeRange(s.scoreRange)}${why})` : '';
    return `PI score: ${s.score} / 100${range}${bonus}${s.capped ? ' (capped)' : ''} ≈ ${pts(Math.round(s.finalScoreContribution * 100) / 100)} MIPS final-score points`;
}
