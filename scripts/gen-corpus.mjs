#!/usr/bin/env node
/**
 * Generates realistic .pisub corpora for the benchmarks and the fuzz tests: one submission per
 * practice and year (2022–2027), group and individual entities, optional clinician lists, prior-year
 * links, and a mix of clean files and files with the mistakes consultants make (numerator above
 * denominator, a missing attestation, a short period, a typo in a measure name, a syntax error...).
 * Deterministic: the same seed gives the same files, byte for byte.
 *
 *   node scripts/gen-corpus.mjs --out <dir> [--count 1000] [--seed 42] [--invalid 0.3]
 *   node scripts/gen-corpus.mjs --big <dir/file.pisub> [--lines 10000]   one group with many clinicians
 *
 * Never writes into an existing non-empty folder unless --force is given.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const YEARS = [2022, 2023, 2024, 2025, 2026, 2027];

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed) {
    let a = seed >>> 0;
    const next = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return {
        next,
        int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
        pick: list => list[Math.floor(next() * list.length)],
        chance: p => next() < p
    };
}

const FIRST = ['Riverside', 'Oak Hill', 'Lakeview', 'Summit', 'Cedar', 'Maple Grove', 'Harbor', 'Prairie', 'Northgate', 'Pinecrest', 'Valley', 'Brookside'];
const KIND = ['Family Medicine', 'Pediatrics', 'Internal Medicine', 'Cardiology Associates', 'Orthopedics', 'Women\'s Health', 'Primary Care', 'Dermatology'];
const PEOPLE = ['Ana Ortiz', 'Ben Carter', 'Chloe Nguyen', 'David Kim', 'Elena Rossi', 'Farid Haddad', 'Grace Lee', 'Hiro Tanaka', 'Ines Silva', 'Jon Berg'];

/** A valid 10-digit NPI (Luhn over "80840" + the first 9 digits), starting with 1. */
export function npi(r) {
    const base = '1' + String(r.int(0, 99_999_999)).padStart(8, '0');
    const digits = ('80840' + base).split('').map(Number);
    let sum = 0;
    for (let i = digits.length - 1, dbl = true; i >= 0; i--, dbl = !dbl) {
        let d = digits[i];
        if (dbl) { d *= 2; if (d > 9) d -= 9; }
        sum += d;
    }
    return base + String((10 - (sum % 10)) % 10);
}

const CEHRT_CHARS = [...'0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'];
const pad = n => String(n).padStart(2, '0');
const ratio = (r, lo, hi) => { const d = r.int(lo, hi); return [r.int(Math.ceil(d * 0.4), d), d]; };

/** The measure lines of a clean submission for a year (HIE option and bonus measures vary). */
function measureLines(r, year, totals, hasPrior) {
    const lines = [];
    const eng = year >= 2023;
    const put = (name, [n, d]) => { lines.push(`measure ${name} ${n} / ${d}`); totals?.set(name, [n, d]); };
    lines.push('', '// e-Prescribing');
    put('e-prescribing', ratio(r, 200, 6000));
    if (year >= 2023) lines.push('measure query-of-pdmp yes');
    else if (r.chance(0.5)) lines.push('measure query-of-pdmp yes');
    lines.push('', '// Health information exchange');
    const hie = r.int(0, year >= 2023 ? 2 : 1);
    if (hie === 0) { put('referral-loops-sending', ratio(r, 50, 1200)); put('referral-loops-receiving', ratio(r, 40, 900)); }
    else if (hie === 1) lines.push('measure hie-bi-directional-exchange yes');
    else lines.push('measure tefca yes');
    lines.push('', '// Provider to patient exchange');
    put('patient-electronic-access', ratio(r, 300, 8000));
    lines.push('', '// Public health and clinical data exchange');
    lines.push(`public-health immunization-registry yes${eng ? ' engagement production' : ''}`);
    lines.push(`public-health electronic-case-reporting yes${eng ? ` engagement ${hasPrior || r.chance(0.8) ? 'production' : 'pre-production'}` : ''}`);
    if (r.chance(0.4)) lines.push(`public-health syndromic-surveillance yes${eng ? ' engagement production' : ''}`);
    return lines;
}

function attestationLines(r, year) {
    const m = pad(r.int(1, 10)), d = pad(r.int(1, 28));
    return [
        '// Required attestations',
        `attest security-risk-analysis yes completed ${year}-${m}-${d}`,
        `attest safer-guide yes completed ${year}-${pad(r.int(1, 11))}-${pad(r.int(1, 28))}${year >= 2026 ? ' version 2025' : ''}`,
        'attest actions-to-limit-interoperability yes',
        'attest onc-direct-review yes',
        ...(r.chance(0.5) ? ['attest onc-acb-surveillance yes'] : [])
    ];
}

/** The mistakes an invalid file gets (one or two of them), as edits of the statement lines. */
const MISTAKES = [
    ['numerator-exceeds-denominator', l => l.map(s => s.startsWith('measure e-prescribing') ? 'measure e-prescribing 5200 / 4100' : s)],
    ['attestation-missing', l => l.filter(s => !s.startsWith('attest security-risk-analysis'))],
    ['period-too-short', (l, y) => l.map(s => s.startsWith('period') ? `period ${y}-10-01 to ${y}-10-20` : s)],
    ['completed-outside-year', (l, y) => l.map(s => s.startsWith('attest security-risk-analysis') ? `attest security-risk-analysis yes completed ${y - 1}-11-02` : s)],
    ['tin-format', l => l.map(s => s.startsWith('entity group tin') ? 'entity group tin 12345678' : s)],
    ['measure-typo', l => l.map(s => s.startsWith('measure patient-electronic-access') ? s.replace('patient-electronic-access', 'patient-electronic-acess') : s)],
    ['syntax-missing-slash', l => l.map(s => s.startsWith('measure e-prescribing') ? s.replace(' / ', ' ') : s)],
    ['engagement-missing', (l, y) => y >= 2023 ? l.map(s => s.startsWith('public-health immunization-registry') ? 'public-health immunization-registry yes' : s) : l],
    ['numerator-zero', l => l.map(s => s.startsWith('measure patient-electronic-access') ? 'measure patient-electronic-access 0 / 2900' : s)],
    ['duplicate-measure', l => [...l, 'measure query-of-pdmp yes']],
    ['cehrt-missing', l => l.filter(s => !s.startsWith('cehrt'))],
    ['unclosed-string', l => l.map(s => s.startsWith('practice') ? s.slice(0, -1) : s)]
];

/** A practice's entity statement (kept across its years, so prior-year links match). */
export function practiceEntity(r, group = r.chance(0.7)) {
    const tin = r.int(100_000_000, 999_999_999);
    return group ? `entity group tin ${tin}` : `entity individual tin ${tin} npi ${npi(r)}`;
}

/**
 * One submission. `invalid` adds one or two mistakes; `clinicians` lists that many clinicians whose
 * numbers add up to the group totals; `prior` names the previous year's submission.
 */
export function submissionText(r, { name, practice, year, invalid = false, clinicians = 0, prior, entity }) {
    entity ??= practiceEntity(r, clinicians > 0);
    const totals = clinicians > 0 ? new Map() : undefined;
    let lines = [
        `year ${year}`,
        `practice "${practice}"`,
        entity,
        'reporting traditional',
        r.chance(0.8) ? `period ${year}-01-01 to ${year}-12-31` : `period ${year}-${pad(r.int(1, 6))}-01 to ${year}-12-31`,
        `cehrt 0015C${Array.from({ length: 10 }, () => r.pick(CEHRT_CHARS)).join('')}`,
        '',
        ...attestationLines(r, year),
        ...measureLines(r, year, totals, !!prior),
        ...(prior ? ['', `prior-year ${prior}`] : [])
    ];
    const applied = [];
    if (invalid) {
        const n = r.chance(0.7) ? 1 : 2;
        for (let i = 0; i < n; i++) {
            const [kind, edit] = r.pick(MISTAKES);
            applied.push(kind);
            lines = edit(lines, year);
        }
    }
    if (totals) lines = [...lines, '', ...clinicianLines(r, clinicians, totals)];
    if (r.chance(0.3)) lines.push('', `note "Audit binder: S:/MIPS/${year}/${practice.replace(/[^A-Za-z]/g, '')}"`);
    const header = [`// ${practice} — Promoting Interoperability, performance year ${year}.`];
    const body = lines.map(s => (s ? '    ' + s : ''));
    return { text: [...header, `submission ${name} {`, ...body, '}', ''].join('\n'), mistakes: applied };
}

/** Clinicians whose ratio measures add up to the group's totals (each clinician block is 6 lines with referral loops). */
function clinicianLines(r, count, totals) {
    const out = [];
    const names = [...totals.keys()];
    const remaining = new Map(names.map(n => [n, [...totals.get(n)]]));
    for (let i = 0; i < count; i++) {
        const last = i === count - 1;
        out.push(`clinician ${npi(r)} "${r.pick(PEOPLE)} ${i + 1}" {`);
        for (const n of names) {
            const [num, den] = remaining.get(n);
            // Spread the totals: the last clinician takes the rest.
            let d = last ? den : Math.floor(den / (count - i));
            let k = last ? num : Math.min(d, Math.floor(num / (count - i)));
            remaining.set(n, [num - k, den - d]);
            out.push(`    measure ${n} ${k} / ${d}`);
        }
        out.push('}');
    }
    return out;
}

/**
 * A corpus of `count` submissions: practices report several consecutive years, and a later year
 * names the earlier one as `prior-year` about half the time. About `invalidRate` of them have mistakes.
 */
export function generateCorpus({ count, seed = 42, invalidRate = 0.3 }) {
    const r = rng(seed);
    const files = [];
    let p = 0;
    while (files.length < count) {
        p++;
        const practice = `${r.pick(FIRST)} ${r.pick(KIND)}`;
        const slug = `p${String(p).padStart(5, '0')}`;
        const first = r.pick(YEARS);
        const years = YEARS.filter(y => y >= first).slice(0, r.int(1, 3));
        let prior;
        const entity = practiceEntity(r);
        for (const year of years) {
            if (files.length >= count) break;
            const name = `${slug}-${year}`;
            const invalid = r.chance(invalidRate);
            const clinicians = entity.includes('group') && r.chance(0.2) ? r.int(2, 8) : 0;
            const { text, mistakes } = submissionText(r, { name, practice, year, invalid, clinicians, entity, prior: prior && r.chance(0.5) ? prior : undefined });
            files.push({ path: `${slug}/${name}.pisub`, text, year, invalid: mistakes.length > 0, mistakes });
            prior = name;
        }
    }
    return files;
}

/** A typical clean submission (group, 2024, referral loops): the benchmarks' "typical file". */
export function typicalSubmission({ seed = 3, year = 2024 } = {}) {
    const r = rng(seed);
    let text;
    do {
        text = submissionText(r, { name: `typical-${year}`, practice: 'Riverside Family Medicine', year, entity: 'entity group tin 123456789' }).text;
    } while (!text.includes('referral-loops-sending'));
    return text;
}

/** One group submission of about `lines` lines: a group with many clinicians (6 lines each). */
export function bigGroupSubmission({ lines = 10_000, seed = 7, year = 2024 } = {}) {
    const r = rng(seed);
    const clinicians = Math.max(1, Math.round((lines - 40) / 6));
    // Ratio measures only with referral loops, so each clinician block has 4 measure lines.
    let text;
    do {
        text = submissionText(r, { name: `big-group-${year}`, practice: 'Big Multispecialty Group', year, clinicians }).text;
    } while (!text.includes('referral-loops-sending'));
    return text;
}

function parseArgs(argv) {
    const o = { count: 1000, seed: 42, invalid: 0.3, lines: 10_000, force: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === '--force') o.force = true;
        else if (['--out', '--big', '--count', '--seed', '--invalid', '--lines'].includes(a)) o[a.slice(2)] = argv[++i];
        else throw new Error(`unknown argument ${a}`);
    }
    return o;
}

function cli() {
    let o;
    try { o = parseArgs(process.argv.slice(2)); } catch (e) {
        process.stderr.write(`gen-corpus: ${e.message}\nUsage: node scripts/gen-corpus.mjs --out <dir> [--count N] [--seed S] [--invalid 0.3] | --big <file> [--lines N]\n`);
        process.exit(2);
    }
    if (o.big) {
        if (existsSync(o.big) && !o.force) { process.stderr.write(`gen-corpus: ${o.big} exists (use --force)\n`); process.exit(2); }
        writeFileSync(o.big, bigGroupSubmission({ lines: Number(o.lines), seed: Number(o.seed) }));
        return;
    }
    if (!o.out) { process.stderr.write('gen-corpus: --out <dir> or --big <file> is required\n'); process.exit(2); }
    if (existsSync(o.out) && readdirSync(o.out).length > 0 && !o.force) {
        process.stderr.write(`gen-corpus: ${o.out} is not empty (use --force)\n`);
        process.exit(2);
    }
    const files = generateCorpus({ count: Number(o.count), seed: Number(o.seed), invalidRate: Number(o.invalid) });
    for (const f of files) {
        const path = join(o.out, f.path);
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, f.text);
    }
    const invalid = files.filter(f => f.invalid).length;
    process.stdout.write(`${files.length} files (${invalid} with mistakes) written to ${o.out}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) cli();
