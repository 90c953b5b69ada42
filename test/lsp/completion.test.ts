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

    it('offers statement keywords in the order a submission is written, each described', async () => {
        const items = await completions('submission test {\n    <|>\n}');
        const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
        expect(sorted.map(i => i.label).slice(0, 9)).toEqual(['year', 'practice', 'entity', 'reporting', 'period', 'cehrt', 'attest', 'measure', 'public-health']);
        expect(sorted.map(i => i.label)).toEqual(expect.arrayContaining(['special-status', 'clinician', 'prior-year', 'note']));
        for (const item of items) expect(item.detail, item.label).toMatch(/\w{3,}/);
        // Statements allowed once are not offered again; measures are.
        const after = await labels(`${header(2024)}    <|>\n}`);
        expect(after).not.toContain('year');
        expect(after).not.toContain('entity');
        expect(after).toEqual(expect.arrayContaining(['practice', 'period', 'measure', 'attest']));
        // Inside a clinician's block: only measure statements.
        expect((await labels(`${header(2024)}    clinician 1234567893 {\n        <|>\n    }\n}`)).sort()).toEqual(['attest', 'measure', 'public-health']);
    });

    it('offers the supported years after `year`, newest first, the provisional one marked', async () => {
        const items = await completions('submission test {\n    year <|>\n}');
        const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
        expect(sorted.map(i => i.label)).toEqual(['2027', '2026', '2025', '2024', '2023', '2022']);
        expect(sorted[0].labelDetails?.description).toBe('provisional');
        expect(sorted[0].detail).toMatch(/provisional/);
        expect(sorted[1].labelDetails).toBeUndefined();
        expect(await labels('submission test {\n    year 202<|>\n}')).toContain('2024');
    });

    it('offers nothing inside or glued to a number, date, id, string or comment', async () => {
        const nothing = [
            `${header(2024)}    attest security-risk-analysis yes completed 2024-02-15<|>\n}`,
            `${header(2024)}    attest security-risk-analysis yes completed 2024-02<|>\n}`,
            `${header(2024)}    measure e-prescribing 5 / 10<|>\n}`,
            `${header(2024)}    measure e-prescribing 5/10<|>\n}`,
            `${header(2024)}    measure e-prescribing 5 /<|>\n}`,
            `${header(2024)}    period 2024-01-01<|>\n}`,
            'submission test {\n    year 2024<|>\n}',
            'submission test {\n    entity group tin 12345<|>\n}',
            'submission test {\n    entity group tin <|>\n}',
            'submission test {\n    entity virtual-group id VG-<|>\n}',
            'submission test {\n    cehrt 0015C8ABC<|>\n}',
            'submission test {\n    cehrt <|>\n}',
            'submission test {\n    practice "Riverside <|>"\n}',
            'submission test {\n    practice "Riverside"<|>\n}',
            'submission test {\n    note \'a <|>\n}',
            'submission test {\n    // measure <|>\n}',
            'submission test {\n    /* year <|> */\n}',
            'submission <|>',
            'submission te<|>'
        ];
        for (const text of nothing) expect(await labels(text), text).toEqual([]);
    });

    it('after a measure, only the values it takes that year', async () => {
        // A ratio measure takes numbers: no yes/no; query-of-pdmp has exclusions in 2024, e-prescribing too.
        expect(await labels(`${header(2024)}    measure e-prescribing <|>\n}`)).toEqual(['excluded']);
        expect(await labels(`${header(2024)}    measure provide-patient-access <|>\n}`)).toEqual([]);
        // A yes/no measure without exclusions: yes/no only.
        expect((await labels(`${header(2024)}    attest safer-guide <|>\n}`)).sort()).toEqual(['no', 'yes']);
        expect((await labels(`${header(2024)}    measure query-of-pdmp <|>\n}`)).sort()).toEqual(['excluded', 'no', 'yes']);
        const excluded = await completions(`${header(2024)}    measure query-of-pdmp <|>\n}`);
        expect(excluded.find(i => i.label === 'excluded')?.detail).toContain('PI_EP_2_EX_1');
    });

    it('offers the exclusions of the measure for that year after `excluded`', async () => {
        expect(await labels(`${header(2024)}    measure e-prescribing excluded <|>\n}`)).toEqual(['PI_LVPP_1']);
    });

    it('details only where they apply', async () => {
        expect(await labels(`${header(2024)}    attest security-risk-analysis yes <|>\n}`)).toEqual(['completed']);
        expect(await labels(`${header(2024)}    attest safer-guide yes <|>\n}`)).toEqual(['completed']);
        expect((await labels(`${header(2026)}    attest safer-guide yes <|>\n}`)).sort()).toEqual(['completed', 'version']);
        expect(await labels(`${header(2026)}    attest safer-guide yes completed 2026-03-01 <|>\n}`)).toEqual(['version']);
        expect(await labels(`${header(2024)}    attest actions-to-limit-interoperability yes <|>\n}`)).toEqual([]);
        expect(await labels(`${header(2024)}    measure e-prescribing 5 / 10 <|>\n}`)).toEqual([]);
        expect(await labels(`${header(2024)}    public-health immunization-registry yes <|>\n}`)).toEqual(['engagement']);
        expect(await labels(`${header(2022)}    public-health immunization-registry yes <|>\n}`)).toEqual([]);
        expect(await labels(`${header(2024)}    public-health immunization-registry no <|>\n}`)).toEqual([]);
        expect(await labels(`${header(2024)}    public-health immunization-registry yes engagement <|>\n}`)).toEqual(['pre-production', 'production']);
        expect(await labels(`${header(2024)}    public-health immunization-registry yes engagement pro<|>\n}`)).toContain('production');
    });

    it('after `entity <kind>` only the identifiers that kind takes, not those already written', async () => {
        expect(await labels('submission test {\n    entity <|>\n}')).toEqual(['individual', 'group', 'virtual-group', 'subgroup', 'apm-entity']);
        expect(await labels('submission test {\n    entity group <|>\n}')).toEqual(['tin']);
        expect(await labels('submission test {\n    entity individual <|>\n}')).toEqual(['tin', 'npi']);
        expect(await labels('submission test {\n    entity individual tin 123456789 <|>\n}')).toEqual(['npi']);
        expect(await labels('submission test {\n    entity virtual-group <|>\n}')).toEqual(['id']);
        expect(await labels('submission test {\n    entity subgroup tin 123456789 id S-1 <|>\n}')).toEqual([]);
    });

    it('offers reporting options and special statuses from the grammar', async () => {
        // Without a year every option; with one, those the year's measure data offers.
        expect(await labels('submission test {\n    reporting <|>\n}')).toEqual(['traditional', 'mvp', 'app', 'app-plus', 'ssp']);
        expect(await labels('submission test {\n    year 2022\n    reporting <|>\n}')).toEqual(['traditional', 'app']);
        expect(await labels('submission test {\n    year 2025\n    reporting <|>\n}')).toEqual(['traditional', 'mvp', 'app', 'app-plus']);
        expect(await labels('submission test {\n    year 2026\n    reporting <|>\n}')).toEqual(['traditional', 'mvp', 'app', 'app-plus', 'ssp']);
        expect(await labels('submission test {\n    reporting traditional <|>\n}')).toEqual([]);
        expect(await labels('submission test {\n    special-status <|>\n}')).toContain('small-practice');
        expect(await labels('submission test {\n    period 2024-01-01 <|>\n}')).toEqual(['to']);
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
        expect(group2024?.textEdit?.newText).toContain('submission ${1:new-group-2024} {');
        expect(group2024?.textEdit?.newText).toContain('tin ${3:<TIN, 9 digits>}');
        expect(items.map(i => i.label)).toContain('submission 2022 individual');
        expect(items.map(i => i.label)).not.toContain('submission 2022 subgroup'); // MVPs start in 2023
        expect(items.map(i => i.label)).toContain('submission');
    });
});
