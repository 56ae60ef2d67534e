-- Which instance holds a claim on a dropped file: the key of the session-level advisory lock the
-- instance holds for as long as it lives. A claim whose holder's lock is gone (a crashed
-- instance) is taken over at once instead of after the claim's expiry. Null for claims made
-- before this column (they still expire).
ALTER TABLE camel_messageprocessed ADD COLUMN holder BIGINT;
