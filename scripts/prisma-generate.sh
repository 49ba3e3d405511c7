#!/usr/bin/env bash
# Generates both Prisma clients (server/db/generated/{sqlite,postgresql}); runs on `npm install` (postinstall)
# and from the start/test scripts when the clients are missing. Offline: the client is WASM + driver adapter.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx scripts/prisma-postgres.ts
npx prisma generate --schema prisma/schema.prisma >/dev/null
npx prisma generate --schema prisma/postgresql/schema.prisma >/dev/null
echo "prisma clients generated (sqlite, postgresql)"
