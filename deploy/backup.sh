#!/usr/bin/env bash
# Back up the portal's SQLite database with SQLite's online backup (consistent while the
# portal runs, WAL included), without any answers, check the copy, and keep KEEP_DAYS days.
#   PORTAL_INSTANCE_PATH  the instance folder holding portal.sqlite3 (default: instance/)
#   BACKUP_DIR            where the copies go (default: backups/)
#   KEEP_DAYS             copies older than this many days are deleted (default: 14)
# A copy holds only the tables in KEEP_TABLES (staff accounts, audit log, statistics) and the
# migration record: answer sets and resume codes are wiped after 24 hours or 30 days, or at
# once when the person deletes them, and a backup must not bring them back (privacy page).
# Failed logins and desk sessions stay out too. Prints the path of the new copy. Restore with
# deploy/restore.sh.
set -euo pipefail
instance="${PORTAL_INSTANCE_PATH:-instance}"
target="${BACKUP_DIR:-backups}"
keep="${KEEP_DAYS:-14}"
database="$instance/portal.sqlite3"
KEEP_TABLES="'staff', 'audit_log', 'daily_stats'"
[ -f "$database" ] || { echo "no database at $database" >&2; exit 1; }
umask 077
mkdir -p "$target"
copy="$target/portal-$(date -u +%Y%m%dT%H%M%SZ).sqlite3"
partial="$copy.partial"
# The full copy (answers included) is made beside the database, never in the backup folder,
# and removed whatever happens.
full="$(mktemp "$instance/backup-XXXXXX.sqlite3")"
trap 'rm -f "$full" "$full-journal" "$full-wal" "$full-shm" "$partial"' EXIT
sqlite3 "$database" ".timeout 10000" ".backup '$full'"
# Every table but the kept ones is emptied, so a table added later stays out until it is named.
drop="$(sqlite3 "$full" "SELECT 'DELETE FROM [' || name || '];' FROM sqlite_master
    WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
    AND name <> '_sqlite_migrations' AND name NOT IN ($KEEP_TABLES);")"
sqlite3 "$full" "PRAGMA foreign_keys = OFF; BEGIN; $drop COMMIT;"
# VACUUM INTO writes only live rows to a new file: no page of the deleted answers goes along.
sqlite3 "$full" "VACUUM INTO '$partial';"
check="$(sqlite3 "$partial" 'PRAGMA integrity_check;')"
if [ "$check" != "ok" ]; then
    echo "backup failed its integrity check: $check" >&2
    exit 1
fi
mv "$partial" "$copy"
# -mtime +N matches files at least N+1 whole days old: +$((keep - 1)) keeps KEEP_DAYS days.
find "$target" -maxdepth 1 -name 'portal-*.sqlite3' -mtime +"$((keep - 1))" -delete
echo "$copy"
