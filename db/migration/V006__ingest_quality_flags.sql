-- Values that failed validation are left out of the standardized record and flagged here; the raw payload keeps them.
alter table source_record add column issues jsonb not null default '[]';
alter table source_record_version add column issues jsonb not null default '[]';
alter table import_job add column flagged_count bigint not null default 0;

create index ix_source_record_flagged on source_record (entity_type_id) where issues <> '[]';
