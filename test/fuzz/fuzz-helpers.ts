/**
 * Shared pieces of the fuzz suites: the example files, a token-level view of a text, grammar-aware
 * mutations (fast-check arbitraries), and the invariants every result must satisfy.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { yieldToEventLoop } from '../helpers/event-loop.js';
import type { CheckedFile } from '../../src/language/headless.js';
import { RULES } from '../../src/language/rules/catalogue.js';
// @ts-expect-error plain ESM script without types
import { generateCorpus, typicalSubmission } from '../../scripts/gen-corpus.mjs';
import { FUZZ_SEED } from './seed.js';

export const ROOT = join(__dirname, '..', '..');

export interface Sample { readonly path: string; readonly text: string }

/** Every example file (clean and problems) and a few generated files with mistakes. */
export function samples(): Sample[] {
    const out: Sample[] = [];
    for (const dir of ['examples/clean', 'examples/problems']) {
        for (const name of readdirSync(join(ROOT, dir)).filter(n => n.endsWith('.pisub')).sort()) {
            out.push({ path: `${dir}/${name}`, text: readFileSync(join(ROOT, dir, name), 'utf8') });
        }
    }
    const generated: Sample[] = generateCorpus({ count: 12, seed: FUZZ_SEED, invalidRate: 0.5 });
    return [...out, ...generated, { path: 'typical.pisub', text: typicalSubmission() }];
}

/** The text split into tokens as the grammar sees them (whitespace and comments are tokens too). */
export function tokens(text: string): string[] {
    return text.match(/\s+|\/\/[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\\r\n])*"|'(?:\\.|[^'\\\r\n])*'|[{}/]|[^\s{}/"']+|["']/g) ?? [];
}

const KEYWORDS = ['submission', 'year', 'practice', 'entity', 'individual', 'group', 'virtual-group', 'subgroup', 'apm-entity', 'tin', 'npi', 'id',
    'reporting', 'traditional', 'mvp', 'app', 'app-plus', 'period', 'to', 'cehrt', 'measure', 'attest', 'public-health', 'yes', 'no', 'excluded',
    'completed', 'version', 'engagement', 'pre-production', 'production', 'special-status', 'small-practice', 'hardship-exception', 'clinician',
    'no-cehrt-data', 'prior-year', 'note', '{', '}', '/', '-'];
const VALUES = ['2024', '2024-02-30', '0000-00-00', '9999-12-31', '123456789', '1234567893', '0015C8AB2CD3EF4', '"x"', '"', "'", '0', '-1', '1.5',
    '99999999999999999999999999999999', '1e309', 'e-prescribing', 'PI_EP_1', 'pi_ep_1', 'query-of-pdmp', 'immunization-registry', 'ünïcödé', '𝔘𝔫𝔦', '\u200b', '/*', '*/', '//', '#'];

export const grammarToken = fc.constantFrom(...KEYWORDS, ...VALUES, ' ', '\n', '\r\n', '\t');

/** A mutation of a token list: delete, duplicate, swap, replace or insert tokens. */
const tokenEdit = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
    fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), token: grammarToken }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: grammarToken })
);
type TokenEdit = typeof tokenEdit extends fc.Arbitrary<infer T> ? T : never;

export function applyTokenEdits(text: string, edits: readonly TokenEdit[]): string {
    const t = tokens(text);
    for (const e of edits) {
        if (t.length === 0) break;
        const at = e.at % t.length;
        switch (e.kind) {
            case 'delete': t.splice(at, e.count); break;
            case 'duplicate': t.splice(at, 0, ...t.slice(at, at + e.count)); break;
            case 'swap': { const o = e.other % t.length; [t[at], t[o]] = [t[o], t[at]]; break; }
            case 'replace': t[at] = e.token; break;
            case 'insert': t.splice(at, 0, ' ', e.token, ' '); break;
        }
    }
    return t.join('');
}

/** Whole-text damage: encodings, line ends, control characters, size extremes. */
const textEdit = fc.oneof(
    fc.constant((s: string) => '\ufeff' + s),
    fc.constant((s: string) => s.replace(/\n/g, '\r\n')),
    fc.constant((s: string) => s.replace(/\n/g, '\r')),
    fc.nat().map(n => (s: string) => s.slice(0, n % (s.length + 1)) + '\0' + s.slice(n % (s.length + 1))),
    fc.nat().map(n => (s: string) => s.slice(0, n % (s.length + 1))),
    fc.nat().map(n => (s: string) => s.slice(0, n % (s.length + 1)) + 'x'.repeat(20_000) + s.slice(n % (s.length + 1))),
    fc.constant((s: string) => s.replace(/(\d+) \/ (\d+)/, '9'.repeat(400) + ' / ' + '9'.repeat(401))),
    fc.constant((s: string) => s.replace(/\{/, '{'.repeat(2000)) + '}'.repeat(2000)),
    fc.constant((s: string) => s.replace('}', 'clinician 1234567893 { '.repeat(300) + '}')),
    fc.string({ unit: 'binary', maxLength: 200 }).map(junk => (s: string) => s + junk),
    fc.string({ unit: 'grapheme', maxLength: 60 }).map(u => (s: string) => s.replace(/"[^"\n]*"/, JSON.stringify(u)))
);

/** A sample mutated by up to five token edits and up to two whole-text edits. */
export function mutated(source: readonly Sample[]): fc.Arbitrary<string> {
    return fc.tuple(fc.constantFrom(...source), fc.array(tokenEdit, { maxLength: 5 }), fc.array(textEdit, { maxLength: 2 }))
        .map(([s, edits, damage]) => damage.reduce((text, f) => f(text), applyTokenEdits(s.text, edits)));
}

/** Arbitrary junk: random bytes decoded leniently, unicode, or a shuffle of grammar tokens. */
export const junk: fc.Arbitrary<string> = fc.oneof(
    fc.uint8Array({ maxLength: 400 }).map(b => Buffer.from(b).toString('latin1')),
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.array(grammarToken, { maxLength: 120 }).map(t => t.join(' '))
);

/** Every diagnostic is catalogued, says something, and covers a range inside the document. */
export function expectWellFormed(file: CheckedFile): void {
    const n = file.text.length;
    for (const d of file.diagnostics) {
        expect(RULES.has(d.code), `unknown code ${d.code}`).toBe(true);
        expect(['error', 'warning', 'info']).toContain(d.severity);
        expect(d.message.trim().length, `${d.code} has an empty message`).toBeGreaterThan(0);
        expect(d.offset, `${d.code} starts outside the text`).toBeGreaterThanOrEqual(0);
        expect(d.end, `${d.code} ends before it starts`).toBeGreaterThanOrEqual(d.offset);
        expect(d.end, `${d.code} ends after the text (${d.end} > ${n})`).toBeLessThanOrEqual(n);
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
        for (const fix of d.fixes ?? []) for (const e of fix.edits) {
            expect(e.span.offset).toBeGreaterThanOrEqual(0);
            expect(e.span.end).toBeLessThanOrEqual(n);
            expect(e.span.end).toBeGreaterThanOrEqual(e.span.offset);
        }
    }
    const score = file.analysis?.score;
    if (score) {
        expect(Number.isInteger(score.score) && score.score >= 0 && score.score <= 100, `score ${score.score}`).toBe(true);
        expect(Number.isFinite(score.finalScoreContribution)).toBe(true);
    }
}

/**
 * Runs `work`; a failure names the input. No time limit: a speed limit fails on a busy machine, and an
 * endless loop blocks this process anyway (cli-process.fuzz.test.ts runs the same inputs in a child
 * process under a hang guard).
 */
export async function naming<T>(what: string, work: () => Promise<T>): Promise<T> {
    await yieldToEventLoop();
    try {
        return await work();
    } catch (e) {
        throw new Error(`${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
}
