import { PisubWorkspace } from '../../language/headless.js';
import { cliEvidenceFiles } from '../../language/evidence-files.js';
import { buildQppSubmission, qppJsonText, SUBMISSION_METHODS } from '../../interop/export.js';
import { inputAt, removeTempFilesOnSignals, writeFileAtomic } from '../../interop/write-file.js';
import { safe } from '../terminal.js';
import { ExitCode, oneOf, parseOptions, UsageError, type Command } from '../command.js';
import { readOneSubmission } from '../inputs.js';

export const exportCommand: Command = {
    name: 'export',
    summary: 'write the QPP Submissions API JSON of a submission',
    usage: `pisub export <file.pisub> [-o out.json] [--force] [--allow-errors] [--submission-method registry|electronicHealthRecord]

Writes the submission as QPP Submissions API JSON: entity fields, performanceYear and one "pi"
measurement set (submissionMethod, programName, cehrtId, performanceStart/End, measurements with
official ids). Exclusions and active-engagement levels are measurements of their own with value true.
The output is deterministic (measurements sorted by id, 2-space JSON). See docs/interop.md.

  -o, --output <file>        write to this file (atomically); without it the JSON goes to standard output
  --force                    overwrite the output file if it exists (never done without it)
  --allow-errors             export even when the submission has errors (they are listed on stderr)
  --submission-method <m>    registry (default) or electronicHealthRecord

Exit codes: 0 exported; 1 the submission has errors (nothing written) or the output could not be
written; 2 usage error, unreadable input, or the output file exists without --force.`,
    async run(argv, io) {
        const { values, positionals } = parseOptions(argv, {
            output: { type: 'string', short: 'o' },
            force: { type: 'boolean' },
            'allow-errors': { type: 'boolean' },
            'submission-method': { type: 'string' }
        });
        const method = oneOf(values['submission-method'], SUBMISSION_METHODS, 'registry', 'submission-method');
        if (positionals.length !== 1) throw new UsageError('pisub export takes exactly one .pisub file');
        if (values.output === '') throw new UsageError('-o needs a file name');
        const file = readOneSubmission(positionals[0], 'export', io.err);
        if (file === ExitCode.Usage) return ExitCode.Usage;
        const [checked] = await new PisubWorkspace({ evidenceFiles: cliEvidenceFiles() }).check([file]);
        const errors = checked.diagnostics.filter(d => d.severity === 'error');
        const list = errors.map(d => `  ${safe(checked.path)}:${d.line}:${d.column}: ${safe(d.message)} [${d.code}]\n`).join('');
        if (!checked.analysis) {
            io.err(`pisub: ${safe(checked.path)}: could not be read as a submission:\n${list}`);
            return ExitCode.Errors;
        }
        if (errors.length > 0 && !values['allow-errors']) {
            io.err(`pisub: ${safe(checked.path)} has ${errors.length} error${errors.length > 1 ? 's' : ''}; nothing was exported. Fix them, or use --allow-errors to export anyway:\n${list}`);
            return ExitCode.Errors;
        }
        if (errors.length > 0) io.err(`pisub: warning: exporting ${safe(checked.path)} with ${errors.length} error${errors.length > 1 ? 's' : ''} (--allow-errors); QPP may reject it:\n${list}`);
        const result = buildQppSubmission(checked.analysis, method);
        if (!result.submission) {
            io.err(`pisub: ${safe(checked.path)}: cannot export: ${safe(result.problem)}.\n`);
            return ExitCode.Errors;
        }
        if (result.skipped.length > 0) {
            io.err(`pisub: warning: left out ${result.skipped.map(safe).join(', ')}: their numbers are not valid counts.\n`);
        }
        const model = checked.analysis.model;
        if (model.clinicians.length > 0) io.err(`pisub: note: the clinician list (${model.clinicians.length}) is not part of the QPP measurement set and is not exported.\n`);
        if (model.statuses.length > 0) io.err(`pisub: note: special status ${safe(model.statuses[0].value)} is not part of the QPP measurement set and is not exported.\n`);
        const text = qppJsonText(result.submission);
        if (values.output === undefined) {
            io.out(text);
            return ExitCode.Ok;
        }
        if (inputAt(values.output, [checked.path]) !== undefined) {
            io.err(`pisub: -o ${safe(values.output)} is the input file itself; choose another output file (not even --force replaces an input)\n`);
            return ExitCode.Usage;
        }
        removeTempFilesOnSignals();
        const written = writeFileAtomic(values.output, text, values.force === true);
        if (!written.ok) {
            io.err(`pisub: ${safe(written.problem)}\n`);
            return written.exists ? ExitCode.Usage : ExitCode.Errors;
        }
        io.err(`pisub: wrote ${safe(values.output)}\n`);
        return ExitCode.Ok;
    }
};
