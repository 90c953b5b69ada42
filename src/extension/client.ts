/**
 * One object owns the language client's lifecycle: start, stop, restart, and the requests the
 * commands send. The server is the bundled out/language/main.cjs, started over IPC; the client
 * id `pisub` makes vscode-languageclient honour the `pisub.trace.server` setting.
 */
import * as vscode from 'vscode';
import {
    CloseAction, CodeLensRequest, ErrorAction, InlayHintRequest, LanguageClient, SemanticTokensRegistrationType, State, TransportKind,
    type ErrorHandler, type LanguageClientOptions, type ServerOptions
} from 'vscode-languageclient/node';
import { PISUB_GLOB } from './pisub-files.js';
import { featureEnabled, SECTION, settingsSnapshot } from './settings.js';
import type { Request } from '../protocol.js';

export type ServerHealth = 'starting' | 'running' | 'stopped';


export class PisubClient implements vscode.Disposable {
    readonly output: vscode.LogOutputChannel;
    private client: LanguageClient | undefined;
    private readonly healthEmitter = new vscode.EventEmitter<ServerHealth>();
    /** Fires when the server starts, runs or stops (the status bar shows it). */
    readonly onDidChangeHealth = this.healthEmitter.event;

    private readonly configListener: vscode.Disposable;
    /** Tells the server about .pisub files created, changed or deleted on disk (one watcher for every restart). */
    private readonly watcher = vscode.workspace.createFileSystemWatcher(PISUB_GLOB);

    constructor(private readonly context: vscode.ExtensionContext) {
        this.output = vscode.window.createOutputChannel('PI (pisub)', { log: true });
        // VS Code asks again for hovers and completions each time, but keeps inlay hints, code lenses and
        // semantic tokens until the text changes: tell it they changed, so it redraws with the new switches.
        this.configListener = vscode.workspace.onDidChangeConfiguration(e => {
            if (['inlayHints', 'codeLens', 'semanticTokens'].some(f => e.affectsConfiguration(`${SECTION}.${f}.enabled`))) this.redraw();
        });
    }

    get health(): ServerHealth {
        if (!this.client) return 'stopped';
        return this.client.state === State.Running ? 'running' : this.client.state === State.Starting ? 'starting' : 'stopped';
    }

    /**
     * Start, stop and restart run one after the other (a restart while a start is under way would
     * otherwise stop a client that is still starting).
     */
    private lifecycle: Promise<unknown> = Promise.resolve();
    /** Why the last start failed; requests do not retry until "PI: Restart language server". */
    private failure: string | undefined;

    private enqueue<T>(operation: () => Promise<T>): Promise<T> {
        const result = this.lifecycle.then(operation, operation);
        this.lifecycle = result.catch(() => undefined);
        return result;
    }

    /** Starts the server unless it runs; concurrent callers share the queue. */
    start(): Promise<void> {
        return this.enqueue(() => this.startNow());
    }

    stop(): Promise<void> {
        return this.enqueue(() => this.stopNow());
    }

    restart(): Promise<void> {
        return this.enqueue(async () => {
            this.output.info('Restarting the PI language server.');
            this.failure = undefined;
            await this.stopNow();
            await this.startNow();
        });
    }

    private async startNow(): Promise<void> {
        if (this.client) return;
        const module = this.context.asAbsolutePath('out/language/main.cjs');
        const serverOptions: ServerOptions = {
            run: { module, transport: TransportKind.ipc },
            debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
        };
        const clientOptions: LanguageClientOptions = {
            documentSelector: [{ language: 'pisub' }], // files, untitled editors and any other scheme
            synchronize: { fileEvents: this.watcher },
            initializationOptions: { settings: settingsSnapshot() },
            outputChannel: this.output,
            errorHandler: this.errorHandler(),
            middleware: {
                // The feature switches: a disabled feature does not ask the server at all.
                provideHover: (doc, pos, token, next) => (featureEnabled('hover') ? next(doc, pos, token) : undefined),
                provideCompletionItem: (doc, pos, ctx, token, next) => (featureEnabled('completion') ? next(doc, pos, ctx, token) : undefined),
                provideInlayHints: (doc, range, token, next) => (featureEnabled('inlayHints') ? next(doc, range, token) : []),
                provideCodeLenses: (doc, token, next) => (featureEnabled('codeLens') ? next(doc, token) : []),
                provideDocumentSemanticTokens: (doc, token, next) => (featureEnabled('semanticTokens') ? next(doc, token) : undefined),
                provideDocumentSemanticTokensEdits: (doc, previous, token, next) => (featureEnabled('semanticTokens') ? next(doc, previous, token) : undefined),
                provideDocumentRangeSemanticTokens: (doc, range, token, next) => (featureEnabled('semanticTokens') ? next(doc, range, token) : undefined)
            }
        };
        const client = new LanguageClient('pisub', 'PI language server', serverOptions, clientOptions);
        client.onDidChangeState(() => this.healthEmitter.fire(this.health));
        this.client = client;
        this.healthEmitter.fire('starting');
        try {
            await client.start();
            this.output.info(`PI language server started (${module}).`);
        } catch (e) {
            this.client = undefined;
            await client.dispose().catch(() => undefined);
            this.failure = e instanceof Error ? e.message : String(e);
            this.output.error(`The PI language server did not start: ${this.failure}`);
            void vscode.window.showErrorMessage('The PI language server did not start. See the "PI (pisub)" output; "PI: Restart language server" tries again.');
            this.healthEmitter.fire('stopped');
            throw e;
        }
    }

    private async stopNow(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        if (client) {
            try {
                await client.dispose(); // stops the server and unregisters the client's features
            } catch (e) {
                this.output.warn(`Stopping the PI language server: ${e instanceof Error ? e.message : String(e)}`);
            }
        }
        this.healthEmitter.fire('stopped');
    }

    /**
     * If the server process ends unexpectedly it is restarted quietly (a line in the output), up to 4
     * times in 3 minutes; after that it stays stopped and a notification says so in plain words,
     * with a Restart button (the status bar reads "PI: checker stopped, click to restart" meanwhile).
     */
    /** How many times the server process ended unexpectedly since the extension started. */
    crashes = 0;

    private errorHandler(): ErrorHandler {
        const crashes: number[] = [];
        return {
            error: () => ({ action: ErrorAction.Continue, handled: true }),
            closed: () => {
                this.crashes++;
                const now = Date.now();
                crashes.push(now);
                while (crashes.length > 0 && now - crashes[0] > 3 * 60_000) crashes.shift();
                if (crashes.length <= 4) {
                    this.output.warn(`The PI language server stopped unexpectedly; restarting it (${crashes.length} of 4 in 3 minutes).`);
                    return { action: CloseAction.Restart, handled: true };
                }
                this.output.error('The PI language server stopped 5 times in 3 minutes; it is not restarted automatically.');
                void vscode.window.showErrorMessage(
                    'The PI checker stopped working: problems and scores of .pisub files are not updated until it is restarted. The "PI (pisub)" output says what happened.',
                    'Restart'
                ).then(choice => { if (choice === 'Restart') void this.restart(); });
                return { action: CloseAction.DoNotRestart, handled: true };
            }
        };
    }

    /** Makes VS Code ask again for the inlay hints, code lenses and semantic tokens of the open .pisub files. */
    private redraw(): void {
        const client = this.client;
        if (!client || client.state !== State.Running) return;
        for (const document of vscode.workspace.textDocuments.filter(d => d.languageId === 'pisub')) {
            client.getFeature(InlayHintRequest.method).getProvider(document)?.onDidChangeInlayHints.fire();
            client.getFeature(CodeLensRequest.method).getProvider(document)?.onDidChangeCodeLensEmitter.fire();
            client.getFeature(SemanticTokensRegistrationType.method).getProvider(document)?.onDidChangeSemanticTokensEmitter.fire();
        }
    }

    /** Sends a request of the protocol (src/protocol.ts) once the server runs; undefined when it cannot (the caller shows why). */
    async request<P, R>(type: Request<P, R>, params?: P): Promise<R | undefined> {
        const method = type.method;
        if (this.failure) return undefined;
        try {
            await this.start();
        } catch {
            return undefined;
        }
        const client = this.client;
        if (!client || client.state !== State.Running) return undefined;
        try {
            return await (params === undefined ? client.sendRequest<R>(method) : client.sendRequest<R>(method, params));
        } catch (e) {
            this.output.warn(`${method} failed: ${e instanceof Error ? e.message : String(e)}`);
            return undefined;
        }
    }

    dispose(): void {
        this.configListener.dispose();
        void this.stop().finally(() => this.watcher.dispose());
        this.healthEmitter.dispose();
        this.output.dispose();
    }
}
