/**
 * `pisub check --format sarif` output validates against the SARIF 2.1.0 JSON schema (vendored in
 * test/fixtures/sarif, see SOURCE.md there) and follows SARIF §3.4.3 on locations: an absolute
 * location is an absolute `file:` URI; a relative one names a `uriBaseId` declared in
 * `originalUriBaseIds` (the rule the SARIF validator checks as SARIF1004).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from 'jsonschema';
import { describe, expect, it } from 'vitest';
import { pisub } from '../helpers/cli.js';

const SCHEMA = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));

interface Location { uri: string; uriBaseId?: string }

function validate(sarif: unknown): string[] {
    return new Validator().validate(sarif, SCHEMA, { nestedErrors: true }).errors.map(e => e.stack);
}

/** Every artifact location, and what it resolves to on disk. */
function locations(sarif: any): { loc: Location; file: string }[] {
    const run = sarif.runs[0];
    const bases = run.originalUriBaseIds ?? {};
    return run.results.flatMap((r: any) => r.locations.map((l: any) => {
        const loc: Location = l.physicalLocation.artifactLocation;
        if (loc.uriBaseId === undefined) {
            const url = new URL(loc.uri); // throws for a relative reference: it must then have a uriBaseId
            expect(url.protocol).toBe('file:');
            return { loc, file: fileURLToPath(url) };
        }
        const base = bases[loc.uriBaseId];
        expect(base, `uriBaseId ${loc.uriBaseId} is declared`).toBeDefined();
        expect(base.uri).toMatch(/^file:\/\/.*\/$/);
        return { loc, file: fileURLToPath(new URL(loc.uri, base.uri)) };
    }));
}

function project(): string {
    const dir = mkdtempSync(join(tmpdir(), 'pisub-sarif-'));
    mkdirSync(join(dir, 'sub dir'));
    writeFileSync(join(dir, 'sub dir', 'a #1%.pisub'), 'submission a {\n    year 2024\n}\n');
    writeFileSync(join(dir, 'b.pisub'), 'submission b {\n    year\n}\n');
    return dir;
}

describe('SARIF output', () => {
    it('the schema check itself rejects a broken log (control)', async () => {
        expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ message: { text: 'x' }, level: 'loud' }] }] }).length).toBeGreaterThan(0);
    });

    it('absolute input paths: valid against the SARIF 2.1.0 schema, locations are file:// URIs of the real files', async () => {
        const dir = project();
        const r = await pisub(['check', '--format', 'sarif', dir]);
        expect(r.code).toBe(1);
        const sarif = JSON.parse(r.stdout);
        expect(validate(sarif)).toEqual([]);
        const found = locations(sarif);
        expect(found.length).toBeGreaterThan(0);
        expect(new Set(found.map(f => f.file))).toEqual(new Set([join(dir, 'sub dir', 'a #1%.pisub'), join(dir, 'b.pisub')]));
        expect(found.every(f => f.loc.uri.startsWith('file:///'))).toBe(true);
    });

    it('relative input paths: valid, relative URIs with a declared uriBaseId that resolve to the files', async () => {
        const dir = project();
        const r = await pisub(['check', '--format', 'sarif', 'sub dir', 'b.pisub'], { cwd: dir });
        const sarif = JSON.parse(r.stdout);
        expect(validate(sarif)).toEqual([]);
        const found = locations(sarif);
        expect(found.every(f => f.loc.uriBaseId === 'SRCROOT' && !f.loc.uri.includes(':'))).toBe(true);
        expect(new Set(found.map(f => f.file))).toEqual(new Set([join(dir, 'sub dir', 'a #1%.pisub'), join(dir, 'b.pisub')]));
    });

    it('unreadable inputs are tool notifications, and the log still validates', async () => {
        const dir = project();
        const r = await pisub(['check', '--format', 'sarif', dir, join(dir, 'missing.pisub')]);
        expect(r.code).toBe(2);
        const sarif = JSON.parse(r.stdout);
        expect(validate(sarif)).toEqual([]);
        expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
        expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toContain('missing.pisub');
    });
});
