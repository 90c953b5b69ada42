/**
 * The portfolio report's rows (from real checks), their order, and the table, CSV and JSON renderings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareRows, type Portfolio, type PortfolioRow } from '../../src/report/portfolio.js';
import { csvField, renderCsv, renderJson, renderTable } from '../../src/report/render-text.js';
import { workspace } from '../helpers/check.js';
import { portfolio, PORTFOLIO_FILES } from './fixtures.js';

let p: Portfolio;
const row = (path: string): PortfolioRow => p.rows.find(r => r.path === path)!;

beforeAll(async () => { p = await portfolio(); });

describe('portfolio rows', () => {
    it('has one row per submission, worst first', () => {
        expect(p.rows.map(r => r.path)).toEqual([
            'old/cedar-2019.pisub',       // scores 0 and cannot even be scored (year unsupported)
            'broken/typo.pisub',          // scores 0, 15 errors
            'zero/oakwood-2024.pisub',    // scores 0, 2 errors
            'low/birch-2023.pisub',       // lowest score above 0
            'clean/riverside-2024.pisub', // highest score
            'reweighted/elm-2024.pisub'   // reweighted to 0%: not at risk, last
        ]);
    });

    it('carries practice, entity, year and score from the submission', () => {
        const clean = row('clean/riverside-2024.pisub');
        expect(clean).toMatchObject({
            practice: 'Riverside Family Medicine', submission: 'riverside-2024', year: 2024, zero: false, zeroReasons: [], reweighted: false,
            entity: { kind: 'group', tin: '123456789', npi: null, id: null }, errors: 0, warnings: 0
        });
        expect(clean.score).toBeGreaterThan(80);
        const low = row('low/birch-2023.pisub');
        expect(low.entity).toEqual({ kind: 'individual', tin: '123456789', npi: '1234567893', id: null });
        expect(low.score).toBeGreaterThan(0);
        expect(low.score).toBeLessThan(clean.score!);
    });

    it('matches `pisub score` and `pisub check` for each file', async () => {
        const checked = await workspace().check(Object.entries(PORTFOLIO_FILES).map(([path, text]) => ({ path, text })));
        for (const file of checked) {
            const r = row(file.path);
            expect(r.errors, file.path).toBe(file.diagnostics.filter(d => d.severity === 'error').length);
            expect(r.warnings, file.path).toBe(file.diagnostics.filter(d => d.severity === 'warning').length);
            expect(r.zero, file.path).toBe(file.analysis!.score.zero);
            if (r.score !== null) expect(r.score, file.path).toBe(file.analysis!.score.score);
        }
    });

    it('says why a submission scores 0, with the codes of the gate failures', () => {
        const zero = row('zero/oakwood-2024.pisub');
        expect(zero.zero).toBe(true);
        expect(zero.score).toBe(0);
        expect(zero.zeroReasons.map(r => r.code)).toEqual(['attestation/safer-not-yes']);
        expect(zero.zeroReasons[0].text).toMatch(/^SAFER Guide .*\.$/); // one sentence
        expect(row('old/cedar-2019.pisub').zeroReasons.map(r => r.code)).toEqual(['year/unsupported']);
        expect(row('old/cedar-2019.pisub').score).toBeNull();
    });

    it('sums up the portfolio', () => {
        expect(p.summary.submissions).toBe(6);
        expect(p.summary.zero).toBe(3);
        expect(p.summary.errors).toBe(p.rows.reduce((n, r) => n + r.errors, 0));
        const scores = [row('low/birch-2023.pisub').score!, row('clean/riverside-2024.pisub').score!];
        expect(p.summary.averageScore).toBe(Math.round((scores[0] + scores[1]) / 2));
        expect(p.unreadable).toEqual([{ path: 'unreadable/x.pisub', message: 'not valid UTF-8 text' }]);
    });

    it('orders by zero, then score, then errors, then warnings', () => {
        const base: PortfolioRow = {
            path: 'a', submission: null, practice: 'A', entity: { kind: null, tin: null, npi: null, id: null }, year: 2024,
            score: 50, scoreRange: { min: 50, max: 50 }, zero: false, zeroReasons: [], reweighted: false, errors: 0, warnings: 0, infos: 0, evidenceMissing: null
        };
        const sorted = (rows: PortfolioRow[]) => [...rows].sort(compareRows).map(r => r.path);
        expect(sorted([{ ...base, path: 'ok' }, { ...base, path: 'zero', zero: true, score: 0 }])).toEqual(['zero', 'ok']);
        expect(sorted([{ ...base, path: '60', score: 60 }, { ...base, path: '40', score: 40 }])).toEqual(['40', '60']);
        expect(sorted([{ ...base, path: '1e', errors: 1 }, { ...base, path: '3e', errors: 3 }])).toEqual(['3e', '1e']);
        expect(sorted([{ ...base, path: '0w' }, { ...base, path: '2w', warnings: 2 }])).toEqual(['2w', '0w']);
        expect(sorted([{ ...base, path: 'zero-5e', zero: true, score: 0, errors: 5 }, { ...base, path: 'zero-1e', zero: true, score: 0, errors: 1 }, { ...base, path: 'low', score: 1, errors: 9 }]))
            .toEqual(['zero-5e', 'zero-1e', 'low']);
    });
});

describe('table', () => {
    it('lists the rows in order with their numbers, then a summary line', () => {
        const lines = renderTable(p).split('\n');
        expect(lines[0]).toMatch(/^#\s+practice\s+entity\s+year\s+score\s+zero because\s+errors\s+warnings\s+evidence$/);
        const body = lines.slice(2, 2 + p.rows.length);
        expect(body[0]).toMatch(/^1\s+Cedar Health\s+group TIN 123456789\s+—\s+0 ZERO\s+year\/unsupported\s+\d+\s+0\s+\d+ missing$/);
        expect(body[2]).toContain('attestation/safer-not-yes');
        expect(body[4]).toMatch(/Riverside Family Medicine.*2024\s+\d+( \(\d+–\d+\))?\s+0\s+0\s+\d+ missing$/);
        // A reweighted practice submits no PI data: nothing to document.
        expect(body[5]).toMatch(/Elm Street Clinic.*reweighted.*—$/);
        // Repeated reasons are counted, not repeated.
        expect(body[1]).toMatch(/measure\/required-missing ×\d/);
        expect(lines.at(-2)).toBe('6 submissions: 3 scoring 0, average score ' + p.summary.averageScore + ' (of those above 0); '
            + `${p.summary.errors} errors, 0 warnings, 1 unreadable input`);
    });

    it('keeps terminal control characters out', () => {
        const evil: PortfolioRow = { ...p.rows[4], practice: 'Evil\u001b[2J\tname\r' };
        const table = renderTable({ ...p, rows: [evil] });
        expect(table).not.toMatch(/[\u001b\t\r]/);
        expect(table).toContain('Evil [2J name');
    });
});

describe('csv', () => {
    it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
        expect(csvField('plain')).toBe('plain');
        expect(csvField('Birch, "Family" Care')).toBe('"Birch, ""Family"" Care"');
        expect(csvField('two\nlines')).toBe('"two\nlines"');
        expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
        expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
        expect(csvField(-3)).toBe('-3'); // numbers are numbers
        expect(csvField(null)).toBe('');
    });

    it('has a header and one CRLF line per row, in order, that parse back', () => {
        const csv = renderCsv(p);
        const lines = csv.split('\r\n');
        expect(lines[0]).toBe('rank,practice,submission,entity_kind,tin,npi,entity_id,year,score,zero,zero_reasons,errors,warnings,reweighted,path,evidence_missing');
        expect(lines.length).toBe(p.rows.length + 2); // + header + final empty
        const birch = lines.find(l => l.includes('birch'))!;
        expect(birch).toMatch(/^4,"Birch, ""Family"" Care",birch-2023,individual,123456789,1234567893,,2023,\d+,false,,0,0,false,low\/birch-2023\.pisub,\d+$/);
        expect(lines[3]).toMatch(/^3,Oakwood <Clinic> & Sons,oakwood-2024,group,223456789,,,2024,0,true,"?attestation\/safer-not-yes: SAFER Guide/);
    });
});

describe('json', () => {
    it('is the rows with their rank, the summary and the unreadable inputs', () => {
        const json = JSON.parse(renderJson(p));
        expect(json.summary).toEqual(p.summary);
        expect(json.rows.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(json.rows[2]).toMatchObject({ path: 'zero/oakwood-2024.pisub', practice: 'Oakwood <Clinic> & Sons', zero: true, score: 0 });
        expect(json.unreadable).toEqual(p.unreadable);
    });
});
