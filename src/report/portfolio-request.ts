/**
 * The answer to `pisub/portfolioReport` {uris?, folders?} (src/protocol.ts) → the portfolio report of the workspace
 * (rows, summary and the self-contained HTML page), for "PI: Portfolio report". It first checks the
 * workspace as `pisub/checkWorkspace` does (loads the given files, validates every .pisub document),
 * then builds one row per document from the same analysis the diagnostics come from, so the report,
 * the Problems panel and `pisub report` agree.
 */
import { URI, type LangiumSharedCoreServices } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { severityOfLsp } from '../language/rules/catalogue.js';
import type { PisubServices } from '../language/pisub-module.js';
import { buildPortfolio, portfolioRow, type PortfolioRow, type PortfolioSummary } from './portfolio.js';
import { renderHtml } from './render-html.js';
import { checkWorkspace } from '../language/lsp/workspace-requests.js';
import { ruleDocsHref } from '../language/rules/docs-links.js';

export interface PortfolioParams {
    /** Files to include besides the documents the server knows (the client's findFiles). */
    readonly uris?: readonly string[];
    /** Workspace folder URIs: paths in the report are shown relative to them. */
    readonly folders?: readonly string[];
    /** A date text for the page ("generated …"); none when omitted. */
    readonly generated?: string;
    /**
     * A client command that opens a file given its URI (VS Code: `vscode.open`): each row's practice
     * links to `command:<openCommand>?[uri]`. No links when omitted.
     */
    readonly openCommand?: string;
}

export interface PortfolioResult {
    readonly html: string;
    readonly rows: readonly PortfolioRow[];
    readonly summary: PortfolioSummary;
    readonly unreadable: readonly { readonly path: string; readonly message: string }[];
    /** An edit interrupted the check: some rows may be incomplete; ask again. */
    readonly interrupted: boolean;
}


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
    const uriOfPath = new Map<string, string>();
    let docsBase: string | undefined;
    const rows = shared.workspace.LangiumDocuments.all
        .filter(doc => registry.hasServices(doc.uri))
        .map(doc => {
            const services = registry.getServices(doc.uri) as PisubServices;
            docsBase ??= services.analysis.docsBase;
            const path = displayPath(doc.uri, folders);
            uriOfPath.set(path, doc.uri.toString());
            return portfolioRow({
                path,
                diagnostics: (doc.diagnostics ?? []).map(d => ({
                    code: String(d.code ?? 'submission/syntax'),
                    severity: severityOfLsp(d.severity),
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
    const command = params?.openCommand;
    const open = typeof command === 'string' && /^[\w.-]+$/.test(command)
        ? (uri: string) => `command:${command}?${encodeURIComponent(JSON.stringify([uri]))}` : undefined;
    return {
        html: renderHtml(portfolio, {
            generated: typeof params?.generated === 'string' ? params.generated : undefined,
            fileLink: open ? row => { const uri = uriOfPath.get(row.path); return uri ? open(uri) : undefined; } : undefined,
            // The installed rule catalogue, opened by the same command (the page links to nothing outside the editor).
            ruleLink: open && docsBase ? code => open(ruleDocsHref(code, docsBase)) : undefined
        }),
        rows: portfolio.rows,
        summary: portfolio.summary,
        unreadable: portfolio.unreadable,
        interrupted: checked.interrupted
    };
}
