/**
 * The evidence checks (rules/checks/evidence.ts) on real files in a temporary folder, through the
 * same workspace and file reader the CLI uses; every quick fix is applied and the result re-checked.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEvidenceFiles } from '../../src/language/evidence-files.js';
import { PisubWorkspace, type CheckedFile } from '../../src/language/headless.js';
import { formatPisubText } from '../../src/language/lsp/format-text.js';
import { evidenceStatus } from '../../src/language/rules/checks/evidence.js';
import { retentionUntil, windowCloseFor } from '../../src/language/data/evidence.js';
import { applyFix } from '../helpers/check.js';
import { BIN, HANG_GUARD_MS, ROOT } from '../helpers/cli.js';
import { submission } from '../helpers/submissions.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const workspace = new PisubWorkspace({ evidenceFiles: cliEvidenceFiles() });

/** A folder with `files` and a 2024 submission with `extra` statements; returns the checked file. */
async function checkWith(extra: string, files: Record<string, string> = {}, year = 2024): Promise<CheckedFile & { dir: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'pisub-evidence-'));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(join(dir, name, '..'), { recursive: true });
        writeFileSync(join(dir, name), text);
    }
    const path = join(dir, 'test.pisub');
    const text = submission({ year, extra });
    writeFileSync(path, text);
    const [checked] = await workspace.check([{ path, text }]);
    return { ...checked, dir };
}

const codes = (f: CheckedFile) => f.diagnostics.map(d => `${d.severity} ${d.code}`);
const only = (f: CheckedFile, code: string) => f.diagnostics.filter(d => d.code === code);
const evidenceCodes = (f: CheckedFile) => codes(f).filter(c => c.includes('evidence/'));

describe('evidence statements', () => {
    it('parse in every form and keep their details in the model', async () => {
        const f = await checkWith(`evidence sra "a/sra.txt" dated 2024-03-14 sha256 "${sha('x')}" covers 2024-01-01 to 2024-12-31 "The SRA"
    evidence cehrt "chpl.txt"
    evidence "confirmation.txt" "QPP confirmation"`, { 'a/sra.txt': 'x', 'chpl.txt': 'c', 'confirmation.txt': 'q' });
        expect(codes(f).filter(c => c.includes('syntax'))).toEqual([]);
        const [sra, cehrt, general] = f.analysis!.model.evidence!;
        expect(sra).toMatchObject({ target: { value: 'sra' }, path: { value: 'a/sra.txt' }, dated: { value: '2024-03-14' }, sha256: { value: sha('x') }, description: { value: 'The SRA' } });
        expect(sra.covers?.start.value).toBe('2024-01-01');
        expect(cehrt.target?.value).toBe('cehrt');
        expect(general.target).toBeUndefined();
        expect(f.text.slice(sra.path.span.offset, sra.path.span.end)).toBe('"a/sra.txt"');
    });

    it('format keeps `evidence cehrt` on one line and is idempotent', async () => {
        const f = await checkWith('evidence   cehrt   "chpl.txt"\n  evidence sra "s.txt" dated 2024-03-14');
        const formatted = formatPisubText(workspace.services, f.text);
        expect(formatted.ok).toBe(true);
        if (!formatted.ok) return;
        expect(formatted.text).toContain('\n    evidence cehrt "chpl.txt"\n    evidence sra "s.txt" dated 2024-03-14\n');
        const again = formatPisubText(workspace.services, formatted.text);
        expect(again.ok && again.text).toBe(formatted.text);
    });
});

describe('evidence checks', () => {
    it('a file that does not exist is a warning on the path', async () => {
        const f = await checkWith('evidence sra "nowhere/sra.pdf"');
        const [d] = only(f, 'evidence/file-missing');
        expect(d.severity).toBe('warning');
        expect(f.text.slice(d.offset, d.end)).toBe('"nowhere/sra.pdf"');
        expect(d.message).toContain('does not exist');
    });

    it('a folder is not a readable file', async () => {
        const f = await checkWith('evidence sra "folder"', { 'folder/inside.txt': 'x' });
        expect(only(f, 'evidence/file-unreadable')[0].message).toContain('it is a folder');
    });

    it('a file the user may not read is unreadable (checked as "nobody": root reads anything)', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pisub-evidence-perm-'));
        chmodSync(dir, 0o755);
        writeFileSync(join(dir, 'secret.txt'), 'x');
        chmodSync(join(dir, 'secret.txt'), 0o600);
        writeFileSync(join(dir, 'p.pisub'), submission({ year: 2024, extra: 'evidence sra "secret.txt"' }));
        chmodSync(join(dir, 'p.pisub'), 0o644);
        const asRoot = process.getuid?.() === 0;
        const user = asRoot ? { uid: 65534, gid: 65534 } : {};
        if (asRoot && spawnSync(process.execPath, [BIN, '--version'], { ...user, cwd: dir }).status !== 0) {
            console.warn('skipped: cannot run the CLI as "nobody" here');
            return;
        }
        const r = spawnSync(process.execPath, [BIN, 'check', 'p.pisub'], { ...user, cwd: dir, encoding: 'utf8', timeout: HANG_GUARD_MS });
        expect(r.stdout).toMatch(/warning The evidence file "secret\.txt" cannot be read \(permission denied\).*\[evidence\/file-unreadable\]/);
        expect(r.stdout).not.toContain('evidence/file-missing');
    });

    it('odd paths never crash or hang: a device, a very long name, an empty path, a path through a file', async () => {
        const f = await checkWith(`evidence sra "/dev/zero"\n    evidence safer "${'x'.repeat(5000)}"\n    evidence e-prescribing ""\n    evidence pdmp "a.txt/inside"`, { 'a.txt': 'a' });
        const byPath = (p: string) => f.diagnostics.filter(d => d.code.startsWith('evidence/file-') && f.text.slice(d.offset, d.end).startsWith(`"${p}`)).map(d => d.code);
        expect(byPath('/dev/zero')).toEqual(['evidence/file-unreadable']);
        expect(f.diagnostics.find(d => d.code === 'evidence/file-unreadable')!.message).toContain('not a regular file');
        expect(byPath('xxxx').length).toBe(1);
        expect(byPath('"')).toEqual(['evidence/file-missing']);
        expect(byPath('a.txt/inside')).toEqual(['evidence/file-missing']);
    });

    it('reports attestations and measures without evidence as info, once the submission records evidence', async () => {
        const none = await checkWith('');
        expect(evidenceCodes(none)).toEqual([]);
        const some = await checkWith(`evidence sra "sra.txt" sha256 "${sha('s')}"`, { 'sra.txt': 's' });
        const missing = only(some, 'evidence/missing');
        expect(missing.every(d => d.severity === 'info')).toBe(true);
        // every reported entry except the SRA, and the CEHRT id
        const labels = missing.map(d => some.text.slice(d.offset, d.end));
        expect(labels).toContain('safer-guide');
        expect(labels).toContain('e-prescribing');
        expect(labels).toContain('0015C8AB2CD3EF4');
        expect(labels).not.toContain('security-risk-analysis');
        expect(missing.length).toBe(evidenceStatus(some.analysis!.model, 2024).missing.length);
        expect(some.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    });

    it('evidence for something the submission does not report is a warning', async () => {
        const f = await checkWith(`evidence tefca "t.txt" sha256 "${sha('t')}"\n    evidence nonsense "t.txt" sha256 "${sha('t')}"`, { 't.txt': 't' });
        const found = only(f, 'evidence/target-unknown').map(d => f.text.slice(d.offset, d.end));
        expect(found).toEqual(['tefca', 'nonsense']);
    });

    it('an SRA document dated outside the performance year is an error; in the year it is not', async () => {
        const bad = await checkWith(`evidence security-risk-analysis "sra.txt" dated 2023-12-31 sha256 "${sha('s')}"`, { 'sra.txt': 's' });
        const [d] = only(bad, 'evidence/date-outside-year');
        expect(d.severity).toBe('error');
        expect(bad.text.slice(d.offset, d.end)).toBe('2023-12-31');
        const good = await checkWith(`evidence security-risk-analysis "sra.txt" dated 2024-12-31 sha256 "${sha('s')}"`, { 'sra.txt': 's' });
        expect(only(good, 'evidence/date-outside-year')).toEqual([]);
        // Only where the rule requires the year: a report of e-Prescribing may be dated the next January.
        const report = await checkWith(`evidence e-prescribing "r.txt" dated 2025-01-08 sha256 "${sha('r')}"`, { 'r.txt': 'r' });
        expect(only(report, 'evidence/date-outside-year')).toEqual([]);
    });

    it('a recorded SHA-256 that no longer matches is a warning; the fix records the current one', async () => {
        const f = await checkWith(`evidence sra "sra.txt" sha256 "${sha('original')}"`, { 'sra.txt': 'edited' });
        const [d] = only(f, 'evidence/hash-mismatch');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain('has changed since its SHA-256 was recorded');
        const fixed = applyFix(f.text, d.fixes![0].edits);
        expect(fixed).toContain(`sha256 "${sha('edited')}"`);
        const [again] = await workspace.check([{ path: join(f.dir, 'test.pisub'), text: fixed }]);
        expect(evidenceCodes(again).filter(c => !c.endsWith('evidence/missing'))).toEqual([]);
    });

    it('a malformed SHA-256 is reported, with a fix when the file is there', async () => {
        const f = await checkWith('evidence sra "sra.txt" sha256 "abc"', { 'sra.txt': 's' });
        const [d] = only(f, 'evidence/hash-mismatch');
        expect(d.message).toContain('is not a SHA-256');
        expect(applyFix(f.text, d.fixes![0].edits)).toContain(`sha256 "${sha('s')}"`);
    });

    it('a readable file without a recorded SHA-256 is info; the fix records it and the file still parses', async () => {
        const f = await checkWith('evidence sra "sra.txt" dated 2024-03-14 "SRA"', { 'sra.txt': 'content' });
        const [d] = only(f, 'evidence/hash-not-recorded');
        expect(d.severity).toBe('info');
        const fixed = applyFix(f.text, d.fixes![0].edits);
        expect(fixed).toContain(`evidence sra "sra.txt" sha256 "${sha('content')}" dated 2024-03-14 "SRA"`);
        const [again] = await workspace.check([{ path: join(f.dir, 'test.pisub'), text: fixed }]);
        expect(codes(again).filter(c => c.includes('syntax') || c.includes('hash'))).toEqual([]);
    });

    it('a report covering another period than the submission is a warning; the fix states the period', async () => {
        const f = await checkWith(`evidence e-prescribing "r.txt" sha256 "${sha('r')}" covers 2024-01-01 to 2024-06-30`, { 'r.txt': 'r' });
        const [d] = only(f, 'evidence/period-mismatch');
        expect(d.severity).toBe('warning');
        expect(f.text.slice(d.offset, d.end)).toBe('covers 2024-01-01 to 2024-06-30');
        const fixed = applyFix(f.text, d.fixes![0].edits);
        const [again] = await workspace.check([{ path: join(f.dir, 'test.pisub'), text: fixed }]);
        expect(only(again, 'evidence/period-mismatch')).toEqual([]);
        const same = await checkWith(`evidence e-prescribing "r.txt" sha256 "${sha('r')}" covers 2024-01-01 to 2024-12-31`, { 'r.txt': 'r' });
        expect(only(same, 'evidence/period-mismatch')).toEqual([]);
    });

    it('without a file reader (e.g. an editor on a virtual file system) only the text is checked', async () => {
        const plain = new PisubWorkspace();
        const [f] = await plain.check([{ path: '/nonexistent/x.pisub', text: submission({ year: 2024, extra: 'evidence sra "gone.pdf" dated 2023-01-01' }) }]);
        expect(evidenceCodes(f).filter(c => !c.endsWith('evidence/missing'))).toEqual(['error evidence/date-outside-year']);
    });
});

describe('evidence data', () => {
    it('keeps documentation until six years after the submission window closes', () => {
        expect(windowCloseFor(2024)).toMatchObject({ date: '2025-03-31', confidence: 'H' });
        expect(retentionUntil(2024)).toMatchObject({ date: '2031-03-31', confidence: 'H' });
        expect(retentionUntil(2023).date).toBe('2030-04-01');
        // A year whose window is not in the reference material is an estimate, and says so.
        expect(retentionUntil(2026)).toMatchObject({ date: '2033-03-31', confidence: 'L' });
        expect(retentionUntil(2026).note).toContain('not in pisub\'s reference material');
    });

    it('the audit examples are as their files say: hashes recorded are the files\' own', () => {
        const text = readFileSync(join(ROOT, 'examples/audit/riverside-2024/riverside-audit-2024.pisub'), 'utf8');
        for (const m of text.matchAll(/evidence \S+ "([^"]+)" sha256 "([0-9a-f]{64})"/g)) {
            expect(createHash('sha256').update(readFileSync(join(ROOT, 'examples/audit/riverside-2024', m[1]))).digest('hex'), m[1]).toBe(m[2]);
        }
    });
});
