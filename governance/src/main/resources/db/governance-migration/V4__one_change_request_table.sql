-- One change-request machine: every kind of reviewed change (contract versions, access-policy versions; next
-- access requests and suppressions) lives in governance.change_request with a kind column. A contract
-- change's subject is its product (domain + name); a mesh-wide change has no domain and subject 'policy'.
-- Existing rows are kept: contract changes become kind CONTRACT_VERSION, and the rows of
-- governance.policy_change (V3) move in as kind ACCESS_POLICY, their reviews into governance.change_review.
ALTER TABLE governance.change_request ADD COLUMN kind text NOT NULL DEFAULT 'CONTRACT_VERSION'
    CHECK (kind IN ('CONTRACT_VERSION', 'ACCESS_POLICY', 'ACCESS_REQUEST', 'SUPPRESSION'));
ALTER TABLE governance.change_request ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE governance.change_request RENAME COLUMN product TO subject;
ALTER TABLE governance.change_request RENAME COLUMN contract_document TO document;
ALTER TABLE governance.change_request ALTER COLUMN domain DROP NOT NULL;
ALTER TABLE governance.change_request ALTER COLUMN compatibility DROP NOT NULL;
ALTER TABLE governance.change_request ALTER COLUMN compatibility_reasons DROP NOT NULL;
ALTER TABLE governance.change_request ALTER COLUMN classification_changed DROP NOT NULL;
ALTER TABLE governance.change_request ADD COLUMN facts jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE governance.change_request ADD CONSTRAINT change_request_contract_shape
    CHECK (kind <> 'CONTRACT_VERSION' OR (domain IS NOT NULL AND compatibility IS NOT NULL));

DROP INDEX governance.change_request_by_product;
CREATE INDEX change_request_by_subject ON governance.change_request (kind, domain, subject, created_at);

INSERT INTO governance.change_request (id, kind, domain, subject, proposed_version, previous_version, author, state, revision,
                                       document, compatibility, compatibility_reasons, classification_changed, facts, checks,
                                       previous_version_sunset, created_at, updated_at, row_version)
SELECT id, 'ACCESS_POLICY', NULL, 'policy', proposed_version::text, previous_version::text, author, state, 1,
       policy_document, NULL, NULL, NULL, summary, checks, NULL, created_at, updated_at, row_version
FROM governance.policy_change;

INSERT INTO governance.change_review (change_id, position, reviewer, verdict, comment, revision, reviewed_at, capacities)
SELECT p.id, (r.ordinality - 1)::integer, r.review ->> 'reviewer', r.review ->> 'verdict', coalesce(r.review ->> 'comment', ''), 1,
       CASE jsonb_typeof(r.review -> 'reviewedAt')
           WHEN 'number' THEN to_timestamp((r.review ->> 'reviewedAt')::double precision)
           ELSE (r.review ->> 'reviewedAt')::timestamptz END,
       'GOVERNANCE'
FROM governance.policy_change p, jsonb_array_elements(p.reviews) WITH ORDINALITY AS r(review, ordinality);

DROP TABLE governance.policy_change;
