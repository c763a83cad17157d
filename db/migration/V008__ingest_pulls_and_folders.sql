-- JDBC pulls: a department database that a source system's records are read from on a schedule, each run only the
-- rows whose watermark column is greater than the largest value the last completed run saw.
create table jdbc_pull (
    id               bigint      generated always as identity constraint pk_jdbc_pull primary key,
    source_id        bigint      not null constraint fk_jdbc_pull_source references source_system on delete cascade,
    name             text        not null,
    entity_type_id   bigint      not null constraint fk_jdbc_pull_type references entity_type,
    jdbc_url         text        not null,
    username         text,
    -- write-only: never returned by the API or shown in the UI; "{aes-gcm}…" when amalgam.secrets.key is set
    password         text,
    query            text        not null,
    key_column       text        not null,
    watermark_column text        not null,
    schedule         text        not null,
    mapping          jsonb,
    enabled          boolean     not null default true,
    watermark        text,
    watermark_kind   text,
    next_run_at      timestamptz,
    running_job_id   uuid        constraint fk_jdbc_pull_running_job references import_job on delete set null,
    last_job_id      uuid        constraint fk_jdbc_pull_last_job references import_job on delete set null,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint uq_jdbc_pull_name unique (source_id, name),
    constraint ck_jdbc_pull_name check (name ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    constraint ck_jdbc_pull_watermark_kind
        check (watermark_kind in ('TIMESTAMP', 'TIMESTAMP_TZ', 'DATE', 'NUMBER', 'TEXT'))
);

create index ix_jdbc_pull_due on jdbc_pull (next_run_at) where enabled;

-- Folder drops: a watched folder per source; complete files are imported and moved to done/ or failed/.
create table folder_drop (
    id             bigint      generated always as identity constraint pk_folder_drop primary key,
    source_id      bigint      not null constraint fk_folder_drop_source references source_system on delete cascade,
    name           text        not null,
    entity_type_id bigint      not null constraint fk_folder_drop_type references entity_type,
    path           text        not null constraint uq_folder_drop_path unique,
    mapping        jsonb,
    enabled        boolean     not null default true,
    last_scan_at   timestamptz,
    last_error     text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint uq_folder_drop_name unique (source_id, name),
    constraint ck_folder_drop_name check (name ~ '^[a-z0-9][a-z0-9_-]{0,62}$')
);

-- One file taken from a folder: its name as dropped, the unique name it has in processing/, done/ and failed/.
create table folder_drop_file (
    id            bigint      generated always as identity constraint pk_folder_drop_file primary key,
    folder_id     bigint      not null constraint fk_folder_drop_file_folder references folder_drop on delete cascade,
    file_name     text        not null,
    stored_name   text        not null,
    size_bytes    bigint      not null default 0,
    import_job_id uuid        constraint fk_folder_drop_file_job references import_job on delete set null,
    status        text        not null,
    error         text,
    created_at    timestamptz not null default now(),
    finished_at   timestamptz,
    constraint uq_folder_drop_file_name unique (folder_id, stored_name),
    constraint ck_folder_drop_file_status check (status in ('PROCESSING', 'DONE', 'FAILED'))
);

create index ix_folder_drop_file_folder on folder_drop_file (folder_id, created_at desc);
create index ix_folder_drop_file_job on folder_drop_file (import_job_id);
create index ix_folder_drop_file_processing on folder_drop_file (folder_id) where status = 'PROCESSING';
