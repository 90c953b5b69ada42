/**
 * A measure's points, exactly. Points are rate × maximum points, rounded to the nearest whole point,
 * at least 1 when the numerator is at least 1 (pi-rules-notes.md §3). Maximum points are rationals
 * (12.5 for half an objective, 10/3 for a three-way redistribution), so everything here is integer
 * arithmetic on fractions: 29/50 × 25 is exactly 29/2 = 14.5, never 14.499999999999998.
 *
 * The tie rule is stated once, here: CMS does not document how an exact half rounds; pisub rounds it
 * up and says so in the breakdown (TIE_RULE).
 *
 * Dependency-free: the score (score.ts), the VS Code client's "points to the next point" hints
 * (extension/score-format.ts) and the tests import this module.
 */

/** A non-negative fraction num/den in lowest terms (plain numbers, so it survives JSON). */
export interface Rational {
    readonly num: number;
    readonly den: number;
}

/** What the breakdown says about an exact half. */
export const TIE_RULE = 'CMS does not document how a tie rounds (rounded up here)';

function gcd(a: bigint, b: bigint): bigint {
    while (b !== 0n) [a, b] = [b, a % b];
    return a < 0n ? -a : a;
}

function make(num: bigint, den: bigint): Rational {
    if (den === 0n) throw new RangeError('zero denominator');
    if (den < 0n) { num = -num; den = -den; }
    const g = gcd(num, den) || 1n;
    return { num: Number(num / g), den: Number(den / g) };
}

/** n/d (integers). */
export function ratio(num: number, den = 1): Rational {
    return make(BigInt(num), BigInt(den));
}

/**
 * A decimal number as written in the data (10, 12.5, 0.25) as an exact fraction. Only for finite
 * decimals with at most 9 digits after the point (every point value in the year data is one).
 */
export function fromDecimal(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    for (let den = 1; den <= 1e9; den *= 10) {
        const num = Math.round(x * den);
        if (Math.abs(num / den - x) < 1e-12 * Math.max(1, Math.abs(x))) return ratio(num, den);
    }
    throw new RangeError(`not a short decimal: ${x}`);
}

const asRational = (x: Rational | number): Rational => typeof x === 'number' ? fromDecimal(x) : x;

export function add(a: Rational, b: Rational): Rational {
    return make(BigInt(a.num) * BigInt(b.den) + BigInt(b.num) * BigInt(a.den), BigInt(a.den) * BigInt(b.den));
}

export function sum(values: readonly Rational[]): Rational {
    return values.reduce(add, ZERO);
}

export function divide(a: Rational, by: number): Rational {
    return make(BigInt(a.num), BigInt(a.den) * BigInt(by));
}

export const ZERO: Rational = { num: 0, den: 1 };

export function toNumber(r: Rational): number {
    return r.num / r.den;
}

export function isWhole(r: Rational): boolean {
    return r.den === 1;
}

/** Rounded to the nearest whole number, an exact half up (TIE_RULE). */
export function roundHalfUp(r: Rational): number {
    // floor((2·num + den) / (2·den)) for num ≥ 0
    return Number((2n * BigInt(r.num) + BigInt(r.den)) / (2n * BigInt(r.den)));
}

/** Two decimals, rounded half up, for display ("14.5", "6.67", "10"). */
export function display(r: Rational): string {
    return String(roundHalfUp(make(BigInt(r.num) * 100n, BigInt(r.den))) / 100);
}

export interface MeasurePoints {
    /** Whole points earned. */
    readonly points: number;
    /** numerator / denominator × max, before rounding. */
    readonly exact: Rational;
    /** The exact value is a whole number plus one half (TIE_RULE decided it). */
    readonly tie: boolean;
}

/**
 * Points of a proportion measure: numerator / denominator × max, rounded to nearest (a tie up), and
 * at least 1 when the numerator is at least 1. Requires 0 ≤ numerator ≤ denominator, denominator > 0.
 */
export function measurePoints(numerator: number, denominator: number, max: Rational | number): MeasurePoints {
    if (!(denominator > 0) || numerator < 0 || numerator > denominator) throw new RangeError(`no valid rate: ${numerator}/${denominator}`);
    const m = asRational(max);
    const exact = make(BigInt(numerator) * BigInt(m.num), BigInt(denominator) * BigInt(m.den));
    let points = roundHalfUp(exact);
    if (numerator >= 1 && points === 0) points = 1;
    const tie = exact.den === 2;
    return { points, exact, tie };
}

/**
 * The least numerator n ≤ denominator that earns at least `target` points out of `max`, or undefined
 * when no numerator does. The inverse of measurePoints, for "points to the next point" hints.
 */
export function numeratorFor(target: number, denominator: number, max: Rational | number): number | undefined {
    if (!(denominator > 0) || !Number.isSafeInteger(denominator)) return undefined;
    const m = asRational(max);
    if (m.num <= 0 || target > roundHalfUp(m)) return undefined;
    if (target <= 0) return 0;
    if (target === 1) return 1;
    // roundHalfUp(n·M/d) ≥ target ⇔ n·M/d ≥ target − ½ ⇔ n ≥ (2·target − 1)·d·den / (2·num)
    const top = (2n * BigInt(target) - 1n) * BigInt(denominator) * BigInt(m.den);
    const bottom = 2n * BigInt(m.num);
    const n = Number((top + bottom - 1n) / bottom); // ceiling
    return n <= denominator ? Math.max(n, 1) : undefined;
}
