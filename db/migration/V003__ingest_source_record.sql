-- Source records: what a source system sent, every version kept.
create table source_record (
    id             bigint generated always as identity constraint pk_source_record primary key,
    source_id      bigint      not null constraint fk_source_record_source references source_system,
    entity_type_id bigint      not null constraint fk_source_record_type references entity_type,
    source_key     text        not null,
    version        integer     not null default 1,
    raw            jsonb       not null,
    attributes     jsonb       not null,
    content_hash   text        not null,
    deleted        boolean     not null default false,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint uq_source_record_key unique (source_id, entity_type_id, source_key)
);

create index ix_source_record_email on source_record (entity_type_id, (attributes ->> 'email'))
    where (attributes ->> 'email') is not null;

create table source_record_version (
    source_record_id bigint      not null constraint fk_source_record_version_record references source_record,
    version          integer     not null,
    raw              jsonb       not null,
    attributes       jsonb       not null,
    deleted          boolean     not null default false,
    import_job_id    uuid,
    created_at       timestamptz not null default now(),
    constraint pk_source_record_version primary key (source_record_id, version)
);

-- Import jobs: one uploaded file, processed in the background.
create table import_job (
    id              uuid        not null constraint pk_import_job primary key,
    source_id       bigint      not null constraint fk_import_job_source references source_system,
    entity_type_id  bigint      not null constraint fk_import_job_type references entity_type,
    status          text        not null,
    file_name       text        not null,
    spool_path      text,
    mapping         jsonb,
    total_bytes     bigint      not null default 0,
    processed_bytes bigint      not null default 0,
    read_count      bigint      not null default 0,
    created_count   bigint      not null default 0,
    updated_count   bigint      not null default 0,
    unchanged_count bigint      not null default 0,
    rejected_count  bigint      not null default 0,
    error           text,
    created_by      text,
    created_at      timestamptz not null default now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    updated_at      timestamptz not null default now(),
    constraint ck_import_job_status check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'))
);

create index ix_import_job_source on import_job (source_id, created_at desc);
create index ix_import_job_status on import_job (status) where status in ('QUEUED', 'RUNNING');

create table import_rejection (
    import_job_id uuid   not null constraint fk_import_rejection_job references import_job on delete cascade,
    row_number    bigint not null,
    raw           text   not null,
    reasons       jsonb  not null,
    constraint pk_import_rejection primary key (import_job_id, row_number)
);
