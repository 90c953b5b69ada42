/**
 * Custom request `pisub/portfolioReport` {uris?, folders?} → the portfolio report of the workspace
 * (rows, summary and the self-contained HTML page), for "PI: Portfolio report". It first checks the
 * workspace as `pisub/checkWorkspace` does (loads the given files, validates every .pisub document),
 * then builds one row per document from the same analysis the diagnostics come from, so the report,
 * the Problems panel and `pisub report` agree.
 */
import { URI, type LangiumSharedCoreServices } from 'langium';
import { CancellationToken, RequestType, type Connection } from 'vscode-languageserver';
import type { Severity } from '../rules/catalogue.js';
import type { PisubServices } from '../pisub-module.js';
import { buildPortfolio, portfolioRow, type PortfolioRow, type PortfolioSummary } from '../../report/portfolio.js';
import { renderHtml } from '../../report/render-html.js';
import { checkWorkspace } from './workspace-requests.js';

export interface PortfolioParams {
    /** Files to include besides the documents the server knows (the client's findFiles). */
    readonly uris?: readonly string[];
    /** Workspace folder URIs: paths in the report are shown relative to them. */
    readonly folders?: readonly string[];
    /** A date text for the page ("generated …"); none when omitted. */
    readonly generated?: string;
}

export interface PortfolioResult {
    readonly html: string;
    readonly rows: readonly PortfolioRow[];
    readonly summary: PortfolioSummary;
    readonly unreadable: readonly { readonly path: string; readonly message: string }[];
    /** An edit interrupted the check: some rows may be incomplete; ask again. */
    readonly interrupted: boolean;
}

export const PortfolioReportRequest = new RequestType<PortfolioParams, PortfolioResult, void>('pisub/portfolioReport');

const SEVERITY: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

/** The path shown for a document: relative to the first workspace folder that holds it. */
export function displayPath(uri: URI, folders: readonly string[]): string {
    const text = uri.toString();
    for (const folder of folders) {
        const base = folder.endsWith('/') ? folder : folder + '/';
        if (text.startsWith(base)) return decodeURIComponent(text.slice(base.length));
    }
    return uri.scheme === 'file' ? uri.fsPath : text;
}

export async function portfolioReport(
    shared: LangiumSharedCoreServices, params: PortfolioParams, token = CancellationToken.None
): Promise<PortfolioResult> {
    const checked = await checkWorkspace(shared, { uris: params?.uris }, token);
    const folders = (params?.folders ?? []).filter(f => typeof f === 'string');
    const registry = shared.ServiceRegistry;
    const rows = shared.workspace.LangiumDocuments.all
        .filter(doc => registry.hasServices(doc.uri))
        .map(doc => {
            const services = registry.getServices(doc.uri) as PisubServices;
            return portfolioRow({
                path: displayPath(doc.uri, folders),
                diagnostics: (doc.diagnostics ?? []).map(d => ({
                    code: String(d.code ?? 'submission/syntax'),
                    severity: SEVERITY[d.severity ?? 1],
                    message: typeof d.message === 'string' ? d.message : String(d.message),
                    offset: doc.textDocument.offsetAt(d.range.start)
                })),
                analysis: services.analysis.Cache.get(doc)
            });
        })
        .toArray();
    const unreadable = checked.unreadable.map(u => {
        let path = u.uri;
        try { path = displayPath(URI.parse(u.uri), folders); } catch { /* keep the text */ }
        return { path, message: u.reason };
    });
    const portfolio = buildPortfolio(rows, unreadable);
    return {
        html: renderHtml(portfolio, { generated: typeof params?.generated === 'string' ? params.generated : undefined }),
        rows: portfolio.rows,
        summary: portfolio.summary,
        unreadable: portfolio.unreadable,
        interrupted: checked.interrupted
    };
}

export function registerPortfolioRequest(connection: Connection, shared: LangiumSharedCoreServices): void {
    connection.onRequest(PortfolioReportRequest, (params, token) => portfolioReport(shared, params ?? {}, token));
}
