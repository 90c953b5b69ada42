/**
 * What changed from one performance year to the next, generated from the data: the year facts
 * (data/years/<year>.ts), CMS's measure data (qpp-measures/<year>-pi.json) and the years each rule
 * applies to (catalogue.ts). `pisub rules --changes YEAR` prints it; docs/changes-by-year.md is
 * rendered from it (test/docs/changes-doc.test.ts fails when it drifts); the hover says when the
 * rule behind a statement changed in the file's year.
 */
import { catalogueFor, SUPPORTED_YEARS, type MeasureInfo } from '../data/measures.js';
import { SOURCES, type SourceId } from '../data/sources.js';
import { factsFor, type Confidence, type Fact, type YearFacts } from '../data/years.js';
import { RULES } from './catalogue.js';

export interface Change {
    readonly year: number;
    /** What the change is about: a measure id, or `period`, `cehrt`, `reporting`, `score`, `rule`. */
    readonly subject: string;
    /** One sentence: what differs from the year before. */
    readonly text: string;
    readonly confidence: Confidence;
    readonly sources: readonly SourceId[];
}

/** Year facts worth a line, the statement they concern, and how to say their value. */
const FACTS: readonly { key: keyof YearFacts; subject: string; label: string; show: (v: unknown) => string }[] = [
    { key: 'minPeriodDays', subject: 'period', label: 'minimum continuous days in the performance period', show: String },
    { key: 'cehrtPrefixes', subject: 'cehrt', label: 'CEHRT id forms expected', show: v => list(v) },
    { key: 'cehrtUnconfirmedPrefixes', subject: 'cehrt', label: 'CEHRT id forms not confirmed (a warning)', show: v => list(v) },
    { key: 'saferAnswers', subject: 'PI_PPHI_2', label: 'SAFER Guide answers that satisfy the measure', show: v => list(v) },
    { key: 'saferGuideVersion', subject: 'PI_PPHI_2', label: 'SAFER Guide edition required', show: String },
    { key: 'oncDirectReviewAnswers', subject: 'PI_ONCDIR_1', label: 'ONC Direct Review answers that satisfy it', show: v => list(v) },
    { key: 'answerNoZeroes', subject: 'measure', label: '"no" on a required yes/no measure scores the category 0', show: yesNo },
    { key: 'apmEntityPiReporting', subject: 'entity', label: 'PI reporting at the APM entity level', show: yesNo },
    { key: 'virtualGroupTraditionalOnly', subject: 'reporting', label: 'virtual groups report traditional MIPS only', show: yesNo },
    { key: 'engagementLevelRequired', subject: 'public-health', label: 'active-engagement level required', show: yesNo },
    { key: 'preProductionOnce', subject: 'public-health', label: 'pre-production at most one performance period per measure', show: yesNo },
    { key: 'suppressedMeasures', subject: 'PI_PHCDRR_3', label: 'suppressed measures (full credit, no redistribution)', show: v => list(v) },
    { key: 'epExclusionExcludesPdmp', subject: 'PI_EP_2', label: 'the e-Prescribing exclusion excludes Query of PDMP automatically', show: yesNo },
    { key: 'hieOptions', subject: 'hie', label: 'HIE options', show: v => (v as string[][]).map(o => o.join(' + ')).join(' or ') },
    { key: 'provisional', subject: 'year', label: 'provisional measure data', show: yesNo }
];

function list(v: unknown): string {
    const a = v as readonly string[];
    return a.length ? a.join(', ') : 'none';
}

function yesNo(v: unknown): string {
    return v ? 'yes' : 'no';
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Every difference between `year` and the year before it (empty for the first supported year). */
export function changesIn(year: number): Change[] {
    const now = factsFor(year);
    const before = factsFor(year - 1);
    const cat = catalogueFor(year);
    const prevCat = catalogueFor(year - 1);
    if (!now || !before || !cat || !prevCat) return [];
    const out: Change[] = [];
    const add = (subject: string, text: string, confidence: Confidence, sources: readonly SourceId[]) =>
        out.push({ year, subject, text, confidence, sources });

    // Year facts.
    for (const f of FACTS) {
        const a = before[f.key] as Fact<unknown> | undefined;
        const b = now[f.key] as Fact<unknown> | undefined;
        if (same(a?.value, b?.value)) continue;
        const from = a ? f.show(a.value) : 'not stated';
        const to = b ? f.show(b.value) : 'not stated';
        add(f.subject, `${capital(f.label)}: ${from} → ${to}.${b?.note ? ` ${b.note}` : ''}`, b?.confidence ?? a?.confidence ?? 'H', b?.sources ?? a?.sources ?? []);
    }

    // Points.
    const ids = new Set([...Object.keys(before.points), ...Object.keys(now.points)]);
    for (const id of ids) {
        const a = before.points[id];
        const b = now.points[id];
        if (same(a && { max: a.max, bonus: !!a.bonus }, b && { max: b.max, bonus: !!b.bonus })) continue;
        const show = (p: typeof a) => p ? `${p.max}${p.bonus ? ' bonus' : ''}` : 'none';
        add(id, `${id}: maximum points ${show(a)} → ${show(b)}.`, b?.confidence ?? 'H', ['guide2023', 'notesCorrections']);
    }
    for (const [key, label] of [['publicHealthObjective', 'Public-health objective'], ['publicHealthBonus', 'Public-health bonus']] as const) {
        const a = before[key];
        const b = now[key];
        if (a.points !== b.points) add('public-health', `${label}: ${a.points} → ${b.points} points.`, b.confidence, ['guide2023', 'notesCorrections']);
        if (!same(a.measures, b.measures)) add('public-health', `${label} measures: ${list(a.measures)} → ${list(b.measures)}.`, 'H', ['measuresData']);
    }
    const aAll = before.publicHealthObjective.whenAllExcluded;
    const bAll = now.publicHealthObjective.whenAllExcluded;
    if (aAll.to !== bAll.to) add('public-health', `Both public-health measures excluded: points to ${aAll.to ?? 'no other objective'} → ${bAll.to ?? 'no other objective'}. ${bAll.note}`, bAll.confidence, ['measuresData', 'notesCorrections']);

    // Redistribution rules.
    const rules = (f: YearFacts) => new Map(f.redistribution.map(r => [r.excluded, r]));
    const ra = rules(before);
    const rb = rules(now);
    for (const id of new Set([...ra.keys(), ...rb.keys()])) {
        const a = ra.get(id);
        const b = rb.get(id);
        if (same(a && [a.to, a.confidence], b && [b.to, b.confidence])) continue;
        add(id, `${id} excluded: points to ${a ? `${a.to.join(', ')} (${a.confidence})` : 'nowhere'} → ${b ? `${b.to.join(', ')} (${b.confidence})` : 'nowhere'}.`, b?.confidence ?? 'H', ['notesCorrections']);
    }

    // CMS's measure data.
    for (const [id, m] of cat.measures) {
        const p = prevCat.measures.get(id);
        if (!p) { add(id, `${id} (${m.title}) added: ${kind(m)}.`, 'H', ['measuresData']); continue; }
        if (p.isRequired !== m.isRequired || p.reportingCategory !== m.reportingCategory) {
            add(id, `${id} (${m.title}): ${kind(p)} → ${kind(m)}.`, 'H', ['measuresData']);
        }
        if (!same(p.exclusion, m.exclusion)) add(id, `${id} exclusions: ${list(p.exclusion)} → ${list(m.exclusion)}.`, 'H', ['measuresData']);
        if (!same(p.substitutes, m.substitutes)) add(id, `${id} substitutes: ${list(p.substitutes)} → ${list(m.substitutes)}.`, 'H', ['measuresData']);
        if (!same(p.preprod, m.preprod)) add(id, `${id} active-engagement level ids: ${list(p.preprod)} → ${list(m.preprod)}.`, 'H', ['measuresData']);
        if (p.description !== m.description) add(id, `${id} text reworded: "${clip(m.description)}"`, 'H', ['measuresData']);
    }
    for (const [id, p] of prevCat.measures) {
        if (!cat.measures.has(id)) add(id, `${id} (${p.title}) removed.`, 'H', ['measuresData']);
    }
    const programs = (c: typeof cat) => [...c.programs].filter(p => !/^[GM]\d{4}$/.test(p)).sort();
    if (!same(programs(prevCat), programs(cat))) add('reporting', `Programs (programName): ${list(programs(prevCat))} → ${list(programs(cat))}.`, 'H', ['measuresData']);
    const mvps = (c: typeof cat) => [...c.programs].filter(p => /^[GM]\d{4}$/.test(p)).sort();
    const gained = mvps(cat).filter(p => !prevCat.programs.has(p));
    const lost = mvps(prevCat).filter(p => !cat.programs.has(p));
    if (gained.length || lost.length) {
        add('reporting', `MVP ids for PI:${gained.length ? ` added ${gained.join(', ')}` : ''}${gained.length && lost.length ? ';' : ''}${lost.length ? ` removed ${lost.join(', ')}` : ''}.`, 'H', ['measuresData']);
    }

    // Rules that start or stop applying.
    for (const r of RULES.values()) {
        if (!r.appliesTo) continue;
        const a = r.appliesTo(year - 1);
        const b = r.appliesTo(year);
        if (a !== b) add('rule', `\`${r.code}\` (${r.title}) ${b ? 'applies from' : 'no longer applies in'} ${year}.`, r.confidence, r.sources);
    }
    return out;
}

function kind(m: MeasureInfo): string {
    if (/_(PRE|PROD)$/.test(m.measureId)) return 'an active-engagement level';
    return m.reportingCategory === 'exclusion' ? 'an exclusion' : m.isRequired ? 'required' : m.isBonus ? 'bonus' : 'optional';
}

function capital(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}

function clip(s: string): string {
    return s.length > 240 ? `${s.slice(0, 237)}…` : s;
}

/** The changes of `year` that concern a statement: a measure id, `period`, `cehrt`, `reporting`, …. */
export function changesFor(year: number, subject: string): Change[] {
    return changesIn(year).filter(c => c.subject === subject);
}

/** `pisub rules --changes YEAR` as text: one line per change with its confidence and sources. */
export function renderChanges(year: number): string {
    const changes = changesIn(year);
    const out = [`Changes in ${year} from ${year - 1} (${changes.length}):`];
    for (const c of changes) out.push(`- ${c.text} [${c.confidence}; ${c.sources.map(s => SOURCES[s].label).join('; ')}]`);
    return out.join('\n') + '\n';
}

/** docs/changes-by-year.md. */
export function renderChangesByYear(): string {
    const out = ['# What changed, year by year', '',
        '<!-- Generated by `pisub rules --changes all --format markdown` from src/language/data/ and src/language/rules/catalogue.ts. Do not edit: run `npm run docs`. -->', '',
        'Each year against the year before: the year facts pisub uses (with their confidence), CMS\'s measure data, and the rules that start or stop applying. Confidence: H official text or data; M consistent reproductions; L inferred (never an error).', ''];
    for (const year of SUPPORTED_YEARS.slice(1)) {
        const changes = changesIn(year);
        out.push(`## ${year}`, '');
        if (changes.length === 0) out.push('No change from the year before.', '');
        for (const c of changes) out.push(`- ${c.text} *(${c.confidence}; ${c.sources.map(s => SOURCES[s].label).join('; ')})*`);
        out.push('');
    }
    return out.join('\n');
}
