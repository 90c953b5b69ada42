/**
 * One object owns the language client's lifecycle: start, stop, restart, and the requests the
 * commands send. The server is the bundled out/language/main.cjs, started over IPC; the client
 * id `pisub` makes vscode-languageclient honour the `pisub.trace.server` setting.
 */
import * as vscode from 'vscode';
import {
    LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions
} from 'vscode-languageclient/node';
import { settingsSnapshot } from './settings.js';

export type ServerHealth = 'starting' | 'running' | 'stopped';

export class PisubClient implements vscode.Disposable {
    readonly output: vscode.LogOutputChannel;
    private client: LanguageClient | undefined;
    private starting: Promise<void> | undefined;
    private readonly healthEmitter = new vscode.EventEmitter<ServerHealth>();
    /** Fires when the server starts, runs or stops (the status bar shows it). */
    readonly onDidChangeHealth = this.healthEmitter.event;

    constructor(private readonly context: vscode.ExtensionContext) {
        this.output = vscode.window.createOutputChannel('PI (pisub)', { log: true });
    }

    get health(): ServerHealth {
        if (!this.client) return 'stopped';
        return this.client.state === State.Running ? 'running' : this.client.state === State.Starting ? 'starting' : 'stopped';
    }

    /** Starts the server once; concurrent callers wait for the same start. */
    start(): Promise<void> {
        this.starting ??= this.doStart().catch(e => {
            this.starting = undefined;
            this.output.error(`The PI language server did not start: ${e instanceof Error ? e.message : String(e)}`);
            void vscode.window.showErrorMessage('The PI language server did not start. See the "PI (pisub)" output for details.');
            throw e;
        });
        return this.starting;
    }

    private async doStart(): Promise<void> {
        const module = this.context.asAbsolutePath('out/language/main.cjs');
        const serverOptions: ServerOptions = {
            run: { module, transport: TransportKind.ipc },
            debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
        };
        const clientOptions: LanguageClientOptions = {
            documentSelector: [{ language: 'pisub' }], // files, untitled editors and any other scheme
            synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.pisub') },
            initializationOptions: { settings: settingsSnapshot() },
            outputChannel: this.output
        };
        const client = new LanguageClient('pisub', 'PI language server', serverOptions, clientOptions);
        client.onDidChangeState(() => this.healthEmitter.fire(this.health));
        this.client = client;
        this.healthEmitter.fire('starting');
        await client.start();
        this.output.info(`PI language server started (${module}).`);
    }

    async stop(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        this.starting = undefined;
        if (client) {
            try {
                await client.stop();
            } catch (e) {
                this.output.warn(`Stopping the PI language server: ${e instanceof Error ? e.message : String(e)}`);
            }
            await client.dispose().catch(() => undefined);
        }
        this.healthEmitter.fire('stopped');
    }

    async restart(): Promise<void> {
        this.output.info('Restarting the PI language server.');
        await this.stop();
        await this.start();
    }

    /** Sends a request once the server runs; undefined when it cannot (the caller shows why). */
    async request<R>(method: string, params?: unknown): Promise<R | undefined> {
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
        void this.stop();
        this.healthEmitter.dispose();
        this.output.dispose();
    }
}
