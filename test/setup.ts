// Node 20 polyfills for Langium 4.4's parser (chevrotain 13), as in every entry point.
import '../src/polyfills.js';
