#!/usr/bin/env bash
# Takes the pictures of docs/answer-page.md (the answer page open, answered, delegated, closed, at 360 px, and an
# invitation mail's HTML part; the feedback form and the feedback-request mail; the date poll's page open, voted, at 360 px) from the real service in Chromium (Debian package: apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/images
SCREENSHOTS_DIR="$(pwd)/docs/images" dotnet test tests/Meetings.Browser.Tests --filter "FullyQualifiedName~ScreenshotTests" -v q
ls -l docs/images
