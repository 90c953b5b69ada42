/**
 * The status bar item: the active .pisub file's estimated PI score ("PI: 96", or "PI: 0 — why" when
 * a gate zeroes the category), refreshed when the file's diagnostics change (every build publishes
 * them) and, as a fallback, shortly after each edit. Clicking it opens the score breakdown.
 */
import * as vscode from 'vscode';
import { ScoreRequest } from '../protocol.js';
import type { PisubClient } from './client.js';
import { statusText, statusTooltip } from './score-format.js';
import { readSettings, SECTION } from './settings.js';


export class ScoreStatusBar implements vscode.Disposable {
    private readonly item: vscode.StatusBarItem;
    private readonly disposables: vscode.Disposable[] = [];
    private timer: ReturnType<typeof setTimeout> | undefined;
    private generation = 0;
    private retries = 0;
    /** The text shown, or undefined while hidden (`refresh()` returns it: the e2e tests' `pisub.internal.statusText`). */
    private shown: string | undefined;

    constructor(private readonly client: PisubClient) {
        this.item = vscode.window.createStatusBarItem('pisub.score', vscode.StatusBarAlignment.Left, 10);
        this.item.name = 'PI score';
        this.disposables.push(
            this.item,
            vscode.window.onDidChangeActiveTextEditor(() => { this.retries = 0; this.refreshSoon(0); }),
            vscode.languages.onDidChangeDiagnostics(e => {
                const uri = this.activeUri();
                if (uri && e.uris.some(u => u.toString() === uri.toString())) this.refreshSoon(0);
            }),
            vscode.workspace.onDidChangeTextDocument(e => {
                if (e.document.uri.toString() === this.activeUri()?.toString()) this.refreshSoon(400);
            }),
            vscode.workspace.onDidChangeConfiguration(e => {
                if (e.affectsConfiguration(`${SECTION}.statusBar`)) this.refreshSoon(0);
            }),
            client.onDidChangeHealth(() => this.refreshSoon(0))
        );
        this.refreshSoon(0);
    }

    private activeUri(): vscode.Uri | undefined {
        const doc = vscode.window.activeTextEditor?.document;
        return doc?.languageId === 'pisub' ? doc.uri : undefined;
    }

    refreshSoon(delayMs: number): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), delayMs);
    }

    async refresh(): Promise<string | undefined> {
        const generation = ++this.generation;
        const uri = this.activeUri();
        if (!uri || !readSettings().statusBarEnabled) return this.hide();
        if (this.client.health === 'stopped') {
            return this.show('$(error) PI: checker stopped, click to restart', 'The PI checker (language server) is not running: problems and scores of .pisub files are not updated. Click to restart it.', 'pisub.restartServer');
        }
        const score = await this.client.request(ScoreRequest, { uri: uri.toString() });
        if (generation !== this.generation) return this.shown; // a newer refresh is on its way
        if (!score) {
            // Not built yet (just opened, or the server is starting): say so rather than show another file's score.
            if (this.retries++ < 20) this.refreshSoon(500);
            return this.show('$(sync~spin) PI', 'Computing the estimated PI score…', 'pisub.showScoreBreakdown');
        }
        this.retries = 0;
        return this.show(statusText(score), statusTooltip(score), 'pisub.showScoreBreakdown', score.zero);
    }

    private show(text: string, tooltip: string, command: string, warn = false): string {
        this.item.text = text;
        this.item.tooltip = tooltip;
        this.item.command = command;
        this.item.backgroundColor = warn ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
        this.item.show();
        this.shown = text;
        return text;
    }

    private hide(): undefined {
        this.item.hide();
        this.shown = undefined;
        return undefined;
    }

    dispose(): void {
        if (this.timer) clearTimeout(this.timer);
        for (const d of this.disposables) d.dispose();
    }
}
