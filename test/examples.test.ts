/**
 * `pisub check examples/` reports exactly the intended problems: every example states the
 * diagnostics it must produce in `// expect: <severity> <code>` comments, and nothing else may appear.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEvidenceFiles } from '../src/language/evidence-files.js';
import { PisubWorkspace } from '../src/language/headless.js';

const root = join(__dirname, '..', 'examples');
/** Evidence paths resolve next to each example, as in `pisub check examples/`. */
let shared: PisubWorkspace | undefined;
const workspace = () => (shared ??= new PisubWorkspace({ evidenceFiles: cliEvidenceFiles() }));

const files = [
    ...['clean', 'problems'].flatMap(dir => readdirSync(join(root, dir)).filter(f => f.endsWith('.pisub')).map(f => join(dir, f))),
    // audit examples: one folder per submission, with its evidence files
    ...(readdirSync(join(root, 'audit'), { recursive: true }) as string[]).filter(f => f.endsWith('.pisub')).map(f => join('audit', f))
];

function expectations(text: string): string[] {
    return [...text.matchAll(/expect: (error|warning|info) ([a-z-]+\/[a-z-]+)/g)].map(m => `${m[1]} ${m[2]}`).sort();
}

describe('examples', () => {
    it('has a clean example for every year 2022–2026 and problem files', () => {
        const cleanYears = files.filter(f => f.startsWith('clean')).map(f => readFileSync(join(root, f), 'utf8').match(/^\s*year (\d{4})/m)?.[1]);
        for (const y of ['2022', '2023', '2024', '2025', '2026']) expect(cleanYears).toContain(y);
        expect(files.filter(f => f.startsWith('problems')).length).toBeGreaterThanOrEqual(10);
    });

    it('report exactly the diagnostics each file expects (all files checked together)', async () => {
        const sources = files.map(f => ({ path: join(root, f), text: readFileSync(join(root, f), 'utf8') }));
        const checked = await workspace().check(sources);
        for (const file of checked) {
            const actual = file.diagnostics.map(d => `${d.severity} ${d.code}`).sort();
            expect(actual, `${file.path}:\n${file.diagnostics.map(d => `  ${d.line}:${d.column} ${d.code} ${d.message}`).join('\n')}`)
                .toEqual(expectations(file.text));
        }
    });

    it('clean examples are not gated and problem files that expect score/zero are', async () => {
        const checked = await workspace().check(files.map(f => ({ path: join(root, f), text: readFileSync(join(root, f), 'utf8') })));
        for (const file of checked) {
            expect(file.analysis?.score.zero, file.path).toBe(expectations(file.text).includes('error score/zero'));
        }
    });
});
