-- Endpoints up to :size, as partners register them: a tenth subscribe to a service's wildcard, the rest to one to
-- three of its event types; four in five name one to three of 300 bodies, one in ten names areas, one in twenty a
-- theme; one in fifty is disabled. The measured event (all.sql, candidates.sql) is a decision published by body 1.
WITH types(t) AS (VALUES ('org.concordat.cycle.decision.published.v1'), ('org.concordat.cycle.issue.raised.v1'),
        ('org.concordat.cycle.issue.moved.v1'), ('org.concordat.cycle.referral.made.v1'), ('org.concordat.scrutiny.report.published.v1'),
        ('org.concordat.registry.body.registered.v1'), ('org.concordat.scrutiny.call-in.made.v1'), ('org.concordat.cycle.meeting.scheduled.v1')),
     typed AS (SELECT array_agg(t) AS all_types FROM types),
     numbered AS (SELECT n FROM generate_series((SELECT count(*) FROM endpoints) + 1, :size) AS n)
INSERT INTO endpoints (id, organisation_id, url, event_types, body_ids, area_ids, themes, state, protected_secret, created_at)
SELECT gen_random_uuid(),
       ('00000000-0000-0000-0000-' || lpad(to_hex(n % 400), 12, '0'))::uuid,
       'https://partner' || n || '.example/hooks',
       CASE WHEN n % 10 = 0 THEN ARRAY[(ARRAY['org.concordat.cycle.*', 'org.concordat.scrutiny.*', 'org.concordat.registry.*'])[1 + n % 3]]
            ELSE all_types[1 + n % 8 : 1 + n % 8 + n % 3] END,
       CASE WHEN n % 5 = 0 THEN '{}'::uuid[]
            ELSE ARRAY(SELECT ('00000000-0000-0000-0000-' || lpad(to_hex(1 + (n * 7 + k * 13) % 300), 12, '0'))::uuid FROM generate_series(0, n % 3) AS k) END,
       CASE WHEN n % 10 = 3 THEN ARRAY[('00000000-0000-0000-0001-' || lpad(to_hex(n % 40), 12, '0'))::uuid] ELSE '{}'::uuid[] END,
       CASE WHEN n % 20 = 7 THEN ARRAY['education'] ELSE '{}'::text[] END,
       CASE WHEN n % 50 = 0 THEN 'Disabled' ELSE 'Active' END,
       'not-a-secret', now()
FROM numbered, typed;
ANALYZE endpoints;
