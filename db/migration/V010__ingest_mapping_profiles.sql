-- Mapping profiles: the saved mapping of one source system's files of one entity type. An import that arrives
-- without a mapping uses it.
create table mapping_profile (
    id             bigint generated always as identity constraint pk_mapping_profile primary key,
    source_id      bigint      not null constraint fk_mapping_profile_source references source_system on delete cascade,
    entity_type_id bigint      not null constraint fk_mapping_profile_type references entity_type on delete cascade,
    mapping        jsonb       not null,
    updated_by     text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint uq_mapping_profile_source_type unique (source_id, entity_type_id)
);

-- Staged uploads: a file uploaded in the browser and kept in the spool folder while a person maps its columns.
-- The header and first rows are kept here, so that the mapping step's preview never reads the file again. Imported
-- ones name their job (claimed before the job exists, so no foreign key); all are deleted after a day.
create table staged_upload (
    id             uuid        not null constraint pk_staged_upload primary key,
    source_id      bigint      not null constraint fk_staged_upload_source references source_system on delete cascade,
    entity_type_id bigint      not null constraint fk_staged_upload_type references entity_type on delete cascade,
    file_name      text        not null,
    spool_path     text        not null,
    total_bytes    bigint      not null,
    snapshot       boolean     not null default false,
    sample         jsonb       not null,
    import_job_id  uuid,
    created_by     text        not null,
    created_at     timestamptz not null default now()
);

create index ix_staged_upload_created on staged_upload (created_at);
