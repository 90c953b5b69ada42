/**
 * Completion: Langium's grammar-driven keywords (statements, yes/no, entity kinds, reporting options,
 * engagement levels, special statuses), plus what the grammar cannot know: the measures and
 * exclusions that exist in the file's performance year (friendly names and official ids, with the
 * official title as detail), the year's MVP ids after `reporting mvp`, the SAFER Guide edition after
 * `version`, and, at the start of an empty file, a new-submission snippet per year
 * and entity kind (templates.ts).
 */
import { AstUtils, GrammarAST, TextDocument, type LangiumDocument, type MaybePromise } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type NextFeature } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import { catalogueFor, measureKind, SUPPORTED_YEARS, type MeasureInfo, type YearCatalogue } from '../data/measures.js';
import { FRIENDLY_NAMES } from '../data/names.js';
import { factsFor } from '../data/years.js';
import { isMeasureStatement, type MeasureStatement } from '../generated/ast.js';
import { ENTITY_KINDS } from '../model/submission.js';
import type { PisubServices } from '../pisub-module.js';
import { templateProblem, templateSnippet } from '../templates.js';
import { measureIdOf } from './at-offset.js';
import { completionWindow, WINDOW_HEADER } from './completion-window.js';
import { completeEvidencePaths } from './evidence-completion.js';

const ATTESTATIONS = new Set(['PI_PPHI_1', 'PI_PPHI_2', 'PI_INFBLO_1', 'PI_ONCDIR_1', 'PI_ONCACB_1']);

export class PisubCompletionProvider extends DefaultCompletionProvider {
    private readonly pisub: PisubServices;

    constructor(services: PisubServices) {
        super(services);
        this.pisub = services;
    }

    // Large documents: read only the statements around the cursor (completion-window.ts, docs/performance.md).
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

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment);
        const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule)?.name;
        if (assignment?.feature === 'measure' && rule === 'MeasureStatement') {
            return this.completeMeasures(context, acceptor);
        }
        if (rule === 'EvidenceTarget' && GrammarAST.isRuleCall(next.feature)) {
            return this.completeMeasures(context, acceptor); // what the evidence documents (`cehrt` is a keyword)
        }
        if (assignment?.feature === 'path' && rule === 'EvidenceStatement') {
            return completeEvidencePaths(context, acceptor, this.pisub.analysis.Cache.evidenceFiles?.readerFor(context.document.uri));
        }
        if (assignment?.feature === 'exclusion' && rule === 'ExclusionValue') {
            return this.completeExclusions(context, acceptor);
        }
        // A `Token` (MVP id, SAFER edition, TIN, ...) does not say which statement it is in: the text before does.
        const text = context.textDocument.getText();
        const lineBefore = rule === 'Token' ? text.slice(text.lastIndexOf('\n', context.tokenOffset - 1) + 1, context.tokenOffset) : '';
        if (/\breporting\s+mvp\s+$/.test(lineBefore)) {
            return this.completeMvps(context, acceptor);
        }
        if (/\bversion\s+$/.test(lineBefore)) {
            const version = factsFor(this.yearOf(context.document) ?? 0)?.saferGuideVersion;
            if (version) acceptor(context, { label: version.value, kind: CompletionItemKind.Value, detail: 'SAFER Guide edition for this year', documentation: version.note });
            return;
        }
        if (GrammarAST.isKeyword(next.feature) && next.feature.value === 'submission' && !context.node) {
            this.completeTemplates(context, acceptor);
        }
        return super.completionFor(context, next, acceptor);
    }

    /** The file's performance year: as analysed, or as written while the file does not parse yet. */
    private yearOf(document: LangiumDocument): number | undefined {
        const analysed = this.pisub.analysis.Cache.get(document).year;
        if (analysed !== undefined) return analysed;
        const written = /\byear\s+(\d{4})\b/.exec(document.textDocument.getText())?.[1];
        return written !== undefined && catalogueFor(Number(written)) ? Number(written) : undefined;
    }

    private completeMeasures(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const year = this.yearOf(context.document);
        const catalogues = year !== undefined ? [catalogueFor(year)!] : SUPPORTED_YEARS.map(y => catalogueFor(y)!);
        const keyword = this.keywordBefore(context);
        const seen = new Set<string>();
        for (const catalogue of [...catalogues].reverse()) {
            for (const info of catalogue.measures.values()) {
                if (seen.has(info.measureId) || measureKind(catalogue, info.measureId) !== 'measure') continue;
                seen.add(info.measureId);
                const rank = sortRank(info, keyword);
                const detail = year !== undefined ? info.title : `${info.title} (${yearsText(info)})`;
                const documentation = { kind: 'markdown' as const, value: measureDoc(info, catalogue, year !== undefined) };
                const name = FRIENDLY_NAMES[info.measureId]?.[0];
                if (name) {
                    acceptor(context, {
                        label: name, kind: CompletionItemKind.Value, detail, documentation,
                        labelDetails: { description: info.measureId }, sortText: `${rank}a-${name}`
                    });
                }
                acceptor(context, {
                    label: info.measureId, kind: CompletionItemKind.Constant, detail, documentation,
                    sortText: `${rank}b-${info.measureId}`
                });
            }
        }
    }

    private completeExclusions(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const year = this.yearOf(context.document);
        const catalogue = year !== undefined ? catalogueFor(year) : undefined;
        const statement = context.node ? AstUtils.getContainerOfType(context.node, isMeasureStatement) as MeasureStatement | undefined : undefined;
        const measureId = statement?.measure ? measureIdOf(statement.measure) : undefined;
        const info = measureId ? catalogue?.measures.get(measureId) : undefined;
        if (!catalogue || !info) return;
        for (const ex of info.exclusion) {
            const exInfo = catalogue.measures.get(ex);
            if (!exInfo) continue;
            acceptor(context, {
                label: ex, kind: CompletionItemKind.EnumMember, detail: `Exclusion of ${info.measureId} in ${catalogue.year}`,
                documentation: { kind: 'markdown', value: exInfo.description }, sortText: `0-${ex}`
            });
        }
    }

    private completeMvps(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const year = this.yearOf(context.document);
        const catalogue = year !== undefined ? catalogueFor(year) : undefined;
        if (!catalogue) return;
        for (const mvp of [...catalogue.programs].filter(p => /^[GM]\d{4}$/.test(p)).sort()) {
            acceptor(context, { label: mvp, kind: CompletionItemKind.EnumMember, detail: `MVP offered for PI in ${catalogue.year}`, sortText: `0-${mvp}` });
        }
    }

    private completeTemplates(context: CompletionContext, acceptor: CompletionAcceptor): void {
        for (const year of [...SUPPORTED_YEARS].reverse()) {
            for (const kind of ENTITY_KINDS) {
                if (templateProblem(year, kind)) continue;
                acceptor(context, {
                    label: `submission ${year} ${kind}`,
                    kind: CompletionItemKind.Snippet,
                    detail: `New ${kind} submission for ${year}${factsFor(year)?.provisional?.value ? ' (provisional data)' : ''}`,
                    documentation: { kind: 'markdown', value: `A ${year} ${kind} submission with every required statement; fill in the placeholders.` },
                    insertText: templateSnippet(year, kind),
                    insertTextFormat: InsertTextFormat.Snippet,
                    filterText: `submission ${year} ${kind}`,
                    sortText: `z${9999 - year}-${ENTITY_KINDS.indexOf(kind)}`
                });
            }
        }
    }

    /** `attest`, `measure` or `public-health` just before the cursor, to rank what fits first. */
    private keywordBefore(context: CompletionContext): string | undefined {
        const before = context.textDocument.getText().slice(0, context.tokenOffset);
        return /(attest|measure|public-health)\s*$/.exec(before)?.[1];
    }
}

function sortRank(info: MeasureInfo, keyword: string | undefined): number {
    const publicHealth = info.measureId.startsWith('PI_PHCDRR');
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
