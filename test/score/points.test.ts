/**
 * The points arithmetic (src/language/score/points.ts): exact fractions, the tie rule, and the
 * inverse used by the client's hints. Property tests are seeded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { display, divide, fromDecimal, measurePoints, numeratorFor, ratio, roundHalfUp, toNumber } from '../../src/language/score/points.js';

describe('measurePoints', () => {
    it('computes 29/50 × 25 as exactly 14.5, a tie, rounded up to 15', () => {
        const r = measurePoints(29, 50, 25);
        expect(r.exact).toEqual({ num: 29, den: 2 });
        expect(display(r.exact)).toBe('14.5');
        expect(r.tie).toBe(true);
        expect(r.points).toBe(15);
    });

    it('gives at least 1 point for a numerator of at least 1, and 0 for 0', () => {
        expect(measurePoints(1, 100_000, 10).points).toBe(1);
        expect(measurePoints(0, 10, 10).points).toBe(0);
    });

    it('works on thirds without drift: 3 × (10/3) is 10', () => {
        const third = divide(ratio(10), 3);
        expect(measurePoints(3, 3, third).exact).toEqual({ num: 10, den: 3 });
        expect(toNumber(fromDecimal(12.5))).toBe(12.5);
        expect(roundHalfUp(ratio(5, 2))).toBe(3);
        expect(roundHalfUp(ratio(49, 10))).toBe(5);
        expect(roundHalfUp(ratio(44, 10))).toBe(4);
    });

    it('handles counts up to the largest safe integer exactly', () => {
        const big = Number.MAX_SAFE_INTEGER;
        expect(measurePoints(big, big, 25).points).toBe(25);
        expect(measurePoints(Math.floor(big / 2), big, 10).points).toBe(5);
    });

    it('agrees with a plain integer reference (half-up rounding of n·max·2 / 2d)', () => {
        fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(5, 10, 15, 20, 25, 30, 40),
            (d, k, max) => {
                const n = k % (d + 1);
                const reference = Math.floor((2 * n * max + d) / (2 * d));
                const expected = n >= 1 ? Math.max(1, reference) : 0;
                return measurePoints(n, d, max).points === expected;
            }), { seed: 20261202, numRuns: 500 });
    });
});

describe('numeratorFor', () => {
    it('is the least numerator that reaches the target, for fractional maxima too', () => {
        fc.assert(fc.property(fc.integer({ min: 1, max: 2000 }), fc.constantFrom(ratio(25, 2), divide(ratio(20), 3), ratio(10), ratio(35, 2)),
            fc.integer({ min: 0, max: 20 }), (d, max, target) => {
                const n = numeratorFor(target, d, max);
                const pts = (k: number) => measurePoints(k, d, max).points;
                if (n === undefined) return target > roundHalfUp(max) || pts(d) < target;
                return n <= d && pts(n) >= target && (n === 0 || pts(n - 1) < target);
            }), { seed: 1202, numRuns: 300 });
    });
});
