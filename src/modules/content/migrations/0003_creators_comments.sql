-- Followers of creators (关注作者): the authors of videos and hosts of live rooms are users, and
-- identity keeps no creator profile, so content (the owner of what creators publish) keeps who
-- follows whom. The count lives beside it and moves in the same transaction as the rows.
CREATE TABLE creator_followers (
  creator_id text NOT NULL,
  user_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creator_id, user_id)
);
CREATE INDEX creator_followers_user ON creator_followers (user_id, created_at DESC);

CREATE TABLE creator_stats (
  creator_id text PRIMARY KEY,
  follower_count bigint NOT NULL DEFAULT 0 CHECK (follower_count >= 0)
);

-- Comments on videos: plain text, newest first by id (ids are time-ordered), deleted for good.
CREATE TABLE video_comments (
  id text PRIMARY KEY,
  video_id text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
  user_id text NOT NULL,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX video_comments_page ON video_comments (video_id, id COLLATE "C" DESC);

ALTER TABLE videos ADD COLUMN comment_count bigint NOT NULL DEFAULT 0 CHECK (comment_count >= 0);
