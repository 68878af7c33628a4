-- A lesson per ten seeded issues, if the cycle has a lessons table (the lessons library is being built beside this
-- bench). Its columns are not known here, so each row is filled by type: the statement-like text columns with words
-- the search looks for ("flooding", "worklessness"), ids from the issue, times now, empty arrays and objects.
-- A table this cannot fill raises, and the bench goes on without lessons.
\set ON_ERROR_STOP on
SELECT set_config('bench.from', :'from', false) AS from_set, set_config('bench.to', :'to', false) AS to_set \gset
DO $$
DECLARE
    columns text := '';
    vals text := '';
    c record;
BEGIN
    FOR c IN SELECT column_name, data_type, udt_name FROM information_schema.columns
             WHERE table_name = 'lessons' AND table_schema = current_schema() AND is_generated = 'NEVER' AND column_default IS NULL ORDER BY ordinal_position LOOP
        columns := columns || CASE WHEN columns = '' THEN '' ELSE ', ' END || quote_ident(c.column_name);
        vals := vals || CASE WHEN vals = '' THEN '' ELSE ', ' END || CASE
            WHEN c.column_name = 'id' THEN 'md5(''lesson'' || i)::uuid'
            WHEN c.column_name LIKE '%issue_id' THEN 'md5(''issue'' || i)::uuid'
            WHEN c.column_name LIKE '%removed%' OR c.column_name LIKE 'parent%' THEN 'NULL'
            WHEN c.udt_name = 'uuid' THEN 'md5(''lesson-' || c.column_name || ''' || i)::uuid'
            WHEN c.udt_name = 'tsvector' THEN 'to_tsvector(''english'', ''Flooded homes taught us that flooding plans need the districts'')'
            WHEN c.udt_name IN ('text', 'varchar') AND c.column_name LIKE '%instance%' THEN '''bench'''
            WHEN c.udt_name IN ('text', 'varchar') THEN '(ARRAY[''Flooding: involve the districts early'', ''Worklessness falls where employers co-design training'', ''Truancy work needs schools at the table''])[1 + i % 3] || '' ('' || i || '')'''
            WHEN c.udt_name = '_text' OR c.udt_name = '_varchar' THEN 'ARRAY[(ARRAY[''environment'', ''economy'', ''children''])[1 + i % 3]]'
            WHEN c.udt_name = '_uuid' THEN '''{}''::uuid[]'
            WHEN c.udt_name IN ('jsonb', 'json') THEN '''[]''::jsonb'
            WHEN c.udt_name IN ('timestamptz', 'timestamp') THEN 'now()'
            WHEN c.udt_name = 'date' THEN 'current_date'
            WHEN c.udt_name LIKE 'int%' OR c.udt_name = 'numeric' THEN '0'
            WHEN c.udt_name = 'bool' THEN 'false'
            ELSE 'NULL' END;
    END LOOP;
    EXECUTE format('INSERT INTO lessons (%s) SELECT %s FROM generate_series(%s, %s - 1) i WHERE i %% 10 = 0 ON CONFLICT DO NOTHING',
                   columns, vals, current_setting('bench.from'), current_setting('bench.to'));
END $$;
