/**
 * Completion that knows the position (completion-position.ts says where the cursor is): nothing
 * inside or glued to a number, date, id, string or comment; at the start of a statement the statement
 * keywords in the order a submission is written, each with a one-line description; after `year` the
 * supported years (newest first, the provisional one marked); after `measure`/`attest`/`public-health`
 * the measures of the file's year; after a measure only the values it takes (numbers for a ratio,
 * yes/no for a yes/no measure, `excluded` where the year has exclusions for it) and then only the
 * details that apply to it (`completed` on the dated attestations, `version` on the SAFER Guide,
 * `engagement` on public-health measures from 2023); after `entity <kind>` that kind's identifiers;
 * the year's MVP ids after `reporting mvp`; at the start of an empty file a new-submission snippet
 * per year and entity kind (templates.ts).
 *
 * The keywords come from the grammar (statement keywords, entity kinds, reporting options, ...), the
 * measures, exclusions and details from the year's catalogue and facts. A statement keyword this file
 * does not describe still appears (grammar-driven), after the known ones.
 */
import { AstUtils, GrammarAST, TextDocument, type LangiumDocument, type MaybePromise } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type NextFeature } from 'langium/lsp';
import {
    CompletionItemKind, CompletionList, InsertTextFormat, type CancellationToken, type CompletionItem, type CompletionParams, type Range
} from 'vscode-languageserver';
import { catalogueFor, measureKind, SUPPORTED_YEARS, type MeasureInfo, type YearCatalogue } from '../data/measures.js';
import { FRIENDLY_NAMES } from '../data/names.js';
import { factsFor } from '../data/years.js';
import { ENTITY_IDENTIFIERS, ENTITY_KINDS, type EntityKind } from '../model/submission.js';
import type { PisubServices } from '../pisub-module.js';
import { templateProblem, templateSnippet } from '../templates.js';
import { measureIdOf } from './at-offset.js';
import { completionPosition, isWordPrefix } from './completion-position.js';
import { completionWindow, WINDOW_HEADER } from './completion-window.js';
import { completeEvidencePaths } from './evidence-completion.js';
import { ATTESTATION_IDS, isPublicHealth, mvpIds, reportingOptionInYear } from '../vocabulary.js';
import { MEASURE_KEYWORDS as MEASURE_KEYWORD_LIST, STATEMENT_KEYWORDS } from '../syntax.js';

const ATTESTATIONS = ATTESTATION_IDS;

/** Statement keywords in the order a submission is written, with what each statement says. */
const STATEMENTS: readonly (readonly [keyword: string, description: string])[] = [
    ['year', 'The performance year (sets the rules and measures)'],
    ['practice', 'The practice\'s name, in quotes'],
    ['entity', 'Who submits: individual, group, virtual group, subgroup or APM entity, with TIN/NPI/id'],
    ['reporting', 'How: traditional MIPS, an MVP, the APP or APP Plus'],
    ['period', 'The performance period: start to end date'],
    ['cehrt', 'The CMS EHR Certification ID (15 characters)'],
    ['attest', 'An attestation answered yes or no (Security Risk Analysis, SAFER Guide, ...)'],
    ['measure', 'A measure with numerator / denominator, yes/no, or excluded'],
    ['public-health', 'A public health registry measure, with its active-engagement level'],
    ['special-status', 'A special status (small practice, hospital-based, ...)'],
    ['clinician', 'One clinician of the group, by NPI, with optional own numbers'],
    ['prior-year', 'The previous year\'s submission, to compare with'],
    ['note', 'A note for the reader, in quotes (not submitted)'],
    ['evidence', 'A file that documents an attestation or measure: its path, date, SHA-256']
];

/** Statements the rules accept once per submission. */
const ONCE = new Set(['year', 'practice', 'entity', 'reporting', 'period', 'cehrt', 'prior-year']);

/** `measure`, `attest`, `public-health` (from the grammar, syntax.ts). */
const MEASURE_KEYWORDS: ReadonlySet<string> = new Set(MEASURE_KEYWORD_LIST);

interface Request {
    readonly document: LangiumDocument;
    readonly prefix: string;
    readonly range: Range;
    readonly items: CompletionItem[];
}

export class PisubCompletionProvider extends DefaultCompletionProvider {
    private readonly pisub: PisubServices;
    /** Keywords per grammar rule name, and the first keyword of each statement rule (from the grammar). */
    private readonly keywords: ReadonlyMap<string, readonly string[]>;
    private readonly statementKeywords: readonly string[];

    constructor(services: PisubServices) {
        super(services);
        this.pisub = services;
        const keywords = new Map<string, string[]>();
        for (const rule of this.grammar.rules) {
            if (!GrammarAST.isParserRule(rule)) continue;
            keywords.set(rule.name, AstUtils.streamAllContents(rule).filter(GrammarAST.isKeyword).map(k => k.value).distinct().toArray());
        }
        this.keywords = keywords;
        this.statementKeywords = STATEMENT_KEYWORDS;
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        const textDocument = document.textDocument;
        const text = textDocument.getText();
        const offset = textDocument.offsetAt(params.position);
        // Large documents: scan only from the statement before the cursor's line (completion-window.ts).
        const window = completionWindow(text, offset);
        const position = window ? completionPosition(text, offset, window.start, 1) : completionPosition(text, offset);
        if (position.kind === 'nothing') return CompletionList.create([], false);
        if (position.kind === 'string') {
            // Inside quotes only an evidence path is completed (evidence-completion.ts, through the grammar).
            return position.words[0] === 'evidence' ? super.getCompletion(document, params, cancelToken) : CompletionList.create([], false);
        }
        const start = textDocument.positionAt(offset - position.prefix.length);
        const request: Request = { document, prefix: position.prefix, range: { start, end: params.position }, items: [] };

        if (position.kind === 'file-start') {
            if (position.prefix && !isWordPrefix(position.prefix)) return CompletionList.create([], false);
            this.keywordItems(request, ['submission'], () => 'A submission: `submission <name> { ... }`');
            this.templates(request);
            return this.done(request);
        }
        const { words, prefix, depth } = position;
        const keyword = words[0];
        // A year is the one number completion offers; everything else glued to a number, date or id gets nothing.
        const numberAllowed = keyword === 'year' && words.length === 1 && /^\d{0,3}$/.test(prefix);
        const versionAllowed = words.at(-1) === 'version' && /^\d{0,3}$/.test(prefix);
        if (prefix && !isWordPrefix(prefix) && !numberAllowed && !versionAllowed) return CompletionList.create([], false);

        if (keyword === undefined) {
            this.statementItems(request, depth);
            return this.done(request);
        }
        if (depth === 2 && !MEASURE_KEYWORDS.has(keyword)) return this.done(request);
        const rest = words.slice(1);
        switch (keyword) {
            case 'year':
                if (rest.length === 0) this.years(request);
                break;
            case 'entity':
                this.entity(request, rest);
                break;
            case 'reporting':
                if (rest.length === 0) this.reportingOptions(request);
                else if (rest.length === 1 && rest[0] === 'mvp') this.mvps(request);
                break;
            case 'period':
                if (rest.length === 1) this.keywordItems(request, ['to'], () => 'The end date follows');
                break;
            case 'special-status':
                if (rest.length === 0) this.keywordItems(request, this.keywords.get('SpecialStatus') ?? [], () => 'Special status');
                break;
            case 'clinician':
                if (rest.length >= 1 && !rest.includes('no-cehrt-data')) {
                    this.keywordItems(request, ['no-cehrt-data'], () => 'The clinician has no data in the CEHRT');
                }
                break;
            case 'practice': case 'cehrt': case 'note':
                break; // a string or an id: nothing to offer
            case 'evidence':
                // What the evidence documents: a measure or attestation of the year (reported ones too), or `cehrt`.
                if (rest.length === 0) {
                    this.measures(request, keyword, false);
                    this.add(request, { label: 'cehrt', kind: CompletionItemKind.Keyword, detail: 'The CEHRT id (its CHPL page)', sortText: '0-cehrt' });
                } else {
                    return super.getCompletion(document, params, cancelToken); // its details (dated, sha256, covers)
                }
                break;
            default:
                if (MEASURE_KEYWORDS.has(keyword)) this.measureStatement(request, keyword, rest);
                else return super.getCompletion(document, params, cancelToken); // prior-year (cross-reference) and statements added later
        }
        return this.done(request);
    }

    // The grammar-driven fallback in large documents reads only the statements around the cursor (completion-window.ts, docs/performance.md).
    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        const text = document.getText();
        const window = completionWindow(text, offset);
        if (!window) return super.findFeaturesAt(document, offset);
        const prefix = WINDOW_HEADER + text.slice(window.start, offset);
        return super.findFeaturesAt(TextDocument.create(document.uri, document.languageId, document.version, prefix), prefix.length);
    }

    protected override backtrackToAnyToken(text: string, offset: number): ReturnType<DefaultCompletionProvider['backtrackToAnyToken']> {
        const window = completionWindow(text, offset);
        if (!window) return super.backtrackToAnyToken(text, offset);
        const r = super.backtrackToAnyToken(text.slice(window.start, window.end), offset - window.start);
        const shift = (n: number | undefined) => (n === undefined ? undefined : n + window.start);
        return { nextTokenStart: r.nextTokenStart + window.start, nextTokenEnd: r.nextTokenEnd + window.start, previousTokenStart: shift(r.previousTokenStart), previousTokenEnd: shift(r.previousTokenEnd) };
    }

    // Evidence paths inside the quotes of `evidence <target> "…"` (evidence-completion.ts); the rest as the grammar says.
    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment);
        const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule)?.name;
        if (assignment?.feature === 'path' && rule === 'EvidenceStatement') {
            return completeEvidencePaths(context, acceptor, this.pisub.analysis.Cache.evidenceFiles?.readerFor(context.document.uri));
        }
        return super.completionFor(context, next, acceptor);
    }

    private done(request: Request): CompletionList {
        return CompletionList.create(request.items, false);
    }

    /** Adds an item if it matches the word being typed. */
    private add(request: Request, item: Omit<CompletionItem, 'textEdit'> & { insertText?: string }): void {
        const filter = item.filterText ?? item.label;
        if (request.prefix && !this.fuzzyMatcher.match(request.prefix, filter)) return;
        const { insertText, ...rest } = item;
        request.items.push({ ...rest, textEdit: { range: request.range, newText: insertText ?? item.label } });
    }

    private keywordItems(request: Request, keywords: readonly string[], describe: (k: string) => string | undefined): void {
        keywords.forEach((k, i) => this.add(request, { label: k, kind: CompletionItemKind.Keyword, detail: describe(k), sortText: `${String(i).padStart(2, '0')}-${k}` }));
    }

    /** Statement keywords in writing order; statements allowed once are left out when already written on another line. */
    private statementItems(request: Request, depth: 1 | 2): void {
        const order = STATEMENTS.map(([k]) => k);
        const known = depth === 2 ? order.filter(k => MEASURE_KEYWORDS.has(k)) : [
            ...order.filter(k => this.statementKeywords.includes(k)),
            ...this.statementKeywords.filter(k => !order.includes(k))
        ];
        const written = depth === 1 ? this.writtenStatements(request) : new Set<string>();
        const keywords = known.filter(k => !(ONCE.has(k) && written.has(k)));
        this.keywordItems(request, keywords, k => STATEMENTS.find(([s]) => s === k)?.[1] ?? 'Statement');
    }

    /** The first keyword of every statement written on a line other than the cursor's. */
    private writtenStatements(request: Request): Set<string> {
        const root = request.document.parseResult.value as { statements?: { $cstNode?: { range: { start: { line: number }; end: { line: number } }; text: string } }[] };
        const line = request.range.end.line;
        const written = new Set<string>();
        for (const s of root.statements ?? []) {
            const cst = s.$cstNode;
            if (!cst || (cst.range.start.line <= line && line <= cst.range.end.line)) continue;
            written.add(/^[\w-]+/.exec(cst.text)?.[0] ?? '');
        }
        return written;
    }

    /** The file's performance year: as analysed, or as written while the file does not parse yet. */
    private yearOf(document: LangiumDocument): number | undefined {
        const analysed = this.pisub.analysis.Cache.get(document).year;
        if (analysed !== undefined) return analysed;
        const written = /\byear\s+(\d{4})\b/.exec(document.textDocument.getText())?.[1];
        return written !== undefined && catalogueFor(Number(written)) ? Number(written) : undefined;
    }

    private years(request: Request): void {
        const years = [...SUPPORTED_YEARS].filter(y => factsFor(y)).reverse();
        years.forEach((year, i) => {
            const provisional = factsFor(year)?.provisional?.value === true;
            this.add(request, {
                label: String(year), kind: CompletionItemKind.Value,
                detail: provisional ? `Performance year ${year} — provisional: CMS's data is still in progress` : `Performance year ${year}`,
                labelDetails: provisional ? { description: 'provisional' } : undefined,
                sortText: `${String(i).padStart(2, '0')}`
            });
        });
    }

    private entity(request: Request, rest: readonly string[]): void {
        if (rest.length === 0) {
            this.keywordItems(request, (this.keywords.get('EntityKind') ?? []).filter(k => (ENTITY_KINDS as readonly string[]).includes(k)), k => `A${k === 'individual' || k === 'apm-entity' ? 'n' : ''} ${k} submission`);
            return;
        }
        const kind = rest[0] as EntityKind;
        const identifiers = ENTITY_IDENTIFIERS[kind];
        if (!identifiers) return;
        const last = rest.at(-1)!;
        if ((this.keywords.get('EntityIdentifier') ?? []).includes(last)) return; // its value comes next
        const grammarIdentifiers = this.keywords.get('EntityIdentifier') ?? [];
        const missing = identifiers.filter(i => grammarIdentifiers.includes(i.keyword) && !rest.includes(i.keyword));
        missing.forEach((i, n) => this.add(request, { label: i.keyword, kind: CompletionItemKind.Keyword, detail: i.description, sortText: String(n) }));
    }

    /** The reporting options the year offers (all of them while the year is unknown). */
    private reportingOptions(request: Request): void {
        const year = this.yearOf(request.document);
        const catalogue = year !== undefined ? catalogueFor(year) : undefined;
        const options = (this.keywords.get('ReportingOption') ?? []).filter(o => !catalogue || reportingOptionInYear(o, catalogue));
        this.keywordItems(request, options, reportingDescription);
    }

    private mvps(request: Request): void {
        const year = this.yearOf(request.document);
        const catalogue = year !== undefined ? catalogueFor(year) : undefined;
        if (!catalogue) return;
        for (const mvp of mvpIds(catalogue)) {
            this.add(request, { label: mvp, kind: CompletionItemKind.EnumMember, detail: `MVP offered for PI in ${catalogue.year}`, sortText: `0-${mvp}` });
        }
    }

    /** `measure <id> <value> <details>`: the measure, then its value, then the details that apply. */
    private measureStatement(request: Request, keyword: string, rest: readonly string[]): void {
        if (rest.length === 0) return this.measures(request, keyword);
        const year = this.yearOf(request.document);
        const catalogue = year !== undefined ? catalogueFor(year) : undefined;
        const measureId = measureIdOf(rest[0]);
        const info = measureId ? catalogue?.measures.get(measureId) : undefined;
        const exclusions = info && catalogue ? info.exclusion.filter(ex => catalogue.measures.has(ex)) : [];
        const after = rest.slice(1);
        if (after.length === 0) {
            // The value: what this measure takes in this year.
            const values: [string, string][] = [];
            if (!info || info.metricType === 'boolean') values.push(['yes', 'Answer yes'], ['no', 'Answer no']);
            if (exclusions.length > 0) values.push(['excluded', `Claim an exclusion (${exclusions.join(', ')})`]);
            values.forEach(([label, detail], i) => this.add(request, { label, kind: CompletionItemKind.Keyword, detail, sortText: String(i) }));
            return;
        }
        const value = measureValueLength(after);
        if (value === undefined) return; // an unfinished ratio (`5 /`): the numbers are the user's
        const details = after.slice(value);
        if (after[0] === 'excluded' && value === 1 && details.length === 0 && catalogue && info) {
            exclusions.forEach(ex => this.add(request, {
                label: ex, kind: CompletionItemKind.EnumMember, detail: `Exclusion of ${info.measureId} in ${catalogue.year}`,
                documentation: { kind: 'markdown', value: catalogue.measures.get(ex)?.description ?? '' }, sortText: `0-${ex}`
            }));
        }
        const last = details.at(-1);
        if (last === 'engagement') {
            this.keywordItems(request, this.keywords.get('EngagementLevel') ?? [], k => k === 'production' ? 'Data flows to the registry in production' : 'Registered, testing and validating with the registry');
            return;
        }
        if (last === 'version') {
            const version = year !== undefined ? factsFor(year)?.saferGuideVersion : undefined;
            if (version) this.add(request, { label: version.value, kind: CompletionItemKind.Value, detail: 'SAFER Guide edition for this year', documentation: version.note, sortText: '0' });
            return;
        }
        if (last === 'completed') return; // a date
        if (!info || year === undefined) return;
        const facts = factsFor(year);
        const applicable: [string, string][] = [];
        const answeredYes = after[0] === 'yes';
        if (measureId === 'PI_PPHI_1' || measureId === 'PI_PPHI_2') applicable.push(['completed', 'The date it was done, YYYY-MM-DD, within the year']);
        if (measureId === 'PI_PPHI_2' && facts?.saferGuideVersion) applicable.push(['version', `The SAFER Guide edition (${facts.saferGuideVersion.value})`]);
        if (info.objective === 'publicHealthAndClinicalDataExchange' && facts?.engagementLevelRequired.value && answeredYes
            && info.preprod.some(l => catalogue!.measures.has(l))) {
            applicable.push(['engagement', 'The active-engagement level: pre-production or production']);
        }
        applicable.filter(([k]) => !details.includes(k))
            .forEach(([label, detail], i) => this.add(request, { label, kind: CompletionItemKind.Keyword, detail, sortText: String(i) }));
    }

    /** The year's measures; `skipWritten`: leave out those already reported on another line. */
    private measures(request: Request, keyword: string, skipWritten = true): void {
        const year = this.yearOf(request.document);
        const catalogues = year !== undefined ? [catalogueFor(year)!] : SUPPORTED_YEARS.map(y => catalogueFor(y)!);
        const written = skipWritten ? this.writtenMeasures(request) : new Set<string>();
        const seen = new Set<string>();
        for (const catalogue of [...catalogues].reverse()) {
            for (const info of catalogue.measures.values()) {
                if (seen.has(info.measureId) || measureKind(catalogue, info.measureId) !== 'measure' || written.has(info.measureId)) continue;
                seen.add(info.measureId);
                const rank = sortRank(info, keyword);
                const detail = year !== undefined ? info.title : `${info.title} (${yearsText(info)})`;
                const documentation = { kind: 'markdown' as const, value: measureDoc(info, catalogue, year !== undefined) };
                const name = FRIENDLY_NAMES[info.measureId]?.[0];
                if (name) {
                    this.add(request, {
                        label: name, kind: CompletionItemKind.Value, detail, documentation,
                        labelDetails: { description: info.measureId }, sortText: `${rank}a-${name}`
                    });
                }
                this.add(request, { label: info.measureId, kind: CompletionItemKind.Constant, detail, documentation, sortText: `${rank}b-${info.measureId}` });
            }
        }
    }

    /** Measures already reported at the top level, on another line (reporting one twice is an error). */
    private writtenMeasures(request: Request): Set<string> {
        const analysis = this.pisub.analysis.Cache.get(request.document);
        const line = request.range.end.line;
        const text = request.document.textDocument;
        const ids = new Set<string>();
        for (const entry of analysis.model.entries) {
            if (text.positionAt(entry.span.offset).line === line) continue;
            const id = measureIdOf(entry.ref.value);
            if (id) ids.add(id);
        }
        return ids;
    }

    private templates(request: Request): void {
        for (const year of [...SUPPORTED_YEARS].reverse()) {
            for (const kind of ENTITY_KINDS) {
                if (templateProblem(year, kind)) continue;
                this.add(request, {
                    label: `submission ${year} ${kind}`,
                    kind: CompletionItemKind.Snippet,
                    detail: `New ${kind} submission for ${year}${factsFor(year)?.provisional?.value ? ' (provisional data)' : ''}`,
                    documentation: { kind: 'markdown', value: `A ${year} ${kind} submission with every required statement; Tab moves to the next value to fill in.` },
                    insertText: templateSnippet(year, kind),
                    insertTextFormat: InsertTextFormat.Snippet,
                    filterText: `submission ${year} ${kind}`,
                    sortText: `z${9999 - year}-${ENTITY_KINDS.indexOf(kind)}`
                });
            }
        }
    }
}

/** How many words the value takes (`yes`, `excluded [id]`, `5 / 10`, `5/10`), or undefined while a ratio is unfinished. */
function measureValueLength(words: readonly string[]): number | undefined {
    const [first, second, third] = words;
    if (first === 'yes' || first === 'no') return 1;
    if (first === 'excluded') return second && !['completed', 'version', 'engagement'].includes(second) ? 2 : 1;
    const count = /^-?\d+(\.\d+)?$/;
    if (/^-?\d+(\.\d+)?\/-?\d+(\.\d+)?$/.test(first)) return 1;
    if (count.test(first) && /^\/-?\d+(\.\d+)?$/.test(second ?? '')) return 2;
    if (count.test(first) && second === '/' && count.test(third ?? '')) return 3;
    if (/^-?\d+(\.\d+)?\/$/.test(first) && count.test(second ?? '')) return 2;
    return undefined;
}

function reportingDescription(option: string): string {
    return ({
        traditional: 'Traditional MIPS',
        mvp: 'A MIPS Value Pathway (its id follows)',
        app: 'The APM Performance Pathway',
        'app-plus': 'APP Plus (from 2025)'
    } as Record<string, string>)[option] ?? option;
}

function sortRank(info: MeasureInfo, keyword: string | undefined): number {
    const publicHealth = isPublicHealth(info);
    const fits = keyword === 'attest' ? ATTESTATIONS.has(info.measureId)
        : keyword === 'public-health' ? publicHealth
            : keyword === 'measure' ? !ATTESTATIONS.has(info.measureId) && !publicHealth : true;
    return (fits ? 0 : 2) + (info.isRequired ? 0 : 1);
}

function yearsText(info: MeasureInfo): string {
    const years = SUPPORTED_YEARS.filter(y => catalogueFor(y)!.measures.has(info.measureId));
    return years.length > 1 ? `${years[0]}–${years.at(-1)}` : String(years[0]);
}

function measureDoc(info: MeasureInfo, catalogue: YearCatalogue, yearKnown: boolean): string {
    const required = info.isBonus ? 'Optional (bonus).' : info.isRequired ? 'Required.' : 'Optional.';
    const exclusions = info.exclusion.filter(ex => catalogue.measures.has(ex));
    return [
        `**${info.title}** (${info.measureId}${yearKnown ? `, ${catalogue.year}` : ''})`,
        '',
        info.description,
        '',
        `${required} Answered ${info.metricType === 'proportion' ? 'with numerator / denominator' : 'yes or no'}.`
        + (exclusions.length ? ` Exclusions: ${exclusions.join(', ')}.` : '')
    ].join('\n');
}
