/**
 * "PI: Portfolio report": asks the language server for the workspace's portfolio report
 * (`pisub/portfolioReport`, src/report/portfolio-request.ts) and shows its self-contained HTML
 * in a webview: one row per submission, worst first, a score bar per practice, gate failures
 * highlighted with the rules' titles (codes link to docs/rules.md); a row's practice opens its file. No scripts run in the webview; the page can be saved as an HTML file to print or send.
 */
import * as vscode from 'vscode';
import { PortfolioReportRequest, type PortfolioResult } from '../protocol.js';
import type { CommandContext } from './commands.js';
import { PISUB_GLOB } from './pisub-files.js';

/** The command a row's link runs (`command:` URI in the webview) to open its file. */
export const OPEN_FILE_COMMAND = 'pisub.internal.openFile';

let panel: vscode.WebviewPanel | undefined;

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Builds the report of every .pisub file of the workspace and shows it; returns what the server sent. */
export async function portfolioReport(ctx: Pick<CommandContext, 'client'>): Promise<PortfolioResult | undefined> {
    const files = await vscode.workspace.findFiles(PISUB_GLOB, '**/{node_modules,.git}/**');
    const folders = (vscode.workspace.workspaceFolders ?? []).map(f => f.uri.toString());
    const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'PI: building the portfolio report' },
        () => ctx.client.request(PortfolioReportRequest, {
            uris: files.map(f => f.toString()), folders, generated: new Date().toISOString().slice(0, 10), openCommand: OPEN_FILE_COMMAND
        })
    );
    if (!result) {
        void vscode.window.showErrorMessage('The PI language server did not build the portfolio report. See the "PI (pisub)" output, or run "PI: Restart language server".');
        return undefined;
    }
    if (panel) {
        panel.reveal(vscode.ViewColumn.Active);
    } else {
        panel = vscode.window.createWebviewPanel('pisub.portfolioReport', 'PI portfolio report', vscode.ViewColumn.Active, {
            enableScripts: false, enableFindWidget: true, localResourceRoots: [],
            // Only the row links' "open this file" command; no script runs.
            enableCommandUris: [OPEN_FILE_COMMAND]
        });
        panel.onDidDispose(() => { panel = undefined; });
    }
    panel.webview.html = result.html;

    const s = result.summary;
    const interrupted = result.interrupted ? ' An edit interrupted the check; run the command again for complete results.' : '';
    const unreadable = result.unreadable.length ? ` ${plural(result.unreadable.length, 'file')} could not be read.` : '';
    // Not awaited: the message stays while the report is read; "Save as HTML…" is optional.
    void vscode.window.showInformationMessage(
        `PI portfolio: ${plural(s.submissions, 'submission')}, ${s.zero} scoring 0.${unreadable}${interrupted}`, 'Save as HTML…'
    ).then(choice => choice ? saveHtml(result.html) : undefined);
    return result;
}

/** Asks where to save the page (the dialog asks before replacing a file) and writes it. */
async function saveHtml(html: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
        title: 'Save the PI portfolio report',
        defaultUri: folder ? vscode.Uri.joinPath(folder, 'pi-portfolio-report.html') : undefined,
        filters: { 'HTML page': ['html'] }
    });
    if (!target) return;
    try {
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
        void vscode.window.showInformationMessage(`Saved the PI portfolio report to ${target.fsPath}.`);
    } catch (e) {
        void vscode.window.showErrorMessage(`Could not save the PI portfolio report: ${(e as Error)?.message ?? String(e)}`);
    }
}

/** Opens a file of the report (its URI as text) in an editor; the rule catalogue (a .md link with an anchor) in the Markdown preview. */
export async function openFile(uri: unknown): Promise<vscode.TextEditor | undefined> {
    if (typeof uri !== 'string') return undefined;
    try {
        const target = vscode.Uri.parse(uri, true);
        if (target.path.endsWith('.md')) {
            await vscode.commands.executeCommand('markdown.showPreviewToSide', target);
            return undefined;
        }
        return await vscode.window.showTextDocument(target, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    } catch (e) {
        void vscode.window.showErrorMessage(`Could not open ${uri}: ${(e as Error)?.message ?? String(e)}`);
        return undefined;
    }
}
