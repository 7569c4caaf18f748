-- The sunset date of a contract version superseded by a MAJOR change (set when the change is published):
-- the version stays readable; after this date (UTC) the registry reports it as retired.
ALTER TABLE contract_versions ADD COLUMN sunset date;
