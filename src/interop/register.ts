/**
 * Registers QPP JSON as an input format of the headless workspace (`pisub check`/`score` accept
 * `.json` QPP submissions). Imported for its side effect by the CLI and by the tests.
 */
import { registerInputFormat } from '../language/headless.js';
import { parseQppJson } from './qpp-json.js';

registerInputFormat({
    format: 'qpp-json',
    extensions: ['.json'],
    parse: text => parseQppJson(text)
});
