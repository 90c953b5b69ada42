/**
 * How every face writes a score that may be a range: "91 / 100" when certain, "91 / 100 (87–93 depending on how
 * CMS redistributes the PI_HIE_1 exclusion)" when an uncertain rule changes the points (score.ts
 * computes the range). Dependency-free, so the VS Code client can import it without the rule data.
 */

export interface PointsRange {
    readonly min: number;
    readonly max: number;
}

/** "91 / 100", or "91 / 100 (87–93 depending on how CMS redistributes the PI_HIE_1 exclusion)". */
export function describeScoreOutOf100(s: { readonly score: number; readonly scoreRange?: PointsRange; readonly rangeReasons?: readonly string[] }): string {
    const r = s.scoreRange;
    if (!r || r.min === r.max) return `${s.score} / 100`;
    const why = s.rangeReasons?.length ? ` depending on ${s.rangeReasons.join(' and ')}` : '';
    return `${s.score} / 100 (${r.min}–${r.max}${why})`;
}

/** "87–93" for a range, "91" when certain. */
export function describeRange(r: PointsRange): string {
    return r.min === r.max ? String(r.min) : `${r.min}–${r.max}`;
}
