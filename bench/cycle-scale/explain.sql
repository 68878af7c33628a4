-- EXPLAIN (ANALYZE, BUFFERS) of the SQL each measured read sends, written as the service writes it (EF Core's
-- queries, and BodyDelivery.PlanIdsSql for the roll-up). Variables: body, laa, issue, plans (the roll-up page's plan
-- ids, {…}), today. Each "-- name" line labels the plans after it.
\set ON_ERROR_STOP on
\pset pager off

\echo '-- holding: issues the body holds'
EXPLAIN (ANALYZE, BUFFERS)
SELECT i.id, i.title, i.kind, i.stage, i.due_on FROM issue_holders h JOIN issues i ON h.issue_id = i.id
WHERE h.body_id = :'body' AND h.stage <> 'Closed' AND i.removed_at IS NULL
ORDER BY i.due_on IS NULL, i.due_on, i.created_at, i.id LIMIT 201;

\echo '-- register: published decisions, first page'
EXPLAIN (ANALYZE, BUFFERS)
SELECT * FROM decisions d WHERE d.published_at IS NOT NULL AND d.removed_at IS NULL ORDER BY d.created_at, d.id LIMIT 51;

\echo '-- register by body: the LAA''s published decisions, first page'
EXPLAIN (ANALYZE, BUFFERS)
SELECT * FROM decisions d WHERE d.published_at IS NOT NULL AND d.body_id = :'laa' AND d.removed_at IS NULL ORDER BY d.created_at, d.id LIMIT 51;

\echo '-- timeline: the issue, then its first 100 entries'
EXPLAIN (ANALYZE, BUFFERS)
SELECT * FROM issues i WHERE i.id = :'issue' AND i.removed_at IS NULL LIMIT 2;
EXPLAIN (ANALYZE, BUFFERS)
SELECT * FROM timeline t WHERE t.issue_id = :'issue' ORDER BY t.at, t.id LIMIT 101;

\echo '-- roll-up: the LAA''s plans with exceptions (BodyDelivery.PlanIdsSql), then the page''s actions'
EXPLAIN (ANALYZE, BUFFERS)
SELECT id AS "Value" FROM (
  (SELECT p.id, p.created_at FROM delivery_plans p
   WHERE p.lead_body_id = :'laa' AND p.removed_at IS NULL AND (p.created_at, p.id) > ('1970-01-01Z'::timestamptz, '00000000-0000-0000-0000-000000000000'::uuid) AND
    (COALESCE((SELECT true FROM delivery_actions a WHERE a.plan_id = p.id AND a.removed_at IS NULL AND a.status NOT IN ('Done', 'Dropped') AND (a.status = 'OffTrack' OR COALESCE(a.override_rag, a.rag) = 'Red') LIMIT 1), false)
      OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.milestones) m WHERE (m->>'DueOn')::date < :'today' AND (m->>'AchievedOn' IS NULL OR (m->>'AchievedOn')::date > :'today'))
      OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.risks) r WHERE (r->>'ReviewOn')::date < :'today')
      OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.indicators) i
        CROSS JOIN LATERAL (SELECT x->>'Period' AS period, (x->>'Value')::numeric AS value FROM jsonb_array_elements(i->'Actuals') x ORDER BY x->>'Period' COLLATE "C" DESC LIMIT 1) latest
        CROSS JOIN LATERAL (SELECT (t->>'Value')::numeric AS value FROM jsonb_array_elements(i->'Targets') t WHERE (t->>'Period') COLLATE "C" <= latest.period COLLATE "C" ORDER BY t->>'Period' COLLATE "C" DESC LIMIT 1) standing
        WHERE CASE i->>'Better' WHEN 'Higher' THEN latest.value < standing.value ELSE latest.value > standing.value END)) = true
   ORDER BY p.created_at, p.id LIMIT 21)
  UNION ALL
  (SELECT p.id, p.created_at FROM delivery_plans p
   WHERE p.authorised_by_body_id = :'laa' AND p.lead_body_id <> :'laa' AND p.removed_at IS NULL AND (p.created_at, p.id) > ('1970-01-01Z'::timestamptz, '00000000-0000-0000-0000-000000000000'::uuid) AND
    (COALESCE((SELECT true FROM delivery_actions a WHERE a.plan_id = p.id AND a.removed_at IS NULL AND a.status NOT IN ('Done', 'Dropped') AND (a.status = 'OffTrack' OR COALESCE(a.override_rag, a.rag) = 'Red') LIMIT 1), false)
      OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.milestones) m WHERE (m->>'DueOn')::date < :'today' AND (m->>'AchievedOn' IS NULL OR (m->>'AchievedOn')::date > :'today'))
      OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.risks) r WHERE (r->>'ReviewOn')::date < :'today')
      OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.indicators) i
        CROSS JOIN LATERAL (SELECT x->>'Period' AS period, (x->>'Value')::numeric AS value FROM jsonb_array_elements(i->'Actuals') x ORDER BY x->>'Period' COLLATE "C" DESC LIMIT 1) latest
        CROSS JOIN LATERAL (SELECT (t->>'Value')::numeric AS value FROM jsonb_array_elements(i->'Targets') t WHERE (t->>'Period') COLLATE "C" <= latest.period COLLATE "C" ORDER BY t->>'Period' COLLATE "C" DESC LIMIT 1) standing
        WHERE CASE i->>'Better' WHEN 'Higher' THEN latest.value < standing.value ELSE latest.value > standing.value END)) = true
   ORDER BY p.created_at, p.id LIMIT 21)
) under
ORDER BY created_at, id LIMIT 21;
EXPLAIN (ANALYZE, BUFFERS)
SELECT * FROM delivery_actions a WHERE a.plan_id = ANY (:'plans'::uuid[]) AND a.removed_at IS NULL ORDER BY a.plan_id, a.created_at, a.id;
EXPLAIN (ANALYZE, BUFFERS)
SELECT l.*, ts_rank(l.search_vector, websearch_to_tsquery('english', 'flooding')) AS rank FROM lessons l
WHERE l.removed_at IS NULL AND l.search_vector @@ websearch_to_tsquery('english', 'flooding')
ORDER BY rank DESC, l.id LIMIT 51;
