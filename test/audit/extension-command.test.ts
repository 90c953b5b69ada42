/**
 * "PI: Build audit binder" on the client side (src/extension/audit.ts) with a stand-in for the
 * `vscode` API: which files it asks about (the active .pisub file, else the workspace's), the folder
 * the user picks, asking before replacing, and the summary. The server side (`pisub/auditBinder`) is
 * tested against the real server in evidence-lsp.test.ts.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({
    active: undefined as { languageId: string; uri: { scheme: string; toString(): string; fsPath: string } } | undefined,
    picked: undefined as { fsPath: string }[] | undefined,
    warnings: [] as { text: string; items: unknown[] }[],
    infos: [] as { text: string; items: unknown[] }[],
    warningAnswer: undefined as string | undefined,
    opened: [] as string[]
}));

vi.mock('vscode', () => {
    const uri = (s: string) => ({ scheme: 'file', toString: () => s, fsPath: s.replace(/^file:\/\//, ''), path: s });
    return {
        ProgressLocation: { Notification: 15 },
        Uri: { file: (p: string) => uri(`file://${p}`), joinPath: (base: { toString(): string }, name: string) => uri(`${base.toString()}/${name}`) },
        env: { openExternal: async (u: { toString(): string }) => { state.opened.push(u.toString()); return true; } },
        workspace: {
            workspaceFolders: [{ uri: uri('file:///clients') }],
            getWorkspaceFolder: () => ({ uri: uri('file:///clients') }),
            findFiles: async () => [uri('file:///clients/a.pisub'), uri('file:///clients/b.pisub')]
        },
        window: {
            get activeTextEditor() { return state.active ? { document: state.active } : undefined; },
            withProgress: async (_o: unknown, task: () => Promise<unknown>) => task(),
            showOpenDialog: async () => state.picked,
            showWarningMessage: async (text: string, ...items: unknown[]) => { state.warnings.push({ text, items }); return state.warningAnswer; },
            showInformationMessage: async (text: string, ...items: unknown[]) => { state.infos.push({ text, items }); return undefined; },
            showErrorMessage: async () => undefined
        }
    };
});

import { buildAuditBinder } from '../../src/extension/audit.js';

function client(answers: unknown[]) {
    const requests: { method: string; params: { uris: string[]; output: string; force: boolean } }[] = [];
    return { requests, client: { request: async (type: string | { method: string }, params: never) => { requests.push({ method: typeof type === 'string' ? type : type.method, params }); return answers.shift(); } } };
}

beforeEach(() => {
    state.active = undefined; state.picked = undefined; state.warningAnswer = undefined;
    state.warnings.length = 0; state.infos.length = 0; state.opened.length = 0;
});

describe('PI: Build audit binder (client)', () => {
    it('builds the active .pisub file\'s binder into the folder the user picks', async () => {
        state.active = { languageId: 'pisub', uri: { scheme: 'file', toString: () => 'file:///clients/a.pisub', fsPath: '/clients/a.pisub' } };
        state.picked = [{ fsPath: '/clients/binders' }];
        const { client: c, requests } = client([{ binders: [{ uri: 'file:///clients/a.pisub', dir: '/clients/binders/a-2024', missing: 0 }] }]);
        const result = await buildAuditBinder({ client: c as never });
        expect(requests).toEqual([{ method: 'pisub/auditBinder', params: { uris: ['file:///clients/a.pisub'], output: '/clients/binders', force: false } }]);
        expect(result?.binders[0].dir).toBe('/clients/binders/a-2024');
        expect(state.infos[0].text).toBe('PI: built 1 audit binder; evidence complete.');
        expect(state.infos[0].items).toEqual(['Open']);
    });

    it('without an active .pisub file, builds the workspace\'s; asks before replacing and replaces only on "Replace"', async () => {
        state.picked = [{ fsPath: '/out' }];
        state.warningAnswer = 'Replace';
        const exists = { binders: [{ uri: 'file:///clients/a.pisub', exists: true, problem: 'exists' }, { uri: 'file:///clients/b.pisub', dir: '/out/b', missing: 2 }] };
        const replaced = { binders: [{ uri: 'file:///clients/a.pisub', dir: '/out/a', missing: 0 }, { uri: 'file:///clients/b.pisub', dir: '/out/b', missing: 2 }] };
        const { client: c, requests } = client([exists, replaced]);
        await buildAuditBinder({ client: c as never });
        expect(requests.map(r => [r.params.uris.length, r.params.force])).toEqual([[2, false], [2, true]]);
        expect(state.warnings[0].text).toBe('1 audit binder already exists in /out. Replace?');
        expect(state.warnings[1].text).toBe('PI: built 2 audit binders; evidence missing in 1.');
    });

    it('does nothing when the user cancels the folder dialog', async () => {
        const { client: c, requests } = client([]);
        expect(await buildAuditBinder({ client: c as never })).toBeUndefined();
        expect(requests).toEqual([]);
    });
});
