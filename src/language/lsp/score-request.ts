/**
 * The answer to `pisub/score` {uri} (src/protocol.ts) → the document's ScoreResult (or null when the server does not
 * know the document). The VS Code status bar and the "PI: Show score breakdown" command use it; the
 * score comes from the same per-version analysis as the diagnostics, so they always agree.
 */
import { DocumentState, URI, type LangiumSharedCoreServices } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import type { ScoreResult } from '../score/score.js';
import type { PisubServices } from '../pisub-module.js';
import { catalogueFor } from '../data/measures.js';
import { RULES } from '../rules/catalogue.js';
import { ruleDocsHref } from '../rules/docs-links.js';

export interface ScoreParams {
    readonly uri: string;
}

/** What the breakdown needs beyond the score itself, per scored measure id. */
export interface ScoreMeasureDetail {
    /** The measure's objective in CMS's measure data for the year (e.g. "healthInformationExchange"). */
    readonly objective: string | null;
    /** The counts as written, for a proportion measure with valid counts. */
    readonly numerator?: number;
    readonly denominator?: number;
}

/** The ScoreResult of score/score.ts plus the objective and counts of each measure. */
export interface ScoreResponse extends ScoreResult {
    readonly details: Readonly<Record<string, ScoreMeasureDetail>>;
    /** The rule title of each zero reason, in the same order (e.g. 'SAFER Guide not "yes"'). */
    readonly zeroTitles: readonly string[];
    /** The link to each zero reason's rule in docs/rules.md, in the same order. */
    readonly zeroLinks: readonly string[];
}

/** The score of one document, once it has been validated (so it matches its diagnostics). */
export async function scoreOf(shared: LangiumSharedCoreServices, uriText: string, token = CancellationToken.None): Promise<ScoreResponse | null> {
    let uri: URI;
    try {
        uri = URI.parse(uriText);
    } catch {
        return null;
    }
    if (!shared.ServiceRegistry.hasServices(uri)) return null;
    const documents = shared.workspace.LangiumDocuments;
    if (!documents.hasDocument(uri)) return null;
    // Wait for a running build of this document (e.g. right after a keystroke) to finish.
    try {
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Linked, uri, token);
    } catch {
        return null; // cancelled, or the document went away: the client asks again on the next change
    }
    const document = documents.getDocument(uri);
    if (!document) return null;
    const services = shared.ServiceRegistry.getServices(uri) as PisubServices;
    const analysis = services.analysis.Cache.get(document);
    const catalogue = analysis.year !== undefined ? catalogueFor(analysis.year) : undefined;
    const details: Record<string, ScoreMeasureDetail> = {};
    for (const m of analysis.score.measures) {
        const value = analysis.resolution?.byId.get(m.measureId)?.[0]?.value;
        const counts = value !== undefined && typeof value === 'object' ? { numerator: value.numerator, denominator: value.denominator } : {};
        details[m.measureId] = { objective: catalogue?.measures.get(m.measureId)?.objective ?? null, ...counts };
    }
    const zeroTitles = analysis.score.zeroReasons.map(r => RULES.get(r.code)?.title ?? r.code);
    const zeroLinks = analysis.score.zeroReasons.map(r => ruleDocsHref(r.code, services.analysis.docsBase));
    return { ...analysis.score, details, zeroTitles, zeroLinks };
}
