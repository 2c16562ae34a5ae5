-- Turns `dialogs` into a table hash-partitioned by party (docs/scale.md) with the same indexes.
-- Its primary key becomes (party, id), as a partitioned table's unique keys must hold the
-- partition key, and an index on id serves lookups by id; the server reads the partitioning at
-- connect and writes with the conflict target (party, id) (store::DialogKey).
-- Partitions: the setting inbox.partitions (default 16). Used by .ci/bench-partitioned.sh,
-- .ci/bench-migration.sh and server/tests/partitioned.rs.
DO $$
DECLARE
  parts int := coalesce(nullif(current_setting('inbox.partitions', true), ''), '16')::int;
  defs text[];
  def text;
BEGIN
  -- The flat table's own index definitions (but its primary key), re-created on the new table.
  SELECT coalesce(array_agg(indexdef), '{}') INTO defs FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = 'dialogs' AND indexname <> 'dialogs_pkey';
  ALTER TABLE dialogs RENAME TO dialogs_flat;
  CREATE TABLE dialogs (LIKE dialogs_flat INCLUDING DEFAULTS) PARTITION BY HASH (party);
  FOR i IN 0..parts - 1 LOOP
    EXECUTE format('CREATE TABLE dialogs_p%s PARTITION OF dialogs FOR VALUES WITH (MODULUS %s, REMAINDER %s)', i, parts, i);
  END LOOP;
  INSERT INTO dialogs SELECT * FROM dialogs_flat;
  DROP TABLE dialogs_flat;
  ALTER TABLE dialogs ADD PRIMARY KEY (party, id);
  CREATE INDEX dialogs_id ON dialogs (id);
  FOREACH def IN ARRAY defs LOOP
    EXECUTE def;
  END LOOP;
END $$;
