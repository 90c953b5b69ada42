#!/usr/bin/env node
// The pisub command line (bundled by esbuild from src/cli/main.ts).
require('../out/cli/main.cjs');
