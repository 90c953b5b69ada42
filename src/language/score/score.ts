/**
 * The PI category score estimate for one submission: points per measure (points.ts: rate × max
 * points, rounded to nearest, at least 1 when the numerator is ≥ 1, in exact fractions), exclusion redistribution, the
 * public-health bonus, the 100 cap, the zero gates, and the contribution to the MIPS final score.
 * Points and redistribution per year are data (data/years.ts); where a point rule is uncertain the
 * breakdown says so (`uncertainties`).
 *
 * Sources: shared/reference/pi-rules-notes.md §3, the 2023/2024 Quick Start Guides' appendix tables,
 * the official scoring example (shared/reference/qpp-submissions/scoring-example-output-pi.json).
 */
import type { YearCatalogue } from '../data/measures.js';
import { CATEGORY_WEIGHT } from '../data/facts.js';
import type { Confidence, YearFacts } from '../data/years.js';
import { RULES } from '../rules/catalogue.js';
import type { Finding } from '../rules/context.js';
import type { Measurement, Resolution } from '../rules/resolve.js';
import type { SubmissionModel } from '../model/submission.js';
import { excludedMeasures, touchedHieOptions } from '../rules/measure-sets.js';
import { isReweighted } from '../vocabulary.js';
import * as P from './points.js';
import type { Rational } from './points.js';

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
    /** The PI category score, an integer 0–100. */
    readonly score: number;
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
    /** Category score × weight: points of the MIPS final score (0–25, or 0–30 for APM entities and APP). */
    readonly finalScoreContribution: number;
    /** Where the estimate rests on uncertain rules. */
    readonly uncertainties: readonly string[];
    /** A special status or hardship without PI data: the category is reweighted, not scored. */
    readonly reweighted: boolean;
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
        performanceYear: year, score: 0, rawScore: 0, zero: true, zeroReasons, measures: [], bonus: 0, bonusDetail: 'none',
        redistribution: [], capped: false, categoryWeight: CATEGORY_WEIGHT.value.default, finalScoreContribution: 0, uncertainties: [], reweighted: false
    };
}

/** Zero reasons = every error finding of a gate rule. */
export function zeroReasonsOf(findings: readonly Finding[]): ZeroReason[] {
    return findings.filter(f => f.severity === 'error' && RULES.get(f.code)?.gate).map(f => ({ code: f.code, message: f.message }));
}

export function computeScore(
    model: SubmissionModel, year: number | undefined, facts: YearFacts | undefined, cat: YearCatalogue | undefined,
    resolution: Resolution | undefined, findings: readonly Finding[],
    /** Reasons from outside the rules: the syntax errors of the text. */
    syntaxReasons: readonly ZeroReason[] = []
): ScoreResult {
    const zeroReasons = [...syntaxReasons, ...zeroReasonsOf(findings)];
    if (isReweighted(model)) {
        // Special status or hardship without PI data: reweighted to 0%, not scored (a text that
        // does not parse is not a valid submission, reweighted or not).
        return { ...emptyScore(year ?? null, syntaxReasons), zero: syntaxReasons.length > 0, reweighted: true };
    }
    if (year === undefined || !facts || !cat || !resolution) {
        const yearReasons = findings.filter(f => f.code.startsWith('year/')).map(f => ({ code: f.code, message: f.message }));
        return emptyScore(year ?? null, zeroReasons.length > syntaxReasons.length ? zeroReasons : [...syntaxReasons, ...yearReasons]);
    }
    const uncertainties: string[] = [];
    const get = (id: string): Measurement | undefined => resolution.byId.get(id)?.[0];
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

    // Redistribution: an excluded measure's points go to its targets (following chains).
    const redistribution: RedistributionStep[] = [];
    const rules = new Map(facts.redistribution.map(r => [r.excluded, r]));
    const give = (from: string, points: Rational, seen: Set<string>, origin?: string): void => {
        const rule = rules.get(from);
        let targets = rule ? rule.to.filter(t => slots.has(t) && !seen.has(t)) : [];
        let note = rule?.note ?? '';
        let confidence: Confidence = rule?.confidence ?? 'L';
        const live = targets.filter(t => !slots.get(t)!.excluded);
        if (live.length === 0 && targets.length > 0) {
            // Every target is excluded too: pass the points on along the targets' own rules.
            for (const t of targets) give(t, P.divide(points, targets.length), new Set([...seen, t]), origin ?? from);
            return;
        }
        targets = live;
        if (targets.length === 0 && ph.measures.includes(from)) {
            targets = slots.has('PI_PEA_1') ? ['PI_PEA_1'] : [];
            note = 'Both public-health measures excluded: the objective\'s points go to Provide Patients Electronic Access.';
            confidence = 'M';
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
        const base = { measureId: slot.id, title, confidence: slot.confidence, maxPoints: round2(P.toNumber(max)), maxExact: max };
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
        if (tie) uncertainties.push(`${slot.id}: ${numerator}/${denominator} × ${P.display(max)} is exactly ${P.display(exact)}; ${P.TIE_RULE}.`);
        measures.push({ ...base, points, status: 'scored', formula: `(${numerator}/${denominator}) × ${P.display(max)} = ${P.display(exact)} → ${points}` });
        earned.push(P.ratio(points));
    }

    // Bonus: one optional public-health measure (with its engagement level where required), and
    // Query of PDMP where it is a bonus measure (2022).
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

    const total = P.add(P.sum(earned), bonus);
    const rawScore = round2(P.toNumber(total));
    if (!P.isWhole(total)) uncertainties.push(`The total ${P.display(total)} is not whole; CMS's rounding of the category score is not documented (rounded to nearest, ${P.TIE_RULE.replace(/^.*\(|\)$/g, '')}).`);
    const capped = P.toNumber(total) > 100;
    const reweighted = isReweighted(model);
    const zero = zeroReasons.length > 0 && !reweighted;
    const score = zero || reweighted ? 0 : Math.min(100, P.roundHalfUp(total));
    const option = model.reportings[0]?.option.value;
    const apmOrApp = model.entities[0]?.kind.value === 'apm-entity' || option === 'app' || option === 'app-plus';
    const weight = apmOrApp ? facts.categoryWeight.value.apmEntityOrApp : facts.categoryWeight.value.default;
    return {
        performanceYear: year,
        score,
        rawScore,
        zero,
        zeroReasons: zero ? zeroReasons : [],
        measures,
        bonus: P.toNumber(bonus),
        bonusDetail: bonusParts.join(', ') || 'none',
        redistribution,
        capped,
        categoryWeight: weight,
        finalScoreContribution: reweighted ? 0 : round2(score * weight),
        uncertainties: [...new Set(uncertainties)],
        reweighted
    };
}
