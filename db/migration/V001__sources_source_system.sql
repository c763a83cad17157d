-- A source system is one connected department system (CRM, ERP, billing ...).
create table source_system (
    id           bigint generated always as identity constraint pk_source_system primary key,
    code         text        not null constraint uq_source_system_code unique,
    name         text        not null,
    department   text,
    priority     integer     not null default 100,
    deduplicated boolean     not null default false,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint ck_source_system_code check (code ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    constraint ck_source_system_priority check (priority between 0 and 1000000)
);
