-- Steward overrides: attribute -> {value, reason, by, at, from}; they win over survivorship until removed.
alter table golden_record add column overrides jsonb not null default '{}';
create index ix_golden_record_merged_into on golden_record (merged_into) where merged_into is not null;

-- Every version is a full snapshot: status, where it was merged, its overrides, and what the change was about.
alter table golden_record_version add column status text not null default 'ACTIVE';
alter table golden_record_version add column merged_into uuid;
alter table golden_record_version add column overrides jsonb not null default '{}';
alter table golden_record_version add column details jsonb not null default '{}';
update golden_record_version set status = 'RETIRED' where change_type = 'DELETED';
alter table golden_record_version add constraint ck_golden_record_version_status
    check (status in ('ACTIVE', 'MERGED', 'RETIRED'));

-- The golden ids a source record was merged away from, the latest last: a split pops it to give the id back.
alter table crosswalk add column merged_from uuid[] not null default '{}';

-- Change events (the transactional outbox): one per committed golden change. The sequence is taken from the one
-- counter row in the same transaction; its row lock is held until commit, so sequence order is commit order and a
-- reader polling after=N never misses a smaller number that commits later.
create table change_sequence (
    id   integer not null constraint pk_change_sequence primary key,
    last bigint  not null,
    constraint ck_change_sequence_one_row check (id = 1)
);
insert into change_sequence (id, last) values (1, 0);

create table change_event (
    sequence       bigint      not null constraint pk_change_event primary key,
    entity_type_id bigint      not null constraint fk_change_event_type references entity_type,
    golden_id      uuid        not null constraint fk_change_event_golden references golden_record,
    version        integer     not null,
    change_type    text        not null,
    occurred_at    timestamptz not null default now(),
    payload        jsonb       not null default '{}',
    constraint ck_change_event_type check (change_type in ('CREATED', 'UPDATED', 'MERGED', 'SPLIT', 'DELETED'))
);
create index ix_change_event_golden on change_event (golden_id, sequence);

-- Steward assertions about two source records; the matcher never overrides them.
create table match_assertion (
    id             bigint generated always as identity constraint pk_match_assertion primary key,
    entity_type_id bigint      not null constraint fk_match_assertion_type references entity_type,
    record_a       bigint      not null constraint fk_match_assertion_a references source_record,
    record_b       bigint      not null constraint fk_match_assertion_b references source_record,
    kind           text        not null,
    status         text        not null default 'ASSERTED',
    asserted_by    text        not null,
    reason         text,
    created_at     timestamptz not null default now(),
    constraint ck_match_assertion_kind check (kind in ('SAME', 'DIFFERENT')),
    constraint ck_match_assertion_status check (status in ('ASSERTED', 'RETRACTED')),
    constraint ck_match_assertion_order check (record_a < record_b)
);
create unique index uq_match_assertion_pair on match_assertion (record_a, record_b) where status = 'ASSERTED';
create index ix_match_assertion_b on match_assertion (record_b) where status = 'ASSERTED';
