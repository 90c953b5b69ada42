/**
 * The extension's commands, as one table (id → handler). Each command is also declared in
 * package.json (contributes.commands), except the internal ones used by the e2e tests.
 */
import * as vscode from 'vscode';
import type { ScoreResponse } from '../language/lsp/score-request.js';
import type {
    CheckWorkspaceResult, SubmissionTemplateResult, TemplateOptions
} from '../language/lsp/workspace-requests.js';
import type { PisubClient } from './client.js';
import { portfolioReport } from './portfolio.js';
import { buildAuditBinder } from './audit.js';
import { breakdownMarkdown } from './score-format.js';
import { readSettings } from './settings.js';
import { SCORE_REQUEST, type ScoreStatusBar } from './status-bar.js';

export interface CommandContext {
    readonly client: PisubClient;
    readonly statusBar: ScoreStatusBar;
    readonly breakdowns: BreakdownDocuments;
}

export interface CommandEntry {
    readonly id: string;
    readonly run: (...args: unknown[]) => unknown;
}

export function commandTable(ctx: CommandContext): CommandEntry[] {
    return [
        { id: 'pisub.restartServer', run: () => ctx.client.restart() },
        { id: 'pisub.showScoreBreakdown', run: (uri?: unknown) => showScoreBreakdown(ctx, uri instanceof vscode.Uri ? uri : undefined) },
        { id: 'pisub.newSubmission', run: (year?: unknown, kind?: unknown) => newSubmission(ctx, year, kind) },
        { id: 'pisub.checkWorkspace', run: () => checkWorkspace(ctx) },
        { id: 'pisub.portfolioReport', run: () => portfolioReport(ctx) },
        { id: 'pisub.buildAuditBinder', run: (uri?: unknown, output?: unknown) => buildAuditBinder(ctx, uri instanceof vscode.Uri ? uri : undefined, typeof output === 'string' ? output : undefined) },
        // Internal, for the e2e tests: the status bar text (undefined while hidden).
        { id: 'pisub.internal.statusText', run: () => ctx.statusBar.refresh() }
    ];
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
    return commandTable(ctx).map(c => vscode.commands.registerCommand(c.id, c.run));
}

function activePisubUri(): vscode.Uri | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    return doc?.languageId === 'pisub' ? doc.uri : undefined;
}

/**
 * Read-only Markdown documents for the score breakdown (scheme `pisub-breakdown`), shown with the
 * built-in Markdown preview. Read-only: nothing to save, no prompt on close.
 */
export class BreakdownDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
    static readonly scheme = 'pisub-breakdown';
    private readonly contents = new Map<string, string>();
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;
    private readonly registration = vscode.workspace.registerTextDocumentContentProvider(BreakdownDocuments.scheme, this);

    set(source: vscode.Uri, markdown: string): vscode.Uri {
        const name = source.path.split('/').pop() ?? 'submission';
        const uri = vscode.Uri.from({ scheme: BreakdownDocuments.scheme, path: `/PI score — ${name}.md`, query: source.toString() });
        this.contents.set(uri.toString(), markdown);
        this.changed.fire(uri);
        return uri;
    }

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.contents.get(uri.toString()) ?? 'Run "PI: Show score breakdown" again to refresh this breakdown.';
    }

    dispose(): void {
        this.registration.dispose();
        this.changed.dispose();
    }
}

/** Shows the breakdown of `uri` (default: the active .pisub editor); returns its Markdown. */
async function showScoreBreakdown(ctx: CommandContext, uri = activePisubUri()): Promise<string | undefined> {
    if (!uri) {
        void vscode.window.showInformationMessage('Open a .pisub file to see its PI score breakdown.');
        return undefined;
    }
    const score = await ctx.client.request<ScoreResponse | null>(SCORE_REQUEST, { uri: uri.toString() });
    if (!score) {
        void vscode.window.showWarningMessage('The PI language server has no score for this file yet. Try again in a moment.');
        return undefined;
    }
    const markdown = breakdownMarkdown(score, uri.path.split('/').pop() ?? uri.toString());
    const doc = ctx.breakdowns.set(uri, markdown);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', doc);
    return markdown;
}

/**
 * Asks the performance year and entity kind (unless given, as the tests do), then opens an untitled
 * .pisub editor with the year's template as a snippet: Tab moves between the placeholders.
 */
async function newSubmission(ctx: CommandContext, yearArg?: unknown, kindArg?: unknown): Promise<vscode.TextDocument | undefined> {
    const options = await ctx.client.request<TemplateOptions>('pisub/templateOptions');
    if (!options) {
        void vscode.window.showErrorMessage('The PI language server is not running, so no template is available. Run "PI: Restart language server".');
        return undefined;
    }
    let year = typeof yearArg === 'number' ? yearArg : undefined;
    if (year === undefined) {
        const preferred = readSettings().defaultPerformanceYear;
        // Default: the current calendar year, the one practices are collecting data for (else the latest pisub knows).
        const current = new Date().getFullYear();
        const fallback = options.years.includes(current) ? current : options.years[options.years.length - 1];
        const first = preferred !== undefined && options.years.includes(preferred) ? preferred : fallback;
        const items = [first, ...[...options.years].reverse().filter(y => y !== first)].map(y => ({
            label: String(y), description: y === preferred ? 'default (pisub.defaultPerformanceYear)' : undefined
        }));
        const picked = await vscode.window.showQuickPick(items, { title: 'New PI submission: performance year', placeHolder: 'Performance year' });
        if (!picked) return undefined;
        year = Number(picked.label);
    }
    let kind = typeof kindArg === 'string' ? kindArg : undefined;
    if (kind === undefined) {
        const picked = await vscode.window.showQuickPick(options.entityKinds.map(k => ({ label: k })), {
            title: `New PI submission ${year}: who submits?`, placeHolder: 'Entity kind'
        });
        if (!picked) return undefined;
        kind = picked.label;
    }
    const template = await ctx.client.request<SubmissionTemplateResult>('pisub/submissionTemplate', { year, entityKind: kind });
    if (!template || 'problem' in template) {
        void vscode.window.showErrorMessage(`No template for a ${kind} submission in ${year}: ${template && 'problem' in template ? template.problem : 'the language server did not answer.'}`);
        return undefined;
    }
    const document = await vscode.workspace.openTextDocument({ language: 'pisub', content: '' });
    const editor = await vscode.window.showTextDocument(document);
    await editor.insertSnippet(new vscode.SnippetString(template.snippet), new vscode.Position(0, 0));
    return document;
}

/** Builds and validates every .pisub file of the workspace, so all of them appear in the Problems panel. */
async function checkWorkspace(ctx: CommandContext): Promise<CheckWorkspaceResult | undefined> {
    const files = await vscode.workspace.findFiles('**/*.pisub', '**/{node_modules,.git}/**');
    const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'PI: checking the workspace' },
        () => ctx.client.request<CheckWorkspaceResult>('pisub/checkWorkspace', { uris: files.map(f => f.toString()) })
    );
    if (!result) {
        void vscode.window.showErrorMessage('The PI language server did not check the workspace. See the "PI (pisub)" output.');
        return undefined;
    }
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const unreadable = result.unreadable.length ? ` ${result.unreadable.length} could not be read: ${result.unreadable.map(u => u.uri).join(', ')}.` : '';
    const interrupted = result.interrupted ? ' An edit interrupted the check; run it again for complete results.' : '';
    void vscode.window.showInformationMessage(
        `PI: checked ${result.files} .pisub file${result.files === 1 ? '' : 's'}: ${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}.${unreadable}${interrupted}`
    );
    return result;
}
