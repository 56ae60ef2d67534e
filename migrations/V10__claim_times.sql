-- When a claim was made, or taken over from a crashed instance. The holder refreshes createdat
-- every few seconds to show it is still at work, so createdat cannot say how long a file has been
-- held; a run that finds a file claimed by another instance reports this instead. Null for claims
-- made before this column.
ALTER TABLE camel_messageprocessed ADD COLUMN claimed_at TIMESTAMP;
