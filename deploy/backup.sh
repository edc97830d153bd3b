#!/usr/bin/env bash
# Back up the portal's SQLite database with SQLite's online backup (consistent while the
# portal runs, WAL included), check the copy, and keep KEEP_DAYS days of copies.
#   PORTAL_INSTANCE_PATH  the instance folder holding portal.sqlite3 (default: instance/)
#   BACKUP_DIR            where the copies go (default: backups/)
#   KEEP_DAYS             how many days of copies to keep (default: 14)
# Prints the path of the new copy. Restore with deploy/restore.sh.
set -euo pipefail
instance="${PORTAL_INSTANCE_PATH:-instance}"
target="${BACKUP_DIR:-backups}"
keep="${KEEP_DAYS:-14}"
database="$instance/portal.sqlite3"
[ -f "$database" ] || { echo "no database at $database" >&2; exit 1; }
umask 077
mkdir -p "$target"
copy="$target/portal-$(date -u +%Y%m%dT%H%M%SZ).sqlite3"
partial="$copy.partial"
sqlite3 "$database" ".timeout 10000" ".backup '$partial'"
check="$(sqlite3 "$partial" 'PRAGMA integrity_check;')"
if [ "$check" != "ok" ]; then
    rm -f "$partial"
    echo "backup failed its integrity check: $check" >&2
    exit 1
fi
mv "$partial" "$copy"
find "$target" -maxdepth 1 -name 'portal-*.sqlite3' -mtime +"$keep" -delete
echo "$copy"
