-- Work for data stewards: possible matches, conflicts between sources, data-quality findings.
create table review_task (
    id              uuid        not null constraint pk_review_task primary key,
    entity_type_id  bigint      not null constraint fk_review_task_type references entity_type,
    kind            text        not null,
    status          text        not null default 'OPEN',
    golden_id       uuid        not null constraint fk_review_task_golden references golden_record,
    other_golden_id uuid        constraint fk_review_task_other references golden_record,
    attribute       text,
    details         jsonb       not null,
    created_at      timestamptz not null default now(),
    resolved_at     timestamptz,
    resolved_by     text,
    decision        text,
    reason          text,
    constraint ck_review_task_kind check (kind in ('POSSIBLE_MATCH', 'CONFLICT', 'DATA_QUALITY')),
    constraint ck_review_task_status check (status in ('OPEN', 'RESOLVED', 'DISMISSED'))
);

-- one open conflict per golden record and attribute, one open possible match per pair
create unique index uq_review_task_open_conflict on review_task (golden_id, attribute)
    where status = 'OPEN' and kind = 'CONFLICT';
create unique index uq_review_task_open_match
    on review_task (least(golden_id, other_golden_id), greatest(golden_id, other_golden_id))
    where status = 'OPEN' and kind = 'POSSIBLE_MATCH';
create index ix_review_task_queue on review_task (status, entity_type_id, kind, created_at);
create index ix_review_task_golden on review_task (golden_id, attribute, created_at);
create index ix_review_task_other on review_task (other_golden_id) where other_golden_id is not null;
