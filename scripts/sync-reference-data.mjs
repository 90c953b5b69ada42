#!/usr/bin/env node
// Copies CMS's official per-year PI measure data (qpp-measures-data, CC0) from ../shared/reference
// into src/language/data/qpp-measures/, verbatim, so that the product runs offline and self-contained.
// test/data/reference-data.test.ts checks that the copies still equal the reference when it is present.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const from = resolve(process.argv[2] ?? join(root, '..', 'shared', 'reference', 'qpp-measures-data'));
const to = join(root, 'src', 'language', 'data', 'qpp-measures');
if (!existsSync(from)) {
    console.error(`sync-reference-data: ${from} not found`);
    process.exit(2);
}
mkdirSync(to, { recursive: true });
for (let year = 2022; year <= 2027; year++) {
    copyFileSync(join(from, `${year}-pi.json`), join(to, `${year}-pi.json`));
    console.log(`copied ${year}-pi.json`);
}
