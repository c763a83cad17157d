-- A background re-match of one entity type's golden records after its match or survivorship settings changed
create table rematch_job (
    id               uuid        not null constraint pk_rematch_job primary key,
    entity_type_id   bigint      not null constraint fk_rematch_job_type references entity_type,
    model_version    integer     not null,
    previous_version integer,
    -- whether the blocking keys changed, so that the key table is built again
    rebuild_keys     boolean     not null default true,
    status           text        not null default 'QUEUED',
    phase            text,
    done             bigint      not null default 0,
    total            bigint      not null default 0,
    counts           jsonb       not null default '{}',
    error            text,
    requested_by     text        not null,
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    heartbeat_at     timestamptz,
    constraint ck_rematch_job_status check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'))
);

create index ix_rematch_job_type on rematch_job (entity_type_id, created_at desc);
create index ix_rematch_job_open on rematch_job (status) where status in ('QUEUED', 'RUNNING');
