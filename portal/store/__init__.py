"""The only package that touches SQLite: connection, migrations, retention, and the tables.

Reached only from portal/web and the CLI; portal/rules and portal/flow never import it.
Every schema change is a migration function in the module that owns the table; MIGRATIONS
below registers them in the one order they are applied (sqlite-utils applies them in
registration order).
"""

from portal.store import answers, codes, staff, stats
from portal.store.answers import (
    delete_answer_set,
    load_answers,
    new_answer_set,
    save_answers,
    set_answer,
)
from portal.store.codes import (
    RESUME_ALPHABET,
    RESUME_GROUP,
    RESUME_LENGTH,
    RecentCode,
    answer_set_for_code,
    create_resume_code,
    format_code,
    has_resume_code,
    hash_code,
    is_live_code,
    normalise_code,
)
from portal.store.db import (
    UNAVAILABLE,
    close_db,
    close_thread_connection,
    connect,
    discard_db,
    get_db,
    health,
    init_app,
    init_db,
    is_healthy,
    iso,
    migrations,
    now,
    purge_batches,
    purge_expired,
)
from portal.store.staff import (
    STAFF_ROLES,
    StaffExists,
    audit_lookup,
    clear_failures,
    create_desk_session,
    create_staff,
    delete_desk_session,
    failures_since,
    find_desk_session,
    find_staff,
    get_staff,
    list_staff,
    read_audit,
    record_failure,
    record_login,
    set_staff_active,
    touch_desk_session,
)
from portal.store.stats import STAT_EVENTS, record_stat, stats_rows

MIGRATIONS = (
    answers.m001_answer_sets,
    stats.m002_daily_stats,
    staff.m010_staff,
    staff.m011_audit_log,
    staff.m012_failed_attempts,
    codes.m013_resume_codes,
    staff.m014_desk_sessions,
    staff.m015_audit_log_keyed,
)
for _step in MIGRATIONS:
    migrations()(_step)

__all__ = [
    "RESUME_ALPHABET",
    "RESUME_GROUP",
    "RESUME_LENGTH",
    "STAFF_ROLES",
    "STAT_EVENTS",
    "UNAVAILABLE",
    "RecentCode",
    "StaffExists",
    "answer_set_for_code",
    "audit_lookup",
    "clear_failures",
    "close_db",
    "close_thread_connection",
    "connect",
    "create_desk_session",
    "create_resume_code",
    "create_staff",
    "delete_answer_set",
    "delete_desk_session",
    "discard_db",
    "failures_since",
    "find_desk_session",
    "find_staff",
    "format_code",
    "get_db",
    "get_staff",
    "has_resume_code",
    "hash_code",
    "health",
    "init_app",
    "init_db",
    "is_healthy",
    "is_live_code",
    "iso",
    "list_staff",
    "load_answers",
    "migrations",
    "new_answer_set",
    "normalise_code",
    "now",
    "purge_batches",
    "purge_expired",
    "read_audit",
    "record_failure",
    "record_login",
    "record_stat",
    "save_answers",
    "set_answer",
    "set_staff_active",
    "stats_rows",
    "touch_desk_session",
]
