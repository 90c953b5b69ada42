#!/usr/bin/env bash
# `npm run test:e2e`: install code-server + chromium if needed (idempotent, into the git-ignored
# .vscode-e2e/), then package the extension and run the end-to-end checks in real VS Code.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .vscode-e2e
echo "e2e: checking code-server and chromium (log: .vscode-e2e/setup.log)"
if ! bash scripts/e2e-setup-code-server.sh "$PWD/.vscode-e2e/cs" > .vscode-e2e/setup.log 2>&1; then
  tail -40 .vscode-e2e/setup.log >&2
  echo "e2e: installing code-server failed" >&2
  exit 1
fi
exec node scripts/e2e-run.cjs "$@"
