import { expectCompletion } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { pisub } from './lsp-helpers.js';

/** The completion labels at the `<|>` marker. */
async function completions(text: string): Promise<CompletionItem[]> {
    let items: CompletionItem[] = [];
    await expectCompletion(pisub())({ text, index: 0, disposeAfterCheck: true, assert: (list: CompletionList) => { items = list.items; } });
    return items;
}
const labels = async (text: string) => (await completions(text)).map(i => i.label);

const header = (year: number) => `submission test {\n    year ${year}\n    entity group tin 123456789\n`;

describe('completion', () => {
    it('offers the measures of the file\'s year, by friendly name and official id, with titles', async () => {
        const items = await completions(`${header(2024)}    measure <|>\n}`);
        const eprescribing = items.find(i => i.label === 'e-prescribing');
        expect(eprescribing?.detail).toBe('e-Prescribing');
        expect(eprescribing?.labelDetails?.description).toBe('PI_EP_1');
        expect(items.map(i => i.label)).toEqual(expect.arrayContaining(['PI_EP_1', 'query-of-pdmp', 'tefca', 'PI_HIE_6', 'immunization-registry']));
        // Exclusion and engagement-level ids are not measures to write after `measure`.
        expect(items.map(i => i.label)).not.toContain('PI_LVPP_1');
        expect(items.map(i => i.label)).not.toContain('PI_PHCDRR_1_PROD');
    });

    it('only what exists that year: no TEFCA in 2022, TEFCA public health from 2026', async () => {
        const y2022 = await labels(`${header(2022)}    measure <|>\n}`);
        expect(y2022).toContain('hie-bi-directional-exchange');
        expect(y2022).not.toContain('tefca');
        expect(y2022).not.toContain('public-health-tefca');
        expect(await labels(`${header(2024)}    public-health <|>\n}`)).not.toContain('public-health-tefca');
        expect(await labels(`${header(2026)}    public-health <|>\n}`)).toContain('public-health-tefca');
    });

    it('ranks what fits the keyword first: attestations after `attest`', async () => {
        const items = await completions(`${header(2024)}    attest <|>\n}`);
        const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
        expect(sorted.slice(0, 4).map(i => i.label).sort()).toEqual(['actions-to-limit-interoperability', 'onc-direct-review', 'safer-guide', 'security-risk-analysis']);
    });

    it('completes a partly typed name', async () => {
        expect(await labels(`${header(2024)}    measure e-pre<|>\n}`)).toContain('e-prescribing');
    });

    it('offers the exclusions of the measure for that year', async () => {
        const y2024 = await labels(`${header(2024)}    measure query-of-pdmp excluded <|>\n}`);
        expect(y2024).toEqual(expect.arrayContaining(['PI_EP_2_EX_1', 'PI_EP_2_EX_2']));
        expect(y2024).not.toContain('PI_EP_2_EX_3');
        expect(await labels(`${header(2023)}    measure query-of-pdmp excluded <|>\n}`)).toContain('PI_EP_2_EX_3');
    });

    it('offers statement keywords, entity kinds, reporting options and engagement levels', async () => {
        expect(await labels(`${header(2024)}    <|>\n}`)).toEqual(expect.arrayContaining(['year', 'practice', 'period', 'cehrt', 'measure', 'attest', 'public-health', 'clinician', 'note']));
        expect(await labels('submission test {\n    entity <|>\n}')).toEqual(expect.arrayContaining(['individual', 'group', 'virtual-group', 'subgroup', 'apm-entity']));
        expect(await labels('submission test {\n    reporting <|>\n}')).toEqual(expect.arrayContaining(['traditional', 'mvp', 'app', 'app-plus']));
        expect(await labels(`${header(2024)}    public-health immunization-registry yes engagement <|>\n}`)).toEqual(['pre-production', 'production']);
    });

    it('offers the year\'s MVP ids after `reporting mvp` and the SAFER edition after `version`', async () => {
        const y2022 = await labels('submission test {\n    year 2022\n    reporting mvp <|>\n}');
        expect(y2022.filter(l => /^[GM]\d{4}$/.test(l))).toEqual([]);
        const y2024 = await labels('submission test {\n    year 2024\n    reporting mvp <|>\n}');
        expect(y2024).toContain('G0053');
        expect(await labels('submission test {\n    year 2026\n    attest safer-guide yes version <|>\n}')).toContain('2025');
    });

    it('offers a new-submission snippet per year and entity kind in an empty file', async () => {
        const items = await completions('<|>');
        const group2024 = items.find(i => i.label === 'submission 2024 group');
        expect(group2024?.insertTextFormat).toBe(2); // snippet
        expect(group2024?.textEdit?.newText).toContain('    year 2024\n');
        expect(group2024?.textEdit?.newText).toContain('${1:submission-name, e.g. practice-2024}');
        expect(items.map(i => i.label)).toContain('submission 2022 individual');
        expect(items.map(i => i.label)).not.toContain('submission 2022 subgroup'); // MVPs start in 2023
        expect(items.map(i => i.label)).toContain('submission');
    });
});
