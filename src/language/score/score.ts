/**
 * The PI category score estimate for one submission: points per measure (points.ts: rate × max
 * points, rounded to nearest, at least 1 when the numerator is ≥ 1, in exact fractions), exclusion redistribution, the
 * public-health bonus, the 100 cap, the zero gates, and the contribution to the MIPS final score.
 * Points and redistribution per year are data (data/years.ts); where a point rule is uncertain the
 * breakdown says so (`uncertainties`), and where an uncertain (L) redistribution rule or an exact
 * half changes the points, the score is computed under every reading: `score` is the primary
 * reading, `scoreRange` and each measure's `pointsRange` span the others (`rangeReasons` say why).
 *
 * Sources: shared/reference/pi-rules-notes.md §3, the 2023/2024 Quick Start Guides' appendix tables,
 * the official scoring example (shared/reference/qpp-submissions/scoring-example-output-pi.json).
 */
import type { YearCatalogue } from '../data/measures.js';
import { CATEGORY_WEIGHT } from '../data/facts.js';
import type { Confidence, Redistribution, YearFacts } from '../data/years.js';
import { RULES } from '../rules/catalogue.js';
import type { Finding } from '../rules/context.js';
import type { Measurement, Resolution } from '../rules/resolve.js';
import type { SubmissionModel } from '../model/submission.js';
import { excludedMeasures, touchedHieOptions } from '../rules/measure-sets.js';
import { isReweighted } from '../vocabulary.js';
import * as P from './points.js';
import type { Rational } from './points.js';
import type { PointsRange } from './describe.js';

export { describeRange, describeScoreOutOf100, type PointsRange } from './describe.js';

export interface MeasureScore {
    readonly measureId: string;
    readonly title: string;
    /** Points earned (may be a half point for a public-health measure before the total is rounded). */
    readonly points: number;
    /** The most this measure could earn in this submission (its own points plus any redistributed to it). */
    readonly maxPoints: number;
    /** maxPoints exactly (e.g. 20/3), for the client's "points to the next point" hints. */
    readonly maxExact: Rational;
    readonly status: 'scored' | 'excluded' | 'missing' | 'suppressed' | 'invalid';
    /** How the points were computed, e.g. "(49/115) × 10 = 4.26 → 4". */
    readonly formula: string;
    readonly confidence: Confidence;
    /** The points under every reading of the uncertain rules (min = max = points when certain). */
    readonly pointsRange: PointsRange;
}

export interface RedistributionStep {
    readonly from: string;
    readonly to: readonly string[];
    readonly points: number;
    readonly note: string;
    readonly confidence: Confidence;
}

export interface ScoreResult {
    readonly performanceYear: number | null;
    /** The PI category score, an integer 0–100 (the most likely reading). */
    readonly score: number;
    /** The score under every reading of the uncertain (L) rules that change points: min = max = score when none does. */
    readonly scoreRange: PointsRange;
    /** What the range depends on ("how CMS redistributes the PI_HIE_1 exclusion"); empty when min = max. */
    readonly rangeReasons: readonly string[];
    /** Sum of measure points and bonus before rounding and the cap. */
    readonly rawScore: number;
    readonly zero: boolean;
    readonly zeroReasons: readonly { readonly code: string; readonly message: string }[];
    readonly measures: readonly MeasureScore[];
    readonly bonus: number;
    readonly bonusDetail: string;
    readonly redistribution: readonly RedistributionStep[];
    readonly capped: boolean;
    readonly categoryWeight: number;
    /** Why this weight: stated by the user, or the default and when CMS uses another (pi-rules-notes §7.4). */
    readonly weightReason: string;
    /** Category score × weight: points of the MIPS final score. */
    readonly finalScoreContribution: number;
    /** Where the estimate rests on uncertain rules. */
    readonly uncertainties: readonly string[];
    /** A special status or hardship without PI data: the category is reweighted, not scored. */
    readonly reweighted: boolean;
}

/** A category weight the user states: `weight 30%` in the file or `--weight 30` on the command line. */
export interface StatedWeight {
    /** A fraction 0–1. */
    readonly value: number;
    /** "stated in the file", "--weight". */
    readonly by: string;
}

interface Slot {
    id: string;
    max: Rational;
    confidence: Confidence;
    excluded: boolean;
    suppressed: boolean;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A reason the category scores 0: an error of a gate rule, or a syntax error. */
export interface ZeroReason {
    readonly code: string;
    readonly message: string;
}

export function emptyScore(year: number | null, zeroReasons: ScoreResult['zeroReasons']): ScoreResult {
    return {
        performanceYear: year, score: 0, scoreRange: { min: 0, max: 0 }, rangeReasons: [], rawScore: 0, zero: true, zeroReasons, measures: [],
        bonus: 0, bonusDetail: 'none', redistribution: [], capped: false, categoryWeight: CATEGORY_WEIGHT.value.default,
        weightReason: weightExplanation(CATEGORY_WEIGHT.value.default, undefined), finalScoreContribution: 0, uncertainties: [], reweighted: false
    };
}

/** Zero reasons = every error finding of a gate rule. */
export function zeroReasonsOf(findings: readonly Finding[]): ZeroReason[] {
    return findings.filter(f => f.severity === 'error' && RULES.get(f.code)?.gate).map(f => ({ code: f.code, message: f.message }));
}

const pct = (w: number) => `${round2(w * 100)}%`;

function weightExplanation(weight: number, why: 'stated' | 'app' | 'apm-entity' | 'reweighted' | undefined, by?: string): string {
    const others = 'CMS uses 25% by default (42 CFR 414.1375(a)), 30% whenever the cost category is reweighted to 0% (APM entity participation and the APP are examples), 0% when PI itself is reweighted, and other weights in other combinations';
    switch (why) {
        case 'stated': return `${pct(weight)}, ${by}. (${others}.)`;
        case 'app': return `${pct(weight)}: cost isn't evaluated under the APP, so PI weighs ${pct(weight)} (2023/2024 Quick Start Guides). State \`weight <n>%\` if CMS assigned another weight.`;
        case 'apm-entity': return `${pct(weight)}: at the APM entity level the cost category weighs 0% and PI ${pct(weight)} (2023/2024 Quick Start Guides). State \`weight <n>%\` if CMS assigned another weight.`;
        case 'reweighted': return '0%: PI is reweighted (special status or approved hardship exception, no PI data).';
        default: return `${pct(weight)}, the default (42 CFR 414.1375(a)). CMS uses 30% whenever the cost category is reweighted to 0% (APM entity participation and the APP are examples) and 0% when PI itself is reweighted: state \`weight <n>%\` (or \`--weight <n>\`) if that applies.`;
    }
}

export interface ScoreOptions {
    /** A weight stated on the command line (beats one stated in the file). */
    readonly weight?: StatedWeight;
}

/** The outcome of scoring under one reading of the uncertain rules. */
interface Evaluation {
    readonly measures: MeasureScore[];
    readonly earned: Rational;
    readonly bonus: Rational;
    readonly bonusParts: string[];
    readonly redistribution: RedistributionStep[];
    readonly uncertainties: string[];
    /** Rules with rivals that applied, with the rival indices (1-based) that have a measure to go to. */
    readonly open: Map<string, number[]>;
    /** Measures whose points are an exact half rounded up: each may be 1 lower (TIE_RULE). */
    readonly ties: Set<string>;
}

export function computeScore(
    model: SubmissionModel, year: number | undefined, facts: YearFacts | undefined, cat: YearCatalogue | undefined,
    resolution: Resolution | undefined, findings: readonly Finding[],
    /** Reasons from outside the rules: the syntax errors of the text. */
    syntaxReasons: readonly ZeroReason[] = [],
    options: ScoreOptions = {}
): ScoreResult {
    const zeroReasons = [...syntaxReasons, ...zeroReasonsOf(findings)];
    if (isReweighted(model)) {
        // Special status or hardship without PI data: reweighted to 0%, not scored (a text that
        // does not parse is not a valid submission, reweighted or not).
        return {
            ...emptyScore(year ?? null, syntaxReasons), zero: syntaxReasons.length > 0, reweighted: true,
            categoryWeight: 0, weightReason: weightExplanation(0, 'reweighted')
        };
    }
    if (year === undefined || !facts || !cat || !resolution) {
        const yearReasons = findings.filter(f => f.code.startsWith('year/')).map(f => ({ code: f.code, message: f.message }));
        return emptyScore(year ?? null, zeroReasons.length > syntaxReasons.length ? zeroReasons : [...syntaxReasons, ...yearReasons]);
    }

    const primary = evaluate(facts, cat, resolution, year, new Map());
    // Every combination of the open readings (a handful at most: one per excluded measure whose
    // redistribution is uncertain), and the exact halves rounded down.
    const rules = [...primary.open.entries()];
    const combos: Map<string, number>[] = [new Map()];
    for (const [id, rivals] of rules) {
        const next: Map<string, number>[] = [];
        for (const c of combos) for (const i of [0, ...rivals]) next.push(new Map([...c, [id, i]]));
        combos.splice(0, combos.length, ...next);
    }
    const finalOf = (e: Evaluation, tiesDown: boolean) => Math.min(100, P.roundHalfUp(P.add(e.earned, e.bonus)) - (tiesDown ? e.ties.size : 0));
    const primaryScore = finalOf(primary, false);
    let min = primaryScore;
    let max = primaryScore;
    const ranges = new Map(primary.measures.map(m => [m.measureId, { min: m.points, max: m.points }]));
    const reasons = new Set<string>();
    const note = (e: Evaluation) => {
        for (const m of e.measures) {
            const r = ranges.get(m.measureId);
            if (!r) continue;
            r.min = Math.min(r.min, e.ties.has(m.measureId) ? m.points - 1 : m.points);
            r.max = Math.max(r.max, m.points);
        }
        min = Math.min(min, finalOf(e, true));
        max = Math.max(max, finalOf(e, false));
    };
    note(primary);
    if (primary.ties.size) reasons.add(`how CMS rounds an exact half (${[...primary.ties].join(', ')})`);
    const byId = new Map(facts.redistribution.map(r => [r.excluded, r]));
    for (const combo of combos.slice(1)) {
        const e = evaluate(facts, cat, resolution, year, combo);
        note(e);
        for (const [id, i] of combo) {
            // A rule is a reason when its rival alone changes the score.
            if (i > 0 && finalOf(evaluate(facts, cat, resolution, year, new Map([[id, i]])), false) !== primaryScore) {
                reasons.add(byId.get(id)?.short ?? `how CMS redistributes the ${id} exclusion`);
            }
        }
    }

    const uncertainties = [...primary.uncertainties];
    const total = P.add(primary.earned, primary.bonus);
    const rawScore = round2(P.toNumber(total));
    if (!P.isWhole(total)) uncertainties.push(`The total ${P.display(total)} is not whole; CMS's rounding of the category score is not documented (rounded to nearest, ${P.TIE_RULE.replace(/^.*\(|\)$/g, '')}).`);
    const capped = P.toNumber(total) > 100;
    const zero = zeroReasons.length > 0;
    const score = zero ? 0 : primaryScore;

    // The category weight: stated (command line, then file), else inferred from the submission (§7.4).
    const option = model.reportings[0]?.option.value;
    const written = options.weight ?? statedWeight(model);
    const inferred: 'app' | 'apm-entity' | undefined = option === 'app' || option === 'app-plus' ? 'app'
        : model.entities[0]?.kind.value === 'apm-entity' ? 'apm-entity' : undefined;
    const weight = written ? written.value : inferred ? facts.categoryWeight.value.costReweighted : facts.categoryWeight.value.default;
    const weightReason = written ? weightExplanation(weight, 'stated', written.by) : weightExplanation(weight, inferred);

    return {
        performanceYear: year,
        score,
        scoreRange: zero ? { min: 0, max: 0 } : { min, max },
        rangeReasons: zero || min === max ? [] : [...reasons],
        rawScore,
        zero,
        zeroReasons: zero ? zeroReasons : [],
        measures: primary.measures.map(m => ({ ...m, pointsRange: ranges.get(m.measureId) ?? { min: m.points, max: m.points } })),
        bonus: P.toNumber(primary.bonus),
        bonusDetail: primary.bonusParts.join(', ') || 'none',
        redistribution: primary.redistribution,
        capped,
        categoryWeight: weight,
        weightReason,
        finalScoreContribution: round2(score * weight),
        uncertainties: [...new Set(uncertainties)],
        reweighted: false
    };
}

/** A `weight 30%` statement of the file, as a fraction (invalid ones are a rule's business). */
function statedWeight(model: SubmissionModel): StatedWeight | undefined {
    const w = model.weights?.[0];
    if (!w) return undefined;
    const n = Number(w.value);
    return Number.isFinite(n) && n >= 0 && n <= 100 ? { value: n / 100, by: `stated in the file (\`weight ${w.value}%\`)` } : undefined;
}

/** Points, redistribution and bonus under one reading of the uncertain rules (`choice`: rule → rival index, 0 = primary). */
function evaluate(
    facts: YearFacts, cat: YearCatalogue, resolution: Resolution, year: number, choice: ReadonlyMap<string, number>
): Evaluation {
    const get = (id: string): Measurement | undefined => resolution.byId.get(id)?.[0];
    const uncertainties: string[] = [];
    const open = new Map<string, number[]>();
    const ties = new Set<string>();
    // Excluded measures (claimed, or automatically) and the scored HIE option are decided as the checks decide them.
    const excluded = excludedMeasures(resolution, cat, facts);
    const isExcluded = (id: string): boolean => excluded.has(id);

    // Which HIE option is scored: the first one of the year's options that is reported (conflicts are errors anyway).
    const options = facts.hieOptions.value;
    const hieOption = touchedHieOptions(resolution, cat, facts)[0]?.opt ?? options[0];
    const hieAll = new Set(options.flat());

    // The scored measures of this submission, with their base points.
    const slots = new Map<string, Slot>();
    for (const [id, entry] of Object.entries(facts.points)) {
        if (entry.bonus || !cat.measures.has(id)) continue;
        if (hieAll.has(id) && !hieOption.includes(id)) continue;
        slots.set(id, { id, max: P.fromDecimal(entry.max), confidence: entry.confidence, excluded: isExcluded(id), suppressed: false });
    }
    const ph = facts.publicHealthObjective;
    for (const id of ph.measures) {
        slots.set(id, {
            id, max: P.divide(P.fromDecimal(ph.points), ph.measures.length), confidence: ph.confidence, excluded: isExcluded(id),
            suppressed: facts.suppressedMeasures.value.includes(id)
        });
    }
    if (ph.confidence !== 'H') {
        uncertainties.push(`Public-health objective worth ${ph.points} points split evenly between its measures (confidence ${ph.confidence}).`);
    }
    // A suppressed measure earns full credit whatever its answer, so it still receives points.
    const live = (id: string) => !slots.get(id)!.excluded || slots.get(id)!.suppressed;

    // Redistribution: an excluded measure's points go to its targets (following chains).
    const redistribution: RedistributionStep[] = [];
    const rules = new Map(facts.redistribution.map(r => [r.excluded, r]));
    const present = (to: readonly string[], seen: Set<string>) => to.filter(t => slots.has(t) && !seen.has(t));
    const give = (from: string, points: Rational, seen: Set<string>, origin?: string): void => {
        const rule: Redistribution | undefined = rules.get(from);
        let reading: { to: readonly string[]; note: string } | undefined = rule;
        if (rule?.rivals?.length) {
            const usable = rule.rivals.map((r, i) => ({ r, i: i + 1 })).filter(({ r }) => present(r.to, seen).length > 0);
            if (usable.length) open.set(from, usable.map(u => u.i));
            const i = choice.get(from) ?? 0;
            const rival = usable.find(u => u.i === i);
            if (rival) reading = { to: rival.r.to, note: `${rule.note} Read here as: ${rival.r.note}.` };
        }
        let targets = reading ? present(reading.to, seen) : [];
        let note = reading?.note ?? '';
        let confidence: Confidence = rule?.confidence ?? 'L';
        const alive = targets.filter(live);
        if (alive.length === 0 && targets.length > 0) {
            // Every target is excluded too: pass the points on along the targets' own rules.
            for (const t of targets) give(t, P.divide(points, targets.length), new Set([...seen, t]), origin ?? from);
            return;
        }
        targets = alive;
        if (targets.length === 0 && ph.measures.includes(from)) {
            const all = ph.whenAllExcluded;
            note = all.note;
            confidence = all.confidence;
            targets = all.to !== null && slots.has(all.to) ? [all.to] : [];
            if (all.to === null) {
                redistribution.push({ from: origin ?? from, to: [], points: P.toNumber(points), note, confidence });
                return;
            }
        }
        if (targets.length === 0) {
            uncertainties.push(`${from} is excluded and no measure is known to receive its ${P.display(points)} points; they are left out.`);
            return;
        }
        for (const t of targets) { const slot = slots.get(t)!; slot.max = P.add(slot.max, P.divide(points, targets.length)); }
        const label = origin ? `${origin} (via ${from})` : from;
        redistribution.push({ from: label, to: targets, points: P.toNumber(points), note: origin ? `${note} ${origin} passes its points on the same way.` : note, confidence });
        if (confidence !== 'H') uncertainties.push(`${note} (confidence ${confidence})`);
    };
    for (const slot of [...slots.values()]) {
        if (slot.excluded && !slot.suppressed) give(slot.id, slot.max, new Set([slot.id]));
    }

    // Points per measure.
    const measures: MeasureScore[] = [];
    const earned: Rational[] = [];
    for (const slot of slots.values()) {
        const title = cat.measures.get(slot.id)?.title ?? slot.id;
        const m = get(slot.id);
        const max = slot.max;
        const base = { measureId: slot.id, title, confidence: slot.confidence, maxPoints: round2(P.toNumber(max)), maxExact: max, pointsRange: { min: 0, max: 0 } };
        if (slot.suppressed && (m || slot.excluded)) {
            measures.push({ ...base, points: P.toNumber(max), status: 'suppressed', formula: `suppressed in ${year}: full credit` });
            earned.push(max);
            continue;
        }
        if (slot.excluded) {
            measures.push({ ...base, points: 0, maxPoints: 0, maxExact: P.ZERO, status: 'excluded', formula: 'excluded: points redistributed' });
            continue;
        }
        if (!m) {
            measures.push({ ...base, points: 0, status: 'missing', formula: 'not reported' });
            continue;
        }
        if (m.value === undefined) {
            measures.push({ ...base, points: 0, status: 'invalid', formula: 'invalid numbers' });
            continue;
        }
        if (typeof m.value === 'boolean') {
            const points = m.value ? max : P.ZERO;
            measures.push({ ...base, points: P.toNumber(points), status: 'scored', formula: `${m.value ? 'yes' : 'no'} → ${P.display(points)}` });
            earned.push(points);
            continue;
        }
        const { numerator, denominator } = m.value;
        if (denominator === 0 || numerator > denominator) {
            measures.push({ ...base, points: 0, status: 'invalid', formula: `${numerator}/${denominator}: no valid rate` });
            continue;
        }
        const { points, exact, tie } = P.measurePoints(numerator, denominator, max);
        if (tie) {
            uncertainties.push(`${slot.id}: ${numerator}/${denominator} × ${P.display(max)} is exactly ${P.display(exact)}; ${P.TIE_RULE}.`);
            if (points >= 2) ties.add(slot.id);
        }
        measures.push({ ...base, points, status: 'scored', formula: `(${numerator}/${denominator}) × ${P.display(max)} = ${P.display(exact)} → ${points}` });
        earned.push(P.ratio(points));
    }

    // Bonus: one optional public-health measure (with its engagement level where required), and
    // Query of PDMP where it is a bonus measure (2022). The bonus is never redistributed.
    let bonus = P.ZERO;
    const bonusParts: string[] = [];
    const phBonus = facts.publicHealthBonus.measures.find(id => {
        const m = get(id);
        if (m?.value !== true) return false;
        const levels = cat.measures.get(id)?.preprod ?? [];
        // A level is required only where the measure has level ids (PI_PHCDRR_6 has none in 2026).
        if (!facts.engagementLevelRequired.value || levels.length === 0) return true;
        return levels.some(l => get(l)?.value === true);
    });
    if (phBonus) {
        bonus = P.add(bonus, P.fromDecimal(facts.publicHealthBonus.points));
        bonusParts.push(`${phBonus}: ${facts.publicHealthBonus.points}`);
        if (facts.publicHealthBonus.confidence !== 'H') uncertainties.push(`Public-health bonus of ${facts.publicHealthBonus.points} points (confidence ${facts.publicHealthBonus.confidence}).`);
    }
    for (const [id, entry] of Object.entries(facts.points)) {
        if (entry.bonus && get(id)?.value === true) {
            bonus = P.add(bonus, P.fromDecimal(entry.max));
            bonusParts.push(`${id}: ${entry.max}`);
            if (entry.confidence !== 'H') uncertainties.push(`${id} bonus of ${entry.max} points (confidence ${entry.confidence}).`);
        }
    }
    return { measures, earned: P.sum(earned), bonus, bonusParts, redistribution, uncertainties, open, ties };
}
