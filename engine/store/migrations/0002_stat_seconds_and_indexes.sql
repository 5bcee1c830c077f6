-- Version 2: how long a scene, tour or step lasted; leaderboards by day; purging by age.
ALTER TABLE stats ADD COLUMN seconds REAL CHECK (seconds IS NULL OR seconds >= 0);
CREATE INDEX stats_at ON stats (at);
CREATE INDEX stats_day ON stats (day, kind, key);
CREATE INDEX leaderboard_day ON leaderboard (day, score DESC, reached_at, reached_seq);
CREATE INDEX leaderboard_submitted ON leaderboard (submitted_at);
