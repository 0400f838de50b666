#!/usr/bin/env bash
# Regenerates what is generated from the service's contract, in this order:
#   1. docs/openapi.json   the OpenAPI document exactly as the service serves it (tools/Meetings.OpenApiTool)
#   2. clients/Meetings.Client/Generated   the C# client, by Kiota 1.38.0 (the local tool of dotnet-tools.json)
# Run it after changing an endpoint or a contract, and commit both. The tests fail while either is stale.
# Usage: clients/generate.sh [output folder for the client, default clients/Meetings.Client/Generated]
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-clients/Meetings.Client/Generated}"

dotnet run --project tools/Meetings.OpenApiTool -- docs/openapi.json
dotnet tool restore >/dev/null
KIOTA_OFFLINE_ENABLED=true KIOTA_TUTORIAL_ENABLED=false dotnet kiota generate \
  --language CSharp --openapi docs/openapi.json --class-name MeetingsClient --namespace-name Meetings.Client \
  --output "$out" --exclude-backward-compatible --clean-output --log-level Warning
