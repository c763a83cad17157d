-- Exact match keys of golden records (the foundation's normalized e-mail rule): one indexed probe per key, however
-- large the tables grow. The matching engine's blocking keys replace this table.
create table golden_match_key (
    entity_type_id bigint not null constraint fk_golden_match_key_type references entity_type,
    key            text   not null,
    golden_id      uuid   not null constraint fk_golden_match_key_golden references golden_record,
    constraint pk_golden_match_key primary key (entity_type_id, key)
);

create index ix_golden_match_key_golden on golden_match_key (golden_id);
