/**
 * Hover: on a measure, exclusion, attestation or engagement level its official title and
 * description for the file's performance year, its points, exclusions and whether it is required;
 * on the numbers of a ratio the rate and the points earned; on the period its length and the
 * minimum for the year; on the year, the CEHRT id and the reporting option, that year's rules for
 * them. Everything comes from the year's catalogue and facts and the document's
 * Analysis (one per version, shared with the validator).
 */
import type { LangiumDocument } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { catalogueFor, SUPPORTED_YEARS, yearsOfMeasure, type MeasureInfo, type YearCatalogue } from '../data/measures.js';
import { preferredName } from '../data/names.js';
import { factsFor, type YearFacts } from '../data/years.js';
import { daysInclusive, parseIsoDate } from '../rules/dates.js';
import type { Analysis } from '../rules/engine.js';
import { describeYears } from '../rules/resolve.js';
import { changesFor } from '../rules/changes.js';
import { describeRange } from '../score/score.js';
import type { PisubServices } from '../pisub-module.js';
import { targetAt, type Target } from './at-offset.js';
import { CONFIDENCE_MEANING, reasonsSummary } from './score-labels.js';
import type { MeasureScore } from '../score/score.js';
import type { Confidence } from '../data/years.js';
import { evidenceHover, evidenceLineFor } from './evidence-hover.js';
import { mvpIds } from '../vocabulary.js';

export class PisubHoverProvider implements HoverProvider {
    constructor(private readonly services: PisubServices) {}

    getHoverContent(document: LangiumDocument, params: HoverParams): Hover | undefined {
        const analysis = this.services.analysis.Cache.get(document);
        const text = document.textDocument;
        const evidence = evidenceHover(analysis, text.offsetAt(params.position), this.services.analysis.Cache.evidenceFiles?.readerFor(document.uri));
        if (evidence) {
            return { contents: { kind: 'markdown', value: evidence.markdown }, range: { start: text.positionAt(evidence.span.offset), end: text.positionAt(evidence.span.end) } };
        }
        const target = targetAt(analysis, text.offsetAt(params.position));
        if (!target) return undefined;
        const value = hoverMarkdown(analysis, target);
        if (!value) return undefined;
        return {
            contents: { kind: 'markdown', value },
            range: { start: text.positionAt(target.span.offset), end: text.positionAt(target.span.end) }
        };
    }
}

/** The hover text for a target, in Markdown (exported for tests and other clients). */
export function hoverMarkdown(analysis: Analysis, target: Target): string | undefined {
    const year = analysis.year;
    const catalogue = year !== undefined ? catalogueFor(year) : undefined;
    const facts = year !== undefined ? factsFor(year) : undefined;
    if (target.kind === 'period') return periodHover(analysis, target, facts);
    if (target.kind === 'year') return yearHover(target.value, facts);
    if (target.kind === 'cehrt') return facts ? cehrtHover(facts) : undefined;
    if (target.kind === 'reporting') return catalogue && facts ? reportingHover(target.value, catalogue, facts) : undefined;
    if (!catalogue || !facts) {
        return target.measureId ? `**${target.measureId}**\n\nSet a supported \`year\` to see this measure's definition for that year.` : undefined;
    }
    if (target.kind === 'count') return countHover(analysis, target, catalogue, facts);
    if (!target.measureId) return undefined;
    const info = catalogue.measures.get(target.measureId);
    if (!info) return notInYear(target.measureId, catalogue.year);
    return measureHover(analysis, info, catalogue, facts);
}

function label(id: string): string {
    const name = preferredName(id);
    return name ? `\`${id}\` (\`${name}\`)` : `\`${id}\``;
}

function notInYear(id: string, year: number): string {
    return `${label(id)} does not exist in ${year}: CMS's measure data has it only for ${describeYears(yearsOfMeasure(id))}.`;
}

function pointsText(id: string, facts: YearFacts): string | undefined {
    const p = facts.points[id];
    if (p) return `${p.bonus ? 'Bonus: up to' : 'Up to'} ${p.max} points${p.confidence === 'L' ? ' (uncertain)' : ''}.`;
    const ph = facts.publicHealthObjective;
    if (ph.measures.includes(id)) {
        const others = ph.measures.filter(m => m !== id).map(m => `\`${m}\``).join(', ');
        return `The public health objective is worth ${ph.points} points, shared with ${others}${ph.confidence === 'L' ? ' (uncertain)' : ''}.`;
    }
    const bonus = facts.publicHealthBonus;
    if (bonus.measures.includes(id)) return `Bonus: ${bonus.points} points (one bonus measure counts).`;
    return undefined;
}

function requirement(info: MeasureInfo, catalogue: YearCatalogue): string {
    const id = info.measureId;
    const excluded = catalogue.exclusionOf.get(id);
    if (excluded) return `Exclusion of ${label(excluded)}.`;
    const levelOf = catalogue.levelOf.get(id);
    if (levelOf) return `Active-engagement level of ${label(levelOf)}.`;
    if (info.isBonus) return 'Optional (bonus).';
    if (info.isRequired && info.substitutes.length > 0) {
        return `Required, unless reported through another option: ${info.substitutes.map(s => `\`${s}\``).join(', ')}.`;
    }
    if (info.isRequired) return 'Required.';
    return 'Optional.';
}

function measureHover(analysis: Analysis, info: MeasureInfo, catalogue: YearCatalogue, facts: YearFacts): string {
    const id = info.measureId;
    const lines = [
        `**${info.title}** — ${label(id)}, ${catalogue.year}${facts.provisional?.value ? ' (provisional data)' : ''}`,
        '',
        info.description,
        '',
        `${requirement(info, catalogue)} Answered ${info.metricType === 'proportion' ? 'with numerator / denominator' : 'yes or no'}.`
    ];
    const answers = id === 'PI_PPHI_2' ? facts.saferAnswers : id === 'PI_ONCDIR_1' ? facts.oncDirectReviewAnswers : undefined;
    if (answers) lines.push('', `In ${catalogue.year}, ${answers.value.map(a => `"${a}"`).join(' or ')} satisfies it.${answers.note ? ' ' + answers.note : ''}`);
    if (id === 'PI_PPHI_2' && facts.saferGuideVersion) lines.push('', `Edition: ${facts.saferGuideVersion.note ?? facts.saferGuideVersion.value} (write \`version ${facts.saferGuideVersion.value}\`).`);
    const points = pointsText(id, facts);
    if (points) lines.push('', points);
    if (info.exclusion.length > 0) {
        lines.push('', `Exclusions in ${catalogue.year}:`);
        for (const ex of info.exclusion) {
            const exInfo = catalogue.measures.get(ex);
            if (exInfo) lines.push(`- \`${ex}\`: ${exInfo.description}`);
        }
    }
    if (info.preprod.length > 0 && facts.engagementLevelRequired.value) {
        lines.push('', `Active-engagement levels: ${info.preprod.map(l => `\`${l}\``).join(', ')} (write \`engagement pre-production\` or \`engagement production\`).`);
    }
    if (facts.suppressedMeasures.value.includes(id)) lines.push('', `Suppressed in ${catalogue.year}: ${facts.suppressedMeasures.note ?? 'any answer earns full credit.'}`);
    if (id === 'PI_PPHI_1' && /risk management activities/i.test(info.description)) {
        lines.push('', `In ${catalogue.year} the attestation covers security **risk analysis and risk management** (45 CFR 164.308(a)(1)(ii)(A) and (B)), not only the analysis.`);
    }
    const scored = analysis.score.measures.find(m => m.measureId === id);
    if (scored && !analysis.score.reweighted) {
        const range = scored.pointsRange.min !== scored.pointsRange.max ? `; ${describeRange(scored.pointsRange)} depending on ${analysis.score.rangeReasons.join(' and ') || 'an uncertain rule'}` : '';
        lines.push('', `In this file: ${pointsInFile(analysis, scored)} (${scored.formula}${range}).${confidenceNote(scored.confidence)}`);
    }
    const evidence = evidenceLineFor(analysis, id);
    if (evidence) lines.push('', evidence);
    lines.push(...changedLines(catalogue.year, id));
    return lines.join('\n');
}

/** "9 of 10 points", or on a file whose category scores 0 "would earn 9 of 10 points — the category scores 0 (reasons)". */
function pointsInFile(analysis: Analysis, scored: MeasureScore): string {
    const points = `${scored.points} of ${scored.maxPoints} points`;
    return analysis.score.zero ? `would earn ${points} — the category scores 0 (${reasonsSummary(analysis.score.zeroReasons)})` : points;
}

/** What a confidence below H means, where points rest on it. */
function confidenceNote(confidence: Confidence): string {
    return confidence === 'H' ? '' : ` Confidence ${confidence}: ${CONFIDENCE_MEANING[confidence]}`;
}

/** "Changed in 2024: …" for a statement whose rule or data changed from the year before (rules/changes.ts). */
function changedLines(year: number, subject: string): string[] {
    const changes = changesFor(year, subject);
    return changes.length ? ['', `**Changed in ${year}** (from ${year - 1}):`, ...changes.map(c => `- ${c.text}`)] : [];
}

function countHover(analysis: Analysis, target: Target & { kind: 'count' }, catalogue: YearCatalogue, facts: YearFacts): string | undefined {
    const v = target.entry.value;
    if (v.kind !== 'ratio') return undefined;
    const n = Number(v.numerator.value), d = Number(v.denominator.value);
    const rate = Number.isFinite(n) && Number.isFinite(d) && d > 0 ? `${((100 * n) / d).toFixed(1)}%` : 'not defined (denominator 0)';
    const id = target.measureId;
    const info = id ? catalogue.measures.get(id) : undefined;
    const lines = [`**${info?.title ?? target.entry.ref.value}**: ${v.numerator.value} / ${v.denominator.value} = ${rate}`];
    const topLevel = analysis.model.entries.includes(target.entry);
    const scored = id && topLevel ? analysis.score.measures.find(m => m.measureId === id) : undefined;
    if (scored) lines.push('', `${pointsInFile(analysis, scored)}: ${scored.formula}.${confidenceNote(scored.confidence)}`);
    else if (!topLevel) lines.push('', 'A clinician\'s numbers: the group\'s totals are what is scored.');
    else if (id) {
        const points = pointsText(id, facts);
        if (points) lines.push('', points);
    }
    return lines.join('\n');
}

function periodHover(analysis: Analysis, target: Target & { kind: 'period' }, facts: YearFacts | undefined): string {
    const start = parseIsoDate(target.period.start.value);
    const end = parseIsoDate(target.period.end.value);
    const lines = [`**Performance period** ${target.period.start.value} to ${target.period.end.value}`];
    if (start && end) {
        const days = daysInclusive(start, end);
        lines.push('', `${days} day${days === 1 ? '' : 's'}, both ends included.`);
    }
    if (facts) {
        lines.push('', `${facts.year} requires at least ${facts.minPeriodDays.value} continuous days within the calendar year.${facts.minPeriodDays.note ? ' ' + facts.minPeriodDays.note : ''}`);
        lines.push(...changedLines(facts.year, 'period'));
    } else if (analysis.year === undefined) {
        lines.push('', 'Set a supported `year` to see the minimum length.');
    }
    return lines.join('\n');
}

function yearHover(written: string, facts: YearFacts | undefined): string {
    if (!facts) {
        return `**Performance year ${written}** is not supported: pisub has CMS's measure data for ${describeYears(SUPPORTED_YEARS)}.`;
    }
    const lines = [
        `**Performance year ${facts.year}**${facts.provisional?.value ? ' (provisional: CMS\'s measure data is still in progress)' : ''}`,
        '',
        `- Performance period: at least ${facts.minPeriodDays.value} continuous days`,
        `- SAFER Guide: ${facts.saferAnswers.value.map(a => `"${a}"`).join(' or ')} satisfies it${facts.saferGuideVersion ? ` (${facts.saferGuideVersion.value} edition)` : ''}`,
        `- Public-health active-engagement levels: ${facts.engagementLevelRequired.value ? 'required' : 'not reported'}`,
        `- HIE options: ${facts.hieOptions.value.map(o => o.join(' + ')).join(', or ')}`,
        `- Category weight: ${facts.categoryWeight.value.default * 100}% by default, ${facts.categoryWeight.value.costReweighted * 100}% when the cost category is reweighted (APM entities, the APP); state another with \`weight <n>%\``
    ];
    return lines.join('\n');
}

function cehrtHover(facts: YearFacts): string {
    const forms = facts.cehrtPrefixes.value.map(p => `\`${p}…\``).join(', ');
    return [`**CMS EHR Certification ID** (15 characters, from the CHPL)`, '',
        `Accepted forms in ${facts.year}: ${forms}${facts.cehrtPrefixes.confidence === 'L' ? ' (not confirmed for this year)' : ''}.${facts.cehrtPrefixes.note ? ' ' + facts.cehrtPrefixes.note : ''}`,
        ...(facts.cehrtUnconfirmedPrefixes ? ['', `Not confirmed for ${facts.year} (a warning): ${facts.cehrtUnconfirmedPrefixes.value.map(p => `\`${p}…\``).join(', ')}. ${facts.cehrtUnconfirmedPrefixes.note ?? ''}`] : []),
        ...changedLines(facts.year, 'cehrt')].join('\n');
}

function reportingHover(option: string, catalogue: YearCatalogue, facts: YearFacts): string {
    const mvps = mvpIds(catalogue);
    const what: Record<string, string> = {
        traditional: 'Traditional MIPS.',
        mvp: `A MIPS Value Pathway; name it: \`reporting mvp <id>\`. MVPs offered for PI in ${catalogue.year}: ${mvps.join(', ') || 'none (MVPs start in 2023)'}.`,
        app: `The APM Performance Pathway; cost isn't evaluated, so PI weighs ${facts.categoryWeight.value.costReweighted * 100}% of the final score.`,
        'app-plus': `APP Plus${catalogue.programs.has('appPlus') ? '' : ` (not offered in ${catalogue.year}; it starts in 2025)`}.`,
        ssp: `The Shared Savings Program (\`ssp\`)${catalogue.programs.has('ssp') ? `: CMS's ${catalogue.year} measure data lists it for every PI measure; the QPP Submissions API does not yet document it as a programName (low confidence).` : ` is not a PI program in CMS's ${catalogue.year} measure data (it is from 2026).`}`
    };
    return [`**reporting ${option}**`, '', what[option] ?? '', ...changedLines(catalogue.year, 'reporting')].join('\n');
}
