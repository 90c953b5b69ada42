/**
 * The server side of the extension's custom requests, through real Langium services:
 * `pisub/score` (status bar, breakdown), `pisub/checkWorkspace` ("PI: Check workspace") and the
 * template requests ("PI: New submission…").
 */
import { readFileSync } from 'node:fs';
import { DocumentState, EmptyFileSystem } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadDocuments } from '../helpers/lsp-workspace.js';
import { createPisubServices } from '../../src/language/pisub-module.js';
import { scoreOf } from '../../src/language/lsp/score-request.js';
import { checkWorkspace, newSubmissionTemplate, templateOptions } from '../../src/language/lsp/workspace-requests.js';
import { breakdownMarkdown, statusText } from '../../src/extension/score-format.js';

const fixture = (name: string) => readFileSync(new URL(`../e2e/workspace/${name}`, import.meta.url), 'utf8');

function services() {
    return createPisubServices(EmptyFileSystem);
}

const load = loadDocuments;

describe('pisub/score', () => {
    let shared: ReturnType<typeof services>['shared'];
    beforeAll(async () => {
        shared = services().shared;
        await load(shared, { 'clean-2024.pisub': fixture('clean-2024.pisub'), 'safer-no-2024.pisub': fixture('safer-no-2024.pisub') });
    });

    test('a clean file: the score, each measure\'s objective and counts', async () => {
        const score = await scoreOf(shared, 'file:///ws/clean-2024.pisub');
        expect(score).not.toBeNull();
        expect(score!.score).toBe(96);
        expect(score!.zero).toBe(false);
        expect(score!.details.PI_EP_1).toEqual({ objective: 'electronicPrescribing', numerator: 4120, denominator: 4630 });
        expect(score!.details.PI_EP_2).toEqual({ objective: 'electronicPrescribing' });
        expect(statusText(score!)).toBe('PI: 96');
    });

    test('a gated file: zero, with the rule title of each reason', async () => {
        const score = await scoreOf(shared, 'file:///ws/safer-no-2024.pisub');
        expect(score!.zero).toBe(true);
        expect(score!.score).toBe(0);
        expect(score!.zeroReasons.map(r => r.code).sort()).toEqual(['attestation/safer-not-yes', 'period/too-short']);
        expect(score!.zeroTitles).toContain('SAFER Guide not "yes"');
        expect(score!.zeroTitles).toHaveLength(score!.zeroReasons.length);
        expect(statusText(score!)).toMatch(/^PI: 0 — .+ \(\+1\)$/);
        const md = breakdownMarkdown(score!, 'safer-no-2024.pisub');
        expect(md).toContain('## Why the category scores 0');
        expect(md).toMatch(/- \*\*SAFER Guide not "yes"\*\*: .* \(\[attestation\/safer-not-yes\]\([^)]*#attestation-safer-not-yes\)\)/);
        expect(score!.zeroLinks).toHaveLength(score!.zeroReasons.length);
    });

    test('unknown documents and bad URIs give null, not an error', async () => {
        expect(await scoreOf(shared, 'file:///ws/not-there.pisub')).toBeNull();
        expect(await scoreOf(shared, 'file:///ws/readme.txt')).toBeNull();
        expect(await scoreOf(shared, '')).toBeNull();
    });
});

describe('pisub/checkWorkspace', () => {
    test('validates documents that were only built, and counts their problems', async () => {
        const { shared } = services();
        const [clean, safer] = await load(shared, { 'clean-2024.pisub': fixture('clean-2024.pisub'), 'safer-no-2024.pisub': fixture('safer-no-2024.pisub') });
        expect(safer.diagnostics ?? []).toEqual([]); // not validated by the initial build
        const published: string[] = [];
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, doc => { published.push(doc.uri.path); });
        const result = await checkWorkspace(shared, {});
        expect(result).toMatchObject({ files: 2, errors: 3, warnings: 0, unreadable: [], interrupted: false });
        expect(safer.diagnostics!.map(d => d.code).sort()).toEqual(['attestation/safer-not-yes', 'period/too-short', 'score/zero']);
        expect(clean.diagnostics!.filter(d => d.severity === 1)).toEqual([]);
        expect(published.sort()).toEqual(['/ws/clean-2024.pisub', '/ws/safer-no-2024.pisub']);
    });

    test('files it cannot read are listed, the others still checked', async () => {
        const { shared } = services();
        await load(shared, { 'clean-2024.pisub': fixture('clean-2024.pisub') });
        const result = await checkWorkspace(shared, { uris: ['file:///ws/missing.pisub', 'file:///ws/notes.txt'] });
        expect(result.files).toBe(1);
        expect(result.unreadable.map(u => u.uri)).toEqual(['file:///ws/missing.pisub']);
    });
});

describe('template requests', () => {
    test('options: the supported years and entity kinds', () => {
        const options = templateOptions();
        expect(options.years).toContain(2024);
        expect(options.years).toEqual([...options.years].sort());
        expect(options.entityKinds).toEqual(['individual', 'group', 'virtual-group', 'subgroup', 'apm-entity']);
    });

    test('a template for a year and kind, as text and as a snippet', () => {
        const result = newSubmissionTemplate({ year: 2024, entityKind: 'group' });
        expect('text' in result).toBe(true);
        if (!('text' in result)) return;
        expect(result.text).toContain('year 2024');
        expect(result.text).toContain('entity group tin <TIN, 9 digits>');
        expect(result.snippet).toContain('submission ${1:new-group-2024} {');
        expect(result.snippet).toContain('tin ${3:<TIN, 9 digits>}');
    });

    test('bad requests get a reason, not an exception', () => {
        expect(newSubmissionTemplate({ year: 1999, entityKind: 'group' })).toEqual({ problem: expect.stringContaining('1999 is not a supported performance year') });
        expect(newSubmissionTemplate({ year: 2024, entityKind: 'clinic' })).toEqual({ problem: expect.stringContaining('"clinic" is not an entity kind') });
        expect(newSubmissionTemplate({ year: 2022, entityKind: 'subgroup' })).toEqual({ problem: expect.stringContaining('MVP') });
        expect(newSubmissionTemplate(undefined as never)).toHaveProperty('problem');
    });
});
