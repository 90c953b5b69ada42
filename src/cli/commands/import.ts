import { existsSync, statSync } from 'node:fs';
import { importSubmission } from '../../interop/import.js';
import { inputAt, removeTempFilesOnSignals, writeFileAtomic } from '../../interop/write-file.js';
import { safe } from '../terminal.js';
import { ExitCode, parseOptions, UsageError, type Command } from '../command.js';
import { readSubmissionText } from '../inputs.js';

export const importCommand: Command = {
    name: 'import',
    summary: 'turn a QPP JSON or QRDA III file into a .pisub file',
    usage: `pisub import <file.json|file.xml> [-o out.pisub] [--force] [--year YYYY]

Reads a QPP Submissions API JSON submission (.json) or the Promoting Interoperability section of a
QRDA Category III file (.xml) and writes a formatted .pisub submission: entity, program, period,
CEHRT id and every PI measure, with friendly names, exclusions as "measure <name> excluded <ID>" and
engagement levels on their measure. What the file says is kept even when it breaks a rule: run
"pisub check" on the result. See docs/interop.md.

  -o, --output <file>   write to this file (atomically); without it the .pisub text goes to standard output
  --force               overwrite the output file if it exists (never done without it)
  --year <YYYY>         use this performance year instead of the one in the file

Exit codes: 0 imported; 1 the file could not be converted (problems listed) or the output could not be
written; 2 usage error, unreadable input, or the output file exists without --force.`,
    async run(argv, io) {
        const { values, positionals } = parseOptions(argv, {
            output: { type: 'string', short: 'o' },
            force: { type: 'boolean' },
            year: { type: 'string' }
        });
        if (positionals.length !== 1) throw new UsageError('pisub import takes exactly one .json or .xml file');
        if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new UsageError(`--year must be a four-digit year (got "${values.year}")`);
        if (values.output === '') throw new UsageError('-o needs a file name');
        const input = positionals[0];
        const lower = input.toLowerCase();
        if (!lower.endsWith('.json') && !lower.endsWith('.xml')) {
            io.err(`pisub: ${safe(input)}: not a QPP JSON (.json) or QRDA III (.xml) file\n`);
            return ExitCode.Usage;
        }
        if (existsSync(input) && statSync(input).isDirectory()) {
            io.err(`pisub: ${safe(input)}: is a folder; pisub import takes one file\n`);
            return ExitCode.Usage;
        }
        const { text, problem } = readSubmissionText(input);
        if (problem !== undefined) {
            io.err(`pisub: ${safe(input)}: ${safe(problem)}\n`);
            return ExitCode.Usage;
        }
        let result: ReturnType<typeof importSubmission>;
        try {
            result = importSubmission(input, text!, { year: values.year });
        } catch (e) {
            // One file's failure is that file's message (e.g. nesting too deep for the converter).
            const reason = e instanceof RangeError && /call stack/i.test(e.message) ? 'it is nested too deeply to convert' : `internal error: ${(e as Error)?.message ?? String(e)}`;
            io.err(`pisub: ${safe(input)}: cannot import: ${safe(reason)}\n`);
            return ExitCode.Errors;
        }
        if (!result.written) {
            io.err(`pisub: ${safe(input)}: cannot import:\n${result.problems.map(p => `  ${safe(p)}\n`).join('')}`);
            return ExitCode.Errors;
        }
        for (const p of result.problems) io.err(`pisub: ${safe(input)}: warning: ${safe(p)}\n`);
        for (const w of result.written.warnings) io.err(`pisub: ${safe(input)}: warning: ${safe(w)}\n`);
        if (values.output === undefined) {
            io.out(result.written.text);
            return ExitCode.Ok;
        }
        if (inputAt(values.output, [input]) !== undefined) {
            io.err(`pisub: -o ${safe(values.output)} is the input file itself; choose another output file (not even --force replaces an input)\n`);
            return ExitCode.Usage;
        }
        removeTempFilesOnSignals();
        const written = writeFileAtomic(values.output, result.written.text, values.force === true);
        if (!written.ok) {
            io.err(`pisub: ${safe(written.problem)}\n`);
            return written.exists ? ExitCode.Usage : ExitCode.Errors;
        }
        io.err(`pisub: wrote ${safe(values.output)} (submission ${safe(result.written.name)}); run "pisub check ${safe(values.output)}"\n`);
        return ExitCode.Ok;
    }
};
