/**
 * "PI: Build audit binder": builds the audit binder (`pisub/auditBinder`, the same as `pisub audit`)
 * of the active .pisub file, or of every .pisub file of the workspace when none is active, into a
 * folder the user picks (default `audit-binders/` in the workspace). An existing binder is replaced
 * only after the user says so.
 */
import * as vscode from 'vscode';
import type { AuditBinderResult } from '../language/lsp/audit-request.js';
import type { CommandContext } from './commands.js';

export const AUDIT_REQUEST = 'pisub/auditBinder';

export async function buildAuditBinder(ctx: Pick<CommandContext, 'client'>, uriArg?: vscode.Uri, outputArg?: string): Promise<AuditBinderResult | undefined> {
    const active = vscode.window.activeTextEditor?.document;
    const files = uriArg ? [uriArg]
        : active?.languageId === 'pisub' && active.uri.scheme === 'file' ? [active.uri]
        : await vscode.workspace.findFiles('**/*.pisub', '**/{node_modules,.git}/**');
    if (files.length === 0) {
        void vscode.window.showInformationMessage('Open a .pisub file (or a workspace with .pisub files) to build its audit binder.');
        return undefined;
    }
    let output = outputArg;
    if (output === undefined) {
        const folder = vscode.workspace.getWorkspaceFolder(files[0])?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
        const picked = await vscode.window.showOpenDialog({
            title: 'PI: where should the audit binders go?', canSelectFolders: true, canSelectFiles: false, canSelectMany: false,
            defaultUri: folder, openLabel: 'Build binders here'
        });
        if (!picked?.[0]) return undefined;
        output = picked[0].fsPath;
    }
    const request = (force: boolean) => vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'PI: building the audit binder' },
        () => ctx.client.request<AuditBinderResult>(AUDIT_REQUEST, { uris: files.map(f => f.toString()), output, force })
    );
    let result = await request(false);
    if (!result) {
        void vscode.window.showErrorMessage('The PI language server did not build the audit binder. See the "PI (pisub)" output.');
        return undefined;
    }
    const existing = result.binders.filter(b => b.exists);
    if (existing.length > 0 && outputArg === undefined) {
        const replace = await vscode.window.showWarningMessage(
            `${existing.length} audit binder${existing.length === 1 ? '' : 's'} already exist${existing.length === 1 ? 's' : ''} in ${output}. Replace?`, { modal: true }, 'Replace');
        if (replace === 'Replace') result = await request(true) ?? result;
    }
    const built = result.binders.filter(b => b.dir);
    const missing = built.filter(b => (b.missing ?? 0) > 0);
    const problems = result.binders.filter(b => b.problem);
    const summary = `PI: built ${built.length} audit binder${built.length === 1 ? '' : 's'}` +
        (missing.length ? `; evidence missing in ${missing.length}` : built.length ? '; evidence complete' : '') +
        (problems.length ? `; ${problems.length} not built (${problems.map(p => p.problem).join('; ')})` : '') + '.';
    const show = missing.length || problems.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(summary, ...(built.length ? ['Open'] : [])).then(choice => {
        if (choice === 'Open' && built[0].dir) void vscode.env.openExternal(vscode.Uri.joinPath(vscode.Uri.file(built[0].dir), 'index.html'));
    });
    return result;
}
