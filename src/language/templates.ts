/**
 * The new-submission template: a `.pisub` skeleton for one performance year and entity kind that
 * passes every rule once its placeholders are filled in. It is built from the year's measure
 * catalogue and facts (required measures, engagement levels from 2023, SAFER Guide edition from 2026,
 * HIE option), so a new year's data changes the template without touching this file.
 *
 * Three kinds of values:
 * - placeholders `<what to write>` for what only the user knows (TIN, NPI, CEHRT id, dates,
 *   numerator and denominator). The grammar accepts a placeholder wherever a value goes, so a
 *   placeholder left in the file is one clear error, `submission/placeholder` ("Replace the
 *   placeholder <TIN, 9 digits> ..."), and the rest of the file is checked as usual;
 * - valid samples (`⟦sample:…⟧`): the submission name, the full-year period;
 * - choices (`⟦choice:a|b⟧`): the engagement level, the MVP id; the text template holds the first.
 * `templateSnippet` turns all three into LSP snippet tab stops, in order, for completion and the
 * "New submission…" command; a tab stop's default keeps the placeholder's angle brackets, so a
 * stop skipped with Tab still reads as a placeholder.
 */
import { catalogueFor, measureKind, type MeasureInfo } from './data/measures.js';
import { preferredName } from './data/names.js';
import { factsFor, firstYearWhere } from './data/years.js';
import type { EntityKind } from './model/submission.js';
import { ATTESTATION_IDS, mvpIds, REQUIRED_ATTESTATION_IDS } from './vocabulary.js';

/** Matches one placeholder; group 1 is its text. */
export const PLACEHOLDER_PATTERN = /<([^<>\r\n]+)>/g;

/** A sample or a choice in the template source (rendered by `render`). */
const MARK_PATTERN = /⟦(sample|choice):([^⟧]*)⟧/g;
const sample = (value: string) => `⟦sample:${value}⟧`;
const choice = (values: readonly string[]) => values.length > 1 ? `⟦choice:${values.join('|')}⟧` : sample(values[0]);

/** Why no template can pass the rules for this year and kind, or undefined when one can. */
export function templateProblem(year: number, entityKind: EntityKind): string | undefined {
    const catalogue = catalogueFor(year);
    if (!catalogue || !factsFor(year)) return `${year} is not a supported performance year.`;
    if (entityKind === 'subgroup' && mvpIds(catalogueFor(year)).length === 0) {
        return `Subgroups report only through an MVP, and MVPs start with the 2023 performance year.`;
    }
    if (entityKind === 'apm-entity' && !factsFor(year)!.apmEntityPiReporting.value) {
        return `APM entities report PI at the APM entity level from ${firstYearWhere(f => f.apmEntityPiReporting.value)}; in ${year} the entity's clinicians report PI as individuals or as a group.`;
    }
    return undefined;
}


function entityLine(kind: EntityKind): string {
    switch (kind) {
        case 'individual': return 'entity individual tin <TIN, 9 digits> npi <clinician NPI, 10 digits>';
        case 'group': return 'entity group tin <TIN, 9 digits>';
        case 'virtual-group': return 'entity virtual-group id <virtual group id>';
        case 'subgroup': return 'entity subgroup tin <TIN, 9 digits> id <subgroup id>';
        case 'apm-entity': return 'entity apm-entity id <APM entity id>';
    }
}

function nameOf(id: string): string {
    return preferredName(id) ?? id;
}

function submissionSource(year: number, entityKind: EntityKind): string {
    const catalogue = catalogueFor(year);
    const facts = factsFor(year);
    if (!catalogue || !facts) throw new Error(`${year} is not a supported performance year.`);

    const lines: string[] = [];
    const add = (line = '') => lines.push(line === '' ? '' : `    ${line}`);

    lines.push(`// Promoting Interoperability, performance year ${year}, ${entityKind} submission. A value in angle brackets is a placeholder: each one is an error until you replace it.`);
    lines.push(`submission ${sample(`new-${entityKind}-${year}`)} {`);
    add(`year ${year}`);
    add('practice "<practice name>"');
    add(entityLine(entityKind));
    const mvps = mvpIds(catalogueFor(year));
    add(entityKind === 'subgroup' ? `reporting mvp ${choice(mvps)}` : 'reporting traditional');
    add(`// Any ${facts.minPeriodDays.value} or more continuous days within ${year}.`);
    add(`period ${sample(`${year}-01-01`)} to ${sample(`${year}-12-31`)}`);
    add('cehrt <CMS EHR Certification ID, 15 characters>');

    add();
    add('// Required attestations');
    for (const id of REQUIRED_ATTESTATION_IDS) {
        if (!catalogue.measures.has(id)) continue;
        let line = `attest ${nameOf(id)} yes`;
        if (id === 'PI_PPHI_1' || id === 'PI_PPHI_2') line += ` completed <date in ${year}, YYYY-MM-DD>`;
        if (id === 'PI_PPHI_2' && facts.saferGuideVersion) line += ` version ${facts.saferGuideVersion.value}`;
        add(line);
    }

    const required = [...catalogue.measures.values()].filter(m =>
        m.isRequired && !m.isBonus && measureKind(catalogue, m.measureId) === 'measure' && !ATTESTATION_IDS.has(m.measureId));
    const hie = facts.hieOptions.value;
    const hieIds = new Set(hie.flat());
    const chosenHie = new Set(hie[0] ?? []);
    const publicHealth = new Set(facts.publicHealthObjective.measures);
    const ordinary = required.filter(m => !hieIds.has(m.measureId) && !publicHealth.has(m.measureId));

    const measureLine = (m: MeasureInfo, keyword = 'measure') =>
        `${keyword} ${nameOf(m.measureId)} ${m.metricType === 'proportion' ? '<numerator> / <denominator>' : 'yes'}`;

    add();
    add('// Measures (write `excluded` instead of a value to claim an exclusion)');
    for (const m of ordinary) add(measureLine(m));

    const alternatives = hie.slice(1).map(option => option.map(nameOf).join(' + ')).join(', or ');
    add();
    add(`// Health information exchange: one option${alternatives ? ` (instead: ${alternatives})` : ''}`);
    for (const m of required.filter(r => chosenHie.has(r.measureId))) add(measureLine(m));

    add();
    add('// Public health and clinical data exchange');
    const engagement = facts.engagementLevelRequired.value ? ` engagement ${choice(['production', 'pre-production'])}` : '';
    for (const m of required.filter(r => publicHealth.has(r.measureId))) add(`${measureLine(m, 'public-health')}${engagement}`);
    lines.push('}');
    return lines.join('\n') + '\n';
}

/** The template source, samples and choices in `⟦…⟧` marks (see the file comment). */
function templateSource(year: number, entityKind: EntityKind): string {
    return submissionSource(year, entityKind);
}

/**
 * A new submission for `year` and `entityKind`, with `<placeholders>` to fill in. Throws for a year
 * without data; see `templateProblem` for combinations no template can make pass.
 */
export function submissionTemplate(year: number, entityKind: EntityKind): string {
    return templateSource(year, entityKind).replace(MARK_PATTERN, (_, kind: string, payload: string) => kind === 'choice' ? payload.split('|')[0] : payload);
}

/** The placeholders of a template, in order of appearance (repeats included). */
export function templatePlaceholders(text: string): string[] {
    return [...text.matchAll(PLACEHOLDER_PATTERN)].map(m => m[1]);
}

/** Replaces each placeholder by `fill(placeholder text)`. */
export function fillTemplate(text: string, fill: (placeholder: string) => string): string {
    return text.replace(PLACEHOLDER_PATTERN, (_, what: string) => fill(what));
}

/**
 * The template as an LSP snippet: each placeholder, sample and choice a tab stop, numbered in order
 * of appearance. A placeholder's default keeps its angle brackets.
 */
export function templateSnippet(year: number, entityKind: EntityKind): string {
    const escaped = templateSource(year, entityKind).replace(/[\\$}]/g, c => `\\${c}`);
    let n = 0;
    return escaped.replace(new RegExp(`${MARK_PATTERN.source}|${PLACEHOLDER_PATTERN.source}`, 'g'), (whole: string, kind?: string, payload?: string) => {
        if (kind === 'choice') return `\${${++n}|${payload!.split('|').join(',')}|}`;
        if (kind === 'sample') return `\${${++n}:${payload}}`;
        return `\${${++n}:${whole}}`;
    }) + '$0';
}
