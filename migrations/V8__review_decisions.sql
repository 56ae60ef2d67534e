-- Reviewers' decisions: an event carries the reviewer's note (event 'reviewed', and 'superseded'
-- for an older version a decision retired). The pipeline's own events leave it null.
ALTER TABLE model_version_events ADD COLUMN note TEXT;
