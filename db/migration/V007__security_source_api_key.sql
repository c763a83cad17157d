-- API keys of source systems. Only a SHA-256 of the key is stored; the key itself is shown once, when created.
create table source_api_key (
    id           bigint generated always as identity constraint pk_source_api_key primary key,
    source_id    bigint      not null constraint fk_source_api_key_source references source_system,
    prefix       text        not null constraint uq_source_api_key_prefix unique,
    key_hash     text        not null,
    name         text,
    created_by   text,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

create index ix_source_api_key_source on source_api_key (source_id);
