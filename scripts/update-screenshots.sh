#!/usr/bin/env bash
# Copies the README's screenshots from the last end-to-end run (npm run test:e2e) into media/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
for name in describe-image ask-about-image image-panel image-panel-text alt-text-hover alt-text-quick-fix alt-text-intent alt-text-diagnostics alt-text-batch-review image-preview-menu alt-text-file-review explorer-menu status-menu settings; do
  cp "e2e/out/screenshots/$name.png" "media/screenshots/$name.png"
done
echo "updated media/screenshots from e2e/out/screenshots"
