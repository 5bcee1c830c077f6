-- Version 3: everything that pays is remembered, so a resumed visit never pays twice. Quiz answers
-- (the first answer counts; in order, for streaks) and completed challenges were only statistics.

-- progress gains the kind 'challenge': SQLite cannot change a CHECK, so the table is rebuilt.
CREATE TABLE progress_v3 (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('stamp', 'collectible', 'badge', 'challenge')),
    item       TEXT NOT NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (session_id, kind, item)
) WITHOUT ROWID;
INSERT INTO progress_v3 (session_id, kind, item, at) SELECT session_id, kind, item, at FROM progress;
DROP TABLE progress;
ALTER TABLE progress_v3 RENAME TO progress;

-- A session's answer to each quiz: at most one (the first); id is the order they were given in.
CREATE TABLE quiz_answers (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    quiz       TEXT NOT NULL,
    option     TEXT NOT NULL,
    correct    INTEGER NOT NULL CHECK (correct IN (0, 1)),
    at         TEXT NOT NULL,
    UNIQUE (session_id, quiz)
);

-- What older versions knew of them: statistics linked to a kept session, keyed 'scene/quiz:option'
-- and 'scene/challenge'; an answer was right when it scored (reason 'quiz:quiz:option').
INSERT OR IGNORE INTO quiz_answers (session_id, quiz, option, correct, at)
SELECT session_id, substr(item, 1, instr(item, ':') - 1), substr(item, instr(item, ':') + 1),
       EXISTS (SELECT 1 FROM score_events e WHERE e.session_id = linked.session_id AND e.points > 0
               AND e.reason = 'quiz:' || linked.item),
       at
FROM (SELECT st.id, st.session_id, st.at, substr(st.key, length(s.scene) + 2) AS item
      FROM stats st JOIN sessions s ON s.id = st.session_id
      WHERE st.kind = 'quiz' AND substr(st.key, 1, length(s.scene) + 1) = s.scene || '/') AS linked
WHERE instr(item, ':') > 1
ORDER BY id;

INSERT OR IGNORE INTO progress (session_id, kind, item, at)
SELECT st.session_id, 'challenge', substr(st.key, length(s.scene) + 2), min(st.at)
FROM stats st JOIN sessions s ON s.id = st.session_id
WHERE st.kind = 'challenge' AND substr(st.key, 1, length(s.scene) + 1) = s.scene || '/'
      AND length(st.key) > length(s.scene) + 1
GROUP BY st.session_id, st.key;
