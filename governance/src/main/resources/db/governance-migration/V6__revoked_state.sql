-- A change in force of a revocable kind (a detection suppression) may be revoked before it ends by itself:
-- state REVOKED, final; updated_at is the moment of revocation (the suppression applies to event times before it).
ALTER TABLE governance.change_request DROP CONSTRAINT change_request_state_check;
ALTER TABLE governance.change_request ADD CONSTRAINT change_request_state_check
    CHECK (state IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'PUBLISHED', 'REVOKED'));
