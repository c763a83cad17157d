-- Every version of a source record stays readable, but the current one is stored once: it is the source_record row
-- itself (with the import that wrote it), and only superseded versions are rows of source_record_history, written by
-- a trigger whenever an update gives a record a new version (from any path: imports, pushes, snapshot deletions).
-- Before, every stored record was written twice (record and version), which doubled the jsonb a bulk load writes.
-- The view source_record_version answers as the table did: every version, the current one included.
alter table source_record add column import_job_id uuid;

update source_record r set import_job_id = v.import_job_id
  from source_record_version v
 where v.source_record_id = r.id and v.version = r.version and v.import_job_id is not null;

delete from source_record_version v using source_record r
 where v.source_record_id = r.id and v.version = r.version;

alter table source_record_version rename to source_record_history;
alter table source_record_history rename constraint pk_source_record_version to pk_source_record_history;
alter table source_record_history rename constraint fk_source_record_version_record to fk_source_record_history_record;

create view source_record_version as
select source_record_id, version, raw, attributes, deleted, import_job_id, created_at, issues
  from source_record_history
 union all
select id, version, raw, attributes, deleted, import_job_id, updated_at, issues
  from source_record;

-- The version being replaced goes to the history as it was: the trigger sees the row the update really replaces, so
-- concurrent writers of one record cannot lose a version. Unchanged rows (no new version) write nothing.
create function source_record_keep_version() returns trigger
    language plpgsql as
$$
begin
    insert into source_record_history (source_record_id, version, raw, attributes, issues, deleted, import_job_id,
                                       created_at)
    values (old.id, old.version, old.raw, old.attributes, old.issues, old.deleted, old.import_job_id, old.updated_at);
    return new;
end
$$;

create trigger tg_source_record_keep_version
    before update on source_record
    for each row
    when (old.version is distinct from new.version)
execute function source_record_keep_version();

-- Source systems and entity types are never deleted (no code path deletes them, and every record's ids come from
-- them), so the two foreign keys of the hot table only cost a trigger and an index probe per stored row: about half
-- of the time PostgreSQL spent per bulk batch.
alter table source_record drop constraint fk_source_record_source;
alter table source_record drop constraint fk_source_record_type;
