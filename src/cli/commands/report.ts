import { inputAt, removeTempFilesOnSignals, writeFileAtomic } from '../../interop/write-file.js';
import { safe } from '../terminal.js';
import { buildPortfolio, portfolioRow } from '../../report/portfolio.js';
import { renderHtml } from '../../report/render-html.js';
import { renderCsv, renderJson, renderTable } from '../../report/render-text.js';
import { ExitCode, oneOf, parseOptions, UsageError, type Command } from '../command.js';
import { collectInputs } from '../inputs.js';
import { checkEach, progressFor } from '../progress.js';

const FORMATS = ['table', 'csv', 'json', 'html'] as const;

export const reportCommand: Command = {
    name: 'report',
    summary: 'portfolio report: one row per submission, worst first (table, csv, json, html)',
    usage: `pisub report <folders or files...> [--format table|csv|json|html] [-o file] [--force]

Checks every submission found (folders are searched recursively for *.pisub and *.qpp.json) and
prints one row per submission: practice, entity (kind, TIN, NPI, id), performance year, estimated PI
score, whether the category would score 0 and why, and the number of errors and warnings. Rows are
sorted worst first: scoring 0, then the lowest score, then the most errors.

  --format table|csv|json|html   output format (default: table). html is one self-contained page
                                 with a score bar per practice, printable.
  -o, --output <file>            write the report to a file instead of standard output
  --force                        replace the output file if it exists (never replaced otherwise;
                                 never one of the inputs, even with --force)

Exit codes: 0 report written (whatever the submissions' scores); 2 usage error, an unreadable
input (the report still lists the rest) or the output file could not be written.`,
    async run(argv, io) {
        const { values, positionals } = parseOptions(argv, {
            format: { type: 'string' },
            output: { type: 'string', short: 'o' },
            force: { type: 'boolean' }
        });
        const format = oneOf(values.format, FORMATS, 'table', 'format');
        if (positionals.length === 0) throw new UsageError('pisub report needs at least one folder or file');
        if (values.output !== undefined && values.output.trim() === '') throw new UsageError('-o needs a file name');
        const { files, problems } = collectInputs(positionals);
        for (const p of problems) io.err(`pisub: ${safe(p.path)}: ${safe(p.message)}\n`);
        if (files.length === 0 && problems.length === 0) {
            io.err(`pisub: no .pisub files found in ${positionals.map(safe).join(', ')}\n`);
            return ExitCode.Usage;
        }
        const replaced = values.output === undefined ? undefined : inputAt(values.output, [...files.map(f => f.path), ...problems.map(p => p.path)]);
        if (replaced !== undefined) {
            io.err(`pisub report: -o ${safe(values.output)} is the input ${safe(replaced)}; the report never replaces a submission (not even with --force): choose another output file\n`);
            return ExitCode.Usage;
        }
        const progress = progressFor(files.length, 'checked', {
            stdoutIsTTY: io.isTTY, humanFormat: format === 'table', toFile: values.output !== undefined
        }, io.err);
        const rows = await checkEach(files, progress, portfolioRow);
        const portfolio = buildPortfolio(rows, problems);
        const text = format === 'csv' ? renderCsv(portfolio)
            : format === 'json' ? renderJson(portfolio)
            : format === 'html' ? renderHtml(portfolio, { generated: new Date().toISOString().slice(0, 10) })
            : renderTable(portfolio);
        if (values.output === undefined) {
            io.out(text);
        } else {
            removeTempFilesOnSignals();
            const outcome = writeFileAtomic(values.output, text, values.force ?? false);
            if (!outcome.ok) {
                io.err(`pisub report: ${safe(outcome.problem)}\n`);
                return ExitCode.Usage;
            }
            io.err(`pisub report: wrote ${portfolio.rows.length} submission${portfolio.rows.length === 1 ? '' : 's'} to ${safe(values.output)}\n`);
        }
        return problems.length > 0 ? ExitCode.Usage : ExitCode.Ok;
    }
};
