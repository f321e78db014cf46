package donna.core.mail.local;

import java.util.List;

/** The mail database's schema, one list of statements per version, never edited once shipped: append instead. */
final class MailSchema {
    private MailSchema() {}

    static final List<List<String>> VERSIONS = List.of(
            // 1: the outbox. Addresses are JSON arrays; times are epoch milliseconds.
            List.of("""
                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        idempotency_key TEXT NOT NULL UNIQUE,
                        to_addresses TEXT NOT NULL,
                        cc_addresses TEXT NOT NULL,
                        bcc_addresses TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        body TEXT NOT NULL,
                        reply_to_message_id TEXT,
                        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
                        reason TEXT,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        message_id TEXT,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    )""",
                    "CREATE INDEX outbox_by_state ON outbox (state, id)"),
            // 2: the last inbox page and the messages opened from it, as the service's JSON, for offline reading.
            List.of("""
                    CREATE TABLE inbox_page (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        page TEXT NOT NULL,
                        saved_at INTEGER NOT NULL
                    )""", """
                    CREATE TABLE saved_message (
                        id TEXT PRIMARY KEY,
                        message TEXT NOT NULL,
                        saved_at INTEGER NOT NULL
                    )""", "CREATE INDEX saved_message_by_age ON saved_message (saved_at)"));
}
