#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh. Stop the portal first (systemctl stop wegwijzer):
# the copy replaces the database, and the old -wal and -shm files must go with it.
#   restore.sh BACKUP_FILE   (PORTAL_INSTANCE_PATH as for backup.sh)
# The database that was there is kept beside it as portal.sqlite3.before-restore.
# A backup holds no answers or codes (backup.sh): after a restore, staff log in as before,
# and every saved check is gone, as its code no longer opens anything.
set -euo pipefail
backup="${1:?usage: restore.sh BACKUP_FILE}"
instance="${PORTAL_INSTANCE_PATH:-instance}"
database="$instance/portal.sqlite3"
# A file that is not a database at all makes sqlite3 fail: that is a failed check too.
check="$(sqlite3 "$backup" 'PRAGMA integrity_check;' 2>&1)" || true
[ "$check" = "ok" ] || { echo "$backup failed its integrity check: $check" >&2; exit 1; }
umask 077
mkdir -p "$instance"
if [ -f "$database" ]; then
    # Fold the WAL into the old file first, so the kept copy is whole.
    sqlite3 "$database" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
    mv "$database" "$database.before-restore"
fi
rm -f "$database-wal" "$database-shm"
sqlite3 "$backup" ".backup '$database'"
echo "restored $backup to $database; start the portal again (systemctl start wegwijzer)"
