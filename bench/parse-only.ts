/**
 * Benchmark reference: the same file reading and Langium build as `pisub check`, with validation
 * (every PI rule and the score) switched off, so the cost of the rules shows as the difference.
 * Bundled by bench/run.mjs to out/bench/parse-only.cjs.   Usage: node out/bench/parse-only.cjs <dir>
 */
import { URI, EmptyFileSystem } from 'langium';
import { collectInputs } from '../src/cli/inputs.js';
import { linkedBatches, DEFAULT_BATCH_SIZE } from '../src/language/batches.js';
import { createPisubServices } from '../src/language/pisub-module.js';

async function main(): Promise<void> {
    const { files } = collectInputs(process.argv.slice(2));
    const { shared } = createPisubServices(EmptyFileSystem);
    const { LangiumDocumentFactory: factory, LangiumDocuments: store, DocumentBuilder: builder, IndexManager: index } = shared.workspace;
    let n = 0, syntaxErrors = 0;
    // The same batches as `pisub check`, so the comparison is like for like.
    for (const batch of linkedBatches(files, DEFAULT_BATCH_SIZE)) {
        const docs = batch.map(i => {
            const doc = factory.fromString(files[i].text, URI.parse(`pisub-parse:///${++n}.pisub`));
            store.addDocument(doc);
            return doc;
        });
        await builder.build(docs, { validation: false });
        for (const doc of docs) {
            syntaxErrors += doc.parseResult.parserErrors.length + doc.parseResult.lexerErrors.length;
            store.deleteDocument(doc.uri);
            index.remove(doc.uri);
        }
    }
    process.stdout.write(`${files.length} files parsed and linked, ${syntaxErrors} syntax errors\n`);
}

void main();
