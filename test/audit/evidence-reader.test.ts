/**
 * The Node evidence reader on files that are not documents (found by red-teaming the language
 * server): a kernel file that reports size 0 but yields gigabytes (/proc/self/pagemap), and a file
 * over the size pisub reads. Each is "unreadable" with a reason, at once, instead of freezing the
 * server while it hashes.
 */
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_BYTES, NodeEvidenceReader } from '../../src/language/evidence-files.js';

const dir = mkdtempSync(join(tmpdir(), 'pisub-evidence-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('NodeEvidenceReader', () => {
    it.skipIf(!existsSync('/proc/self/pagemap'))('a kernel file whose content is longer than its size is unreadable, not hashed', () => {
        const found = new NodeEvidenceReader(dir).lookup('/proc/self/pagemap');
        expect(found.status).toBe('unreadable');
        expect(found.status === 'unreadable' && found.reason).toMatch(/longer than its size on disk|permission denied/);
    });

    it('a file over the evidence size cap is unreadable with its size, without being read', () => {
        const big = join(dir, 'huge.pdf');
        writeFileSync(big, '');
        truncateSync(big, MAX_EVIDENCE_BYTES + 1); // sparse: nothing is written
        const found = new NodeEvidenceReader(dir).lookup('huge.pdf');
        expect(found).toMatchObject({ status: 'unreadable' });
        expect(found.status === 'unreadable' && found.reason).toMatch(/at most 256 MB/);
    });

    it('an ordinary file is still read and hashed', () => {
        writeFileSync(join(dir, 'sra.txt'), 'abc');
        expect(new NodeEvidenceReader(dir).lookup('sra.txt')).toMatchObject({
            status: 'ok', bytes: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
        });
    });
});
