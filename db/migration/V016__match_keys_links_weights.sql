-- Blocking keys of every live source record: the real-time path finds candidates with one indexed probe per key.
-- Derived data (rebuilt from the records), so no foreign keys: they would cost a trigger per row of a bulk load.
create table match_key (
    entity_type_id   bigint not null,
    key              text   not null,
    source_record_id bigint not null,
    constraint pk_match_key primary key (entity_type_id, key, source_record_id)
);
create index ix_match_key_record on match_key (source_record_id);

-- Match links the engine inferred: SAME pairs inside a golden record, POSSIBLE pairs for review; the score and the
-- per-comparison contributions that add up to it.
create table match_link (
    record_a       bigint           not null,
    record_b       bigint           not null,
    entity_type_id bigint           not null,
    kind           text             not null,
    bits           double precision not null,
    probability    double precision not null,
    reason         text,
    evidence       jsonb,
    created_at     timestamptz      not null default now(),
    constraint pk_match_link primary key (record_a, record_b),
    constraint ck_match_link_order check (record_a < record_b),
    constraint ck_match_link_kind check (kind in ('SAME', 'POSSIBLE'))
);
create index ix_match_link_b on match_link (record_b);

-- Fellegi-Sunter weights (m, u, prior, term frequencies) estimated for one version of an entity type's model.
create table match_weights (
    entity_type_id bigint      not null constraint fk_match_weights_type references entity_type,
    model_version  integer     not null,
    weights        jsonb       not null,
    record_count   bigint      not null,
    estimated_at   timestamptz not null default now(),
    constraint pk_match_weights primary key (entity_type_id, model_version)
);
