// Node 20 polyfills for Langium 4.4's parser (chevrotain 13): the one file the bundler injects into
// the CLI and server bundles (esbuild.mjs).
import '../scripts/node20-polyfills.mjs';
