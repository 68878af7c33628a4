-- Seeds issues :from .. :to - 1 (psql variables) straight into the cycle's database, each carried to implementation:
-- an issue in implementation held by its lead body, its approving decision (published, in effect), a delivery plan
-- (10 actions, two of them parents of four each; 3 indicators with 8 periods of targets and 6 of actuals; 3 milestones;
-- 2 risks) and 6 timeline entries; about a third of the plans have an exception (an off-track action, a missed
-- milestone, an indicator behind trajectory or a risk past review). Rows are what the API would have written, made by generate_series, because 100k
-- issues through the API would take hours. Bodies come from seed-bodies.sql. Deterministic: issue i is always the same.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE seeded ON COMMIT DROP AS
SELECT i,
       md5('issue' || i)::uuid AS issue_id,
       md5('decision' || i)::uuid AS decision_id,
       md5('plan' || i)::uuid AS plan_id,
       (SELECT id FROM bench_bodies b WHERE b.n = i % 1000) AS lead_body,
       CASE WHEN i % 10 = 0 THEN (SELECT id FROM bench_bodies WHERE n = -1)
            ELSE (SELECT id FROM bench_bodies b WHERE b.n = (i % 20) * 50) END AS authoriser,
       timestamptz '2025-01-01' + make_interval(secs => i * 60) AS at
FROM generate_series(:from, :to - 1) AS i;

INSERT INTO issues (id, title, description, kind, themes, areas, raised_by_body_id, stage, due_on, created_at, updated_at)
SELECT issue_id, 'Scale issue ' || i || (ARRAY[' on flooding', ' on worklessness', ' on truancy', ' on climate change', ' on community cohesion'])[1 + i % 5],
       'Generated for the cycle scale bench.', (ARRAY['StrategyDevelopment', 'StrategicResponse', 'StrategicReview', 'EmergentStrategy'])[1 + i % 4],
       ARRAY[(ARRAY['environment', 'economy', 'children', 'health', 'communities'])[1 + i % 5]], '{}', lead_body, 'Implementation',
       date '2026-06-01' + (i % 400), at, at + interval '40 days'
FROM seeded;

INSERT INTO issue_holders (issue_id, body_id, stage) SELECT issue_id, lead_body, 'Implementation' FROM seeded;

INSERT INTO decisions (id, issue_id, body_id, outcome, summary, allocations, requested_resources, call_ins, themes, areas, urgent,
                       meeting, meeting_on, published_at, call_in_ends_at, took_effect_at, created_at, updated_at)
SELECT decision_id, issue_id, authoriser, 'Approved', 'Approve the action plan for scale issue ' || i, '[]', '[]', '[]',
       ARRAY[(ARRAY['environment', 'economy', 'children', 'health', 'communities'])[1 + i % 5]], '{}', false,
       'Scale meeting', (at + interval '20 days')::date, at + interval '21 days', at + interval '26 days', at + interval '26 days',
       at + interval '20 days', at + interval '26 days'
FROM seeded;

INSERT INTO delivery_plans (id, issue_id, decision_id, lead_body_id, authorised_by_body_id, contributing_organisations, contributing_bodies,
                            allocations, milestones, indicators, risks, started_by, created_at, updated_at)
SELECT plan_id, issue_id, decision_id, lead_body, authoriser, ARRAY[md5('org' || (i % 300))::uuid], '{}', '[]',
       (SELECT jsonb_agg(jsonb_build_object('Id', md5('milestone' || i || '-' || m)::uuid, 'Title', 'Milestone ' || m,
                'DueOn', (CASE m WHEN 1 THEN date '2026-06-01' ELSE date '2027-01-01' + (m - 1) * 120 END + (i % 90))::text,
                'AchievedOn', CASE WHEN m = 1 AND i % 10 <> 0 THEN '2026-05-20' END,
                'History', jsonb_build_array(jsonb_build_object('DueOn', (CASE m WHEN 1 THEN date '2026-06-01' ELSE date '2027-01-01' + (m - 1) * 120 END + (i % 90))::text,
                    'SetAt', at, 'SetBy', 'Bench', 'Reason', null))))
        FROM generate_series(1, 3) m),
       (SELECT jsonb_agg(jsonb_build_object('Id', md5('indicator' || i || '-' || k)::uuid, 'Name', 'Indicator ' || k, 'Unit', '%',
                'Better', CASE WHEN k = 2 THEN 'Higher' ELSE 'Lower' END, 'NationalIndicator', 'NI ' || (100 + k),
                'OwnerOrganisationId', md5('org' || (i % 300))::uuid, 'Baseline', 12.5, 'BaselineOn', '2024-04-01',
                'Targets', (SELECT jsonb_agg(jsonb_build_object('Period', '2025-Q' || q, 'Value', CASE WHEN k = 2 THEN 12.5 + q * 0.2 ELSE 12.5 - q * 0.2 END) ORDER BY q) FROM generate_series(1, 8) q),
                'Actuals', (SELECT jsonb_agg(jsonb_build_object('Period', '2025-Q' || q,
                        'Value', CASE WHEN k = 2 THEN 12.5 + q * 0.2 + CASE WHEN (i + k) % 7 = 0 AND q = 6 THEN -0.5 ELSE 0.1 END
                                      ELSE 12.5 - q * 0.2 + CASE WHEN (i + k) % 7 = 0 AND q = 6 THEN 0.5 ELSE -0.1 END END,
                        'Note', null, 'EnteredAt', at + make_interval(days => q * 30), 'EnteredBy', 'Bench') ORDER BY q) FROM generate_series(1, 6) q)))
        FROM generate_series(1, 3) k),
       jsonb_build_array(
           jsonb_build_object('Id', md5('risk' || i || '-1')::uuid, 'Description', 'Partners withdraw funding', 'Likelihood', 2, 'Impact', 4,
               'OwnerOrganisationId', null, 'Owner', 'Lead officer', 'Mitigation', 'Quarterly review', 'ReviewOn', (CASE WHEN i % 20 = 0 THEN date '2026-10-01' ELSE date '2027-01-01' END + (i % 60))::text),
           jsonb_build_object('Id', md5('risk' || i || '-2')::uuid, 'Description', 'Staff turnover', 'Likelihood', 3, 'Impact', 2,
               'OwnerOrganisationId', null, 'Owner', 'HR lead', 'Mitigation', null, 'ReviewOn', (date '2027-01-01' + (i % 60))::text)),
       'Bench', at + interval '30 days', at + interval '30 days'
FROM seeded;

-- Actions 1 and 2 are parents; 3–6 sit under 1, 7–10 under 2. About 3 % are off track and red.
INSERT INTO delivery_actions (id, plan_id, issue_id, parent_id, owner_organisation_id, title, due_on, status, rag, rag_reason, progress, created_at, updated_at)
SELECT md5('action' || i || '-' || a)::uuid, plan_id, issue_id,
       CASE WHEN a BETWEEN 3 AND 6 THEN md5('action' || i || '-1')::uuid WHEN a >= 7 THEN md5('action' || i || '-2')::uuid END,
       md5('org' || ((i + a) % 300))::uuid, 'Action ' || a || ' of scale issue ' || i, date '2026-01-01' + ((i * 7 + a * 37) % 540),
       CASE WHEN (i * 10 + a) % 33 = 0 THEN 'OffTrack' WHEN (i + a) % 5 = 0 THEN 'Done' WHEN (i + a) % 3 = 0 THEN 'NotStarted' ELSE 'OnTrack' END,
       CASE WHEN (i * 10 + a) % 33 = 0 THEN 'Red' WHEN (i + a) % 3 = 0 THEN NULL ELSE 'Green' END,
       CASE WHEN (i * 10 + a) % 33 = 0 THEN 'Slipping' WHEN (i + a) % 3 = 0 THEN NULL ELSE 'On plan' END,
       CASE WHEN (i + a) % 3 = 0 THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('At', at + interval '60 days', 'By', 'Bench', 'Note', 'Update',
           'PercentComplete', 50, 'Status', 'OnTrack', 'Rag', 'Green')) END,
       at + interval '30 days' + make_interval(secs => a), at + interval '60 days'
FROM seeded, generate_series(1, 10) a;

INSERT INTO timeline (id, issue_id, at, kind, by, by_subject, from_stage, to_stage, from_holders, to_holders, decision_id, bodies, note)
SELECT md5('timeline' || i || '-' || e)::uuid, issue_id, at + make_interval(days => e * 6),
       (ARRAY['Raised', 'Moved', 'DecisionTaken', 'DecisionPublished', 'DecisionTookEffect', 'Moved'])[e],
       'Bench', 'bench', CASE e WHEN 2 THEN 'Deliberation' WHEN 6 THEN 'Authorisation' END, CASE e WHEN 2 THEN 'Authorisation' WHEN 6 THEN 'Implementation' END,
       CASE WHEN e = 6 THEN ARRAY[authoriser] ELSE '{}' END, CASE WHEN e = 2 THEN ARRAY[authoriser] WHEN e = 6 THEN ARRAY[lead_body] ELSE '{}' END,
       CASE WHEN e BETWEEN 3 AND 5 THEN decision_id END, '{}', NULL
FROM seeded, generate_series(1, 6) e;
COMMIT;
