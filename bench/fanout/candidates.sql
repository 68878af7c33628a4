-- Now (EventFilter.Candidates): the endpoints that can match a decision published by body 1 about an issue in area 1,
-- as EF Core writes it for PostgreSQL.
SELECT * FROM endpoints AS e
WHERE e.event_types && ARRAY['org.concordat.cycle.decision.published.v1', 'org.concordat.cycle.*']::text[]
  AND (cardinality(e.body_ids) = 0 OR e.body_ids && ARRAY['00000000-0000-0000-0000-000000000001']::uuid[])
  AND (cardinality(e.area_ids) = 0 OR e.area_ids && ARRAY['00000000-0000-0000-0001-000000000001']::uuid[])
  AND e.state <> 'Disabled';
