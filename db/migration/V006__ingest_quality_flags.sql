-- Values that failed validation are left out of the standardized record and flagged here; the raw payload keeps them.
alter table source_record add column issues jsonb not null default '[]';
alter table source_record_version add column issues jsonb not null default '[]';
create index ix_source_record_flagged on source_record (entity_type_id) where issues <> '[]';

-- Import jobs count flagged rows and, for full snapshots, the records the snapshot no longer holds; they can be
-- cancelled while they run.
alter table import_job add column flagged_count bigint not null default 0;
alter table import_job add column deleted_count bigint not null default 0;
alter table import_job add column snapshot boolean not null default false;
alter table import_job add column cancel_requested boolean not null default false;

-- The last snapshot import that saw each record; records a snapshot did not see are deleted at its end.
alter table source_record add column seen_by_import uuid;
