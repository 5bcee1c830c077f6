-- Ludao store, version 1. Times are UTC text 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (text order is time
-- order); days are the kiosk's local 'YYYY-MM-DD'. Nothing here identifies a person.

-- A visit: an anonymous random id and a short code to resume it on the same kiosk.
CREATE TABLE sessions (
    id             TEXT PRIMARY KEY CHECK (length(id) = 32),
    kiosk          TEXT NOT NULL,
    scene          TEXT NOT NULL,
    lang           TEXT NOT NULL,
    resume_code    TEXT NOT NULL CHECK (length(resume_code) = 6),
    started_at     TEXT NOT NULL,
    last_active_at TEXT NOT NULL,
    nickname       TEXT,
    score          INTEGER NOT NULL DEFAULT 0,
    score_at       TEXT,     -- when the score last changed
    score_seq      INTEGER,  -- and the score_events id that changed it (order within equal times)
    UNIQUE (kiosk, resume_code)
);
CREATE INDEX sessions_last_active ON sessions (last_active_at);

-- Stamps, collectibles and badges a session holds: each at most once.
CREATE TABLE progress (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('stamp', 'collectible', 'badge')),
    item       TEXT NOT NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (session_id, kind, item)
) WITHOUT ROWID;

-- Every change to a score, with its reason; the total is kept in sessions.score.
CREATE TABLE score_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    points     INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX score_events_session ON score_events (session_id);

-- One entry a session: its nickname and score as last submitted.
CREATE TABLE leaderboard (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id   TEXT NOT NULL UNIQUE REFERENCES sessions (id) ON DELETE CASCADE,
    kiosk        TEXT NOT NULL,
    scene        TEXT NOT NULL,
    day          TEXT NOT NULL,
    nickname     TEXT NOT NULL,
    score        INTEGER NOT NULL,
    reached_at   TEXT NOT NULL,  -- when the session got to this score: earlier wins a tie
    reached_seq  INTEGER NOT NULL,
    submitted_at TEXT NOT NULL
);
CREATE INDEX leaderboard_scene ON leaderboard (scene, score DESC, reached_at, reached_seq);
CREATE INDEX leaderboard_kiosk ON leaderboard (kiosk, score DESC, reached_at, reached_seq);

-- Anonymous visit statistics: what was seen. session_id only links a row to a visit while the
-- visit is kept (it is never exported) and is cleared when the session is purged.
CREATE TABLE stats (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    key        TEXT NOT NULL,
    day        TEXT NOT NULL,
    at         TEXT NOT NULL,
    session_id TEXT REFERENCES sessions (id) ON DELETE SET NULL
);
CREATE INDEX stats_session ON stats (session_id);
