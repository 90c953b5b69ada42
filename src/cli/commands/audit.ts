import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeBinder } from '../../audit/write-binder.js';
import { checkInBatches } from '../../language/batches.js';
import { cliEvidenceFiles } from '../../language/evidence-files.js';
import { PisubWorkspace } from '../../language/headless.js';
import { ExitCode, parseOptions, UsageError, type Command } from '../command.js';
import { collectInputs } from '../inputs.js';
import { progressFor, tracked } from '../progress.js';

/** The Chromium used for --pdf (PISUB_CHROMIUM overrides). */
export function chromiumPath(): string | undefined {
    const candidates = [process.env.PISUB_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
    return candidates.find(c => c !== undefined && c !== '' && existsSync(c));
}

/** Prints `index.html` to `binder.pdf` with headless Chromium; returns a problem or undefined. */
export function printPdf(dir: string, chromium: string): string | undefined {
    const temp = join(dir, `.binder.${process.pid}.pdf`);
    const result = spawnSync(chromium, [
        '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', '--no-pdf-header-footer',
        `--print-to-pdf=${temp}`, pathToFileURL(join(dir, 'index.html')).href
    ], { stdio: 'ignore', timeout: 120_000 });
    try {
        if (result.error || !existsSync(temp) || statSync(temp).size === 0) return `Chromium did not print the PDF${result.error ? ` (${result.error.message})` : ''}`;
        renameSync(temp, join(dir, 'binder.pdf'));
        return undefined;
    } finally {
        rmSync(temp, { force: true });
    }
}

export const auditCommand: Command = {
    name: 'audit',
    summary: 'build an audit binder per submission: a printable page, copies of the evidence, a manifest',
    usage: `pisub audit <files or folders...> -o <folder> [--force] [--pdf]

Checks every .pisub submission found (folders are searched recursively) and builds one audit binder
per submission in <folder>/<submission name>/:
  index.html      one self-contained printable page: entity, year, period, CEHRT id, estimated score,
                  every attestation and measure with its value, what CMS expects as documentation,
                  the evidence files (date, size, SHA-256), what is missing, and the date until which
                  it must be kept (six years after the submission window closes)
  evidence/       copies of the evidence files (the originals are only read)
  manifest.json   every file's relative path, sha256 and bytes, to verify the binder later
  binder.pdf      with --pdf, printed by headless Chromium (/usr/bin/chromium or $PISUB_CHROMIUM)

  -o, --output <folder>   where the binders go (created if needed)
  --force                 replace existing binders (a folder without manifest.json is never replaced)
  --pdf                   also print each page to binder.pdf

Exit codes: 0 every binder complete; 1 evidence is missing in a binder; 2 usage error, unreadable
or unparsable input, or a binder that could not be written (or exists, without --force).`,
    async run(argv, io) {
        const { values, positionals } = parseOptions(argv, {
            output: { type: 'string', short: 'o' },
            force: { type: 'boolean' },
            pdf: { type: 'boolean' }
        });
        if (positionals.length === 0) throw new UsageError('pisub audit needs at least one file or folder');
        if (values.output === undefined || values.output.trim() === '') throw new UsageError('pisub audit needs -o <folder> for the binders');
        const out = resolve(values.output);
        const { files, problems } = collectInputs(positionals);
        for (const p of problems) io.err(`pisub: ${p.path}: ${p.message}\n`);
        const pisubFiles = files.filter(f => f.path.toLowerCase().endsWith('.pisub'));
        for (const f of files) if (!pisubFiles.includes(f)) io.err(`pisub audit: ${f.path}: skipped (QPP JSON carries no evidence)\n`);
        if (pisubFiles.length === 0) {
            if (problems.length === 0) io.err(`pisub: no .pisub files found in ${positionals.join(', ')}\n`);
            return ExitCode.Usage;
        }
        const chromium = values.pdf ? chromiumPath() : undefined;
        if (values.pdf && !chromium) io.err('pisub audit: --pdf: Chromium not found (/usr/bin/chromium or $PISUB_CHROMIUM); binders are written without a PDF\n');
        const workspace = new PisubWorkspace({ evidenceFiles: cliEvidenceFiles() });
        const progress = progressFor(pisubFiles.length, 'checked', { stdoutIsTTY: io.isTTY, humanFormat: true, toFile: false }, io.err);
        const checked = await tracked(workspace, progress, () => checkInBatches(workspace, pisubFiles, { keepAnalysis: true }));
        const generated = new Date().toISOString().slice(0, 10);
        let bad = problems.length > 0, missing = false;
        for (const file of checked) {
            if (file.diagnostics.some(d => d.code === 'submission/syntax')) {
                io.err(`pisub audit: ${file.path}: has syntax errors (see pisub check); no binder built\n`);
                bad = true;
                continue;
            }
            const outcome = writeBinder(file, out, { force: values.force ?? false, generated });
            if (!outcome.ok) {
                io.err(`pisub audit: ${outcome.problem}\n`);
                bad = true;
                continue;
            }
            const n = outcome.binder.missingCount;
            if (n > 0) missing = true;
            if (chromium) {
                const problem = printPdf(outcome.dir, chromium);
                if (problem) { io.err(`pisub audit: ${outcome.dir}: ${problem}\n`); bad = true; }
            }
            const lacking = outcome.binder.items.filter(i => i.missing).map(i => i.label);
            const shown = join(values.output, basename(outcome.dir));
            io.out(`${shown}: ${n === 0 ? 'complete' : `${n} missing${lacking.length ? ` (${lacking.join(', ')})` : ''}`}, ${outcome.manifest.files.length} file${outcome.manifest.files.length === 1 ? '' : 's'}\n`);
        }
        return bad ? ExitCode.Usage : missing ? ExitCode.Errors : ExitCode.Ok;
    }
};
