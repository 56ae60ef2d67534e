-- Lineage: at most one promoted version per lineage, enforced by PostgreSQL whoever writes.
-- A lineage is a chain of versions in artifacts: parent_version_id names the older version, and
-- superseded_by, on the older row, names the newer one. Its key, lineage_id, is the id at the top
-- of the chain (the oldest version named, registered or not), kept on model_versions.

-- Walking up the chain from a version: each step asks for a row's superseded_by owner by id.
CREATE INDEX idx_artifacts_superseded_by ON artifacts (superseded_by) WHERE superseded_by IS NOT NULL;

-- The older versions of version_id, nearest first. parent_id is its parent_version_id (given,
-- so a version not yet in artifacts can be placed); a version without one continues through the
-- row whose superseded_by names it. A cycle or a chain over 1000 versions ends the walk.
CREATE FUNCTION model_lineage_ancestors(version_id TEXT, parent_id TEXT) RETURNS TEXT[]
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    path    TEXT[] := '{}';
    current TEXT := version_id;
    older   TEXT := parent_id;
BEGIN
    LOOP
        IF older IS NULL THEN
            SELECT min(id) INTO older FROM artifacts WHERE superseded_by = current AND id <> current;
        END IF;
        EXIT WHEN older IS NULL OR older = version_id OR older = ANY(path) OR cardinality(path) >= 1000;
        path := path || older;
        current := older;
        older := (SELECT parent_version_id FROM artifacts WHERE id = current);
    END LOOP;
    RETURN path;
END
$$;

-- The lineage key of a registered version: the oldest version its chain names, or itself.
CREATE FUNCTION model_lineage_root(version_id TEXT) RETURNS TEXT
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    path TEXT[] := model_lineage_ancestors(version_id,
        (SELECT parent_version_id FROM artifacts WHERE id = version_id));
BEGIN
    RETURN COALESCE(path[cardinality(path)], version_id);
END
$$;

ALTER TABLE model_versions ADD COLUMN lineage_id TEXT;
UPDATE model_versions SET lineage_id = model_lineage_root(artifact_id);
ALTER TABLE model_versions ALTER COLUMN lineage_id SET NOT NULL;

-- Every write of a row places it in its lineage again, so no writer (the pipeline, a reviewer's
-- decision, plain SQL) can leave the key out or get it wrong.
CREATE FUNCTION model_versions_place_in_lineage() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.lineage_id := model_lineage_root(NEW.artifact_id);
    RETURN NEW;
END
$$;

CREATE TRIGGER model_versions_lineage
    BEFORE INSERT OR UPDATE ON model_versions
    FOR EACH ROW EXECUTE FUNCTION model_versions_place_in_lineage();

-- A database written before this migration may hold several promoted versions of one lineage.
-- Failing here would leave it without the migration, so one is kept promoted: the one a reviewer
-- promoted before those the pipeline promoted (the pipeline never overrides a reviewer), then the
-- newest (furthest down the chain), then the last written. The others become superseded, each
-- with a 'superseded' event naming the version kept, as the pipeline's own supersession does.
CREATE TEMPORARY TABLE lineage_surplus ON COMMIT DROP AS
SELECT artifact_id, kept
FROM (SELECT mv.artifact_id,
             first_value(mv.artifact_id) OVER w AS kept,
             row_number() OVER w AS rank
      FROM model_versions mv
      WHERE mv.promotion_state = 'promoted'
      WINDOW w AS (PARTITION BY mv.lineage_id
                   ORDER BY (mv.decided_by <> 'pipeline') DESC,
                            cardinality(model_lineage_ancestors(mv.artifact_id,
                                (SELECT parent_version_id FROM artifacts WHERE id = mv.artifact_id))) DESC,
                            mv.updated_at DESC, mv.artifact_id)) ranked
WHERE rank > 1;

INSERT INTO model_version_events (artifact_id, event, from_state, to_state, actor, reasons,
                                  metadata_before, metadata_after, note)
SELECT s.artifact_id, 'superseded', 'promoted', 'superseded', 'modelgate',
       jsonb_build_array(jsonb_build_object('code', 'R-LINEAGE', 'message',
           'one promoted version per lineage: ' || s.kept || ' stays promoted')),
       a.metadata, a.metadata,
       'superseded by ' || s.kept || ' when one promoted version per lineage began to be enforced (V12)'
FROM lineage_surplus s JOIN artifacts a ON a.id = s.artifact_id;

UPDATE model_versions mv
SET promotion_state = 'superseded', decided_by = 'pipeline', updated_at = now(),
    promotion_notes = 'superseded by ' || s.kept || ': one promoted version per lineage (V12)'
FROM lineage_surplus s
WHERE mv.artifact_id = s.artifact_id;

CREATE INDEX idx_model_versions_lineage ON model_versions (lineage_id);
CREATE UNIQUE INDEX model_versions_one_promoted_per_lineage ON model_versions (lineage_id)
    WHERE promotion_state = 'promoted';
