create extension if not exists pg_trgm;

-- Golden records: one per real-world entity, with a stable id.
create table golden_record (
    id             uuid        not null constraint pk_golden_record primary key,
    entity_type_id bigint      not null constraint fk_golden_record_type references entity_type,
    version        integer     not null default 1,
    status         text        not null default 'ACTIVE',
    merged_into    uuid        constraint fk_golden_record_merged_into references golden_record,
    attributes     jsonb       not null,
    lineage        jsonb       not null,
    search_text    text        not null default '',
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint ck_golden_record_status check (status in ('ACTIVE', 'MERGED', 'RETIRED'))
);

create index ix_golden_record_type on golden_record (entity_type_id, created_at, id) where status = 'ACTIVE';
create index ix_golden_record_search on golden_record using gin (search_text gin_trgm_ops);

create table golden_record_version (
    golden_id   uuid        not null constraint fk_golden_record_version_golden references golden_record,
    version     integer     not null,
    change_type text        not null,
    attributes  jsonb       not null,
    lineage     jsonb       not null,
    changed_by  text        not null,
    reason      text,
    created_at  timestamptz not null default now(),
    constraint pk_golden_record_version primary key (golden_id, version)
);

-- Crosswalk: which source records make up a golden record, and why.
create table crosswalk (
    source_record_id bigint      not null constraint pk_crosswalk primary key
                                 constraint fk_crosswalk_record references source_record,
    golden_id        uuid        not null constraint fk_crosswalk_golden references golden_record,
    rule             text        not null,
    score            double precision,
    assigned_by      text        not null,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);

create index ix_crosswalk_golden on crosswalk (golden_id);
