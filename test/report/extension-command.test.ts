/**
 * "PI: Portfolio report" on the client side (src/extension/portfolio.ts) with a stand-in for the
 * `vscode` API: what it asks the server, the webview it shows (scripts off, the server's HTML),
 * reusing the panel, "Save as HTML…", and a server that does not answer. The server side is
 * tested in portfolio-request.test.ts and server-stdio.test.ts.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({
    panels: [] as { options: Record<string, unknown>; title: string; webview: { html: string }; revealed: number; dispose?: () => void }[],
    info: [] as { text: string; items: string[] }[],
    errors: [] as string[],
    written: [] as { path: string; text: string }[],
    infoAnswer: undefined as string | undefined,
    saveTo: undefined as { fsPath: string } | undefined
}));

vi.mock('vscode', () => {
    const uri = (s: string) => ({ toString: () => s, fsPath: s.replace(/^file:\/\//, ''), path: s });
    return {
        ProgressLocation: { Notification: 15 },
        ViewColumn: { Active: -1 },
        Uri: { joinPath: (base: { toString(): string }, name: string) => uri(`${base.toString()}/${name}`) },
        workspace: {
            workspaceFolders: [{ uri: uri('file:///clients') }],
            findFiles: async () => [uri('file:///clients/a.pisub'), uri('file:///clients/b.pisub')],
            fs: { writeFile: async (target: { fsPath: string }, bytes: Uint8Array) => { calls.written.push({ path: target.fsPath, text: new TextDecoder().decode(bytes) }); } }
        },
        window: {
            withProgress: async (_o: unknown, task: () => Promise<unknown>) => task(),
            createWebviewPanel: (_type: string, title: string, _column: number, options: Record<string, unknown>) => {
                const panel: (typeof calls.panels)[number] & { reveal(): void; onDidDispose(f: () => void): void } = {
                    options, title, webview: { html: '' }, revealed: 0,
                    reveal() { panel.revealed++; },
                    onDidDispose(f: () => void) { panel.dispose = f; }
                };
                calls.panels.push(panel);
                return panel;
            },
            showInformationMessage: async (text: string, ...items: string[]) => { calls.info.push({ text, items }); return calls.infoAnswer; },
            showErrorMessage: async (text: string) => { calls.errors.push(text); return undefined; },
            showSaveDialog: async () => calls.saveTo
        }
    };
});

import { portfolioReport } from '../../src/extension/portfolio.js';
import { PortfolioReportRequest } from '../../src/protocol.js';

const RESULT = {
    html: '<!DOCTYPE html><html><body>report</body></html>',
    rows: [], unreadable: [], interrupted: false,
    summary: { submissions: 2, zero: 1, errors: 3, warnings: 0, averageScore: 90 }
};

function client(answer: unknown) {
    const requests: { method: string; params: Record<string, unknown> }[] = [];
    return { requests, client: { request: async (type: { method: string }, params: Record<string, unknown>) => { requests.push({ method: type.method, params }); return answer; } } };
}

const tick = () => new Promise(r => setTimeout(r, 0));

beforeEach(() => {
    // A closed panel: the next command opens a new one.
    calls.panels.at(-1)?.dispose?.();
    calls.panels.length = 0; calls.info.length = 0; calls.errors.length = 0; calls.written.length = 0;
    calls.infoAnswer = undefined; calls.saveTo = undefined;
});

describe('PI: Portfolio report (client)', () => {
    it('asks the server about the workspace\'s .pisub files and shows its HTML in a script-less webview', async () => {
        const { client: c, requests } = client(RESULT);
        const result = await portfolioReport({ client: c as never });
        expect(result).toBe(RESULT);
        expect(requests).toHaveLength(1);
        // The method the server registers (src/server/main.ts, from the shared src/protocol.ts).
        expect(requests[0].method).toBe(PortfolioReportRequest.method);
        expect(PortfolioReportRequest.method).toBe('pisub/portfolioReport');
        expect(requests[0].params.uris).toEqual(['file:///clients/a.pisub', 'file:///clients/b.pisub']);
        expect(requests[0].params.folders).toEqual(['file:///clients']);
        expect(requests[0].params.generated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(calls.panels).toHaveLength(1);
        expect(calls.panels[0].title).toBe('PI portfolio report');
        expect(calls.panels[0].options).toMatchObject({ enableScripts: false, localResourceRoots: [] });
        expect(calls.panels[0].webview.html).toBe(RESULT.html);
        expect(calls.info[0]).toEqual({ text: 'PI portfolio: 2 submissions, 1 scoring 0.', items: ['Save as HTML…'] });
    });

    it('reuses the open panel', async () => {
        const { client: c } = client(RESULT);
        await portfolioReport({ client: c as never });
        await portfolioReport({ client: c as never });
        expect(calls.panels).toHaveLength(1);
        expect(calls.panels[0].revealed).toBe(1);
    });

    it('saves the page where the user says', async () => {
        calls.infoAnswer = 'Save as HTML…';
        calls.saveTo = { fsPath: '/clients/pi-portfolio-report.html' };
        const { client: c } = client(RESULT);
        await portfolioReport({ client: c as never });
        await tick(); await tick();
        expect(calls.written).toEqual([{ path: '/clients/pi-portfolio-report.html', text: RESULT.html }]);
    });

    it('writes nothing when the save dialog is cancelled', async () => {
        calls.infoAnswer = 'Save as HTML…';
        const { client: c } = client(RESULT);
        await portfolioReport({ client: c as never });
        await tick(); await tick();
        expect(calls.written).toEqual([]);
    });

    it('says what to do when the server does not answer, and shows no panel', async () => {
        const { client: c } = client(undefined);
        expect(await portfolioReport({ client: c as never })).toBeUndefined();
        expect(calls.panels).toEqual([]);
        expect(calls.errors[0]).toMatch(/did not build the portfolio report.*Restart language server/);
    });

    it('tells about unreadable files and an interrupted check', async () => {
        const { client: c } = client({ ...RESULT, interrupted: true, unreadable: [{ path: 'x.pisub', message: 'gone' }] });
        await portfolioReport({ client: c as never });
        expect(calls.info[0].text).toBe('PI portfolio: 2 submissions, 1 scoring 0. 1 file could not be read. An edit interrupted the check; run the command again for complete results.');
    });
});
