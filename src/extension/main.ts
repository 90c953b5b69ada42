/**
 * The VS Code extension (bundled to out/extension/main.cjs): starts the PI language server, shows
 * the score in the status bar and registers the commands. Activated by opening a .pisub file
 * (onLanguage:pisub) or by running one of its commands.
 */
// No polyfills import: unlike the server, this bundle has no chevrotain/Langium, and the extension
// host is shared with other extensions.
import * as vscode from 'vscode';
import { PisubClient } from './client.js';
import { BreakdownDocuments, registerCommands } from './commands.js';
import { ScoreStatusBar } from './status-bar.js';

let client: PisubClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    client = new PisubClient(context);
    const statusBar = new ScoreStatusBar(client);
    const breakdowns = new BreakdownDocuments();
    context.subscriptions.push(client, statusBar, breakdowns, ...registerCommands({ client, statusBar, breakdowns }));
    try {
        await client.start();
    } catch {
        // Reported in the output channel and a message; "PI: Restart language server" tries again.
    }
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
