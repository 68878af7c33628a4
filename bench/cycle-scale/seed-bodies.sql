-- The bodies the seeded issues are held by, led by and authorised by, in the cycle's read model of the registry (as
-- its consumers would have written them from BodyRegistered events): 1,000 partnerships (every 50th authorising, the
-- rest executive or delivery) and "Scale LAA", the authorising body of one decision in ten. bench_bodies numbers them
-- for seed.sql (n = -1 is the LAA).
\set ON_ERROR_STOP on
CREATE TABLE IF NOT EXISTS bench_bodies (n int PRIMARY KEY, id uuid NOT NULL);
INSERT INTO bench_bodies SELECT n, md5('body' || n)::uuid FROM generate_series(-1, 999) n ON CONFLICT DO NOTHING;
INSERT INTO bodies (id, instance_id, name, short_name, registered_at, body_type, scope, tier, roles, described_at)
SELECT id, 'bench', CASE n WHEN -1 THEN 'Scale LAA' ELSE 'Scale Partnership ' || n END, CASE n WHEN -1 THEN 'SLAA' ELSE 'SP' || n END,
       timestamptz '2024-01-01', 'strategic', 'thematic', 'county',
       CASE WHEN n = -1 OR n % 50 = 0 THEN ARRAY['authorising'] WHEN n % 2 = 0 THEN ARRAY['executive'] ELSE ARRAY['delivery'] END,
       timestamptz '2024-01-01'
FROM bench_bodies ON CONFLICT (id) DO NOTHING;
