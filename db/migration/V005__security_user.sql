create table app_user (
    id            bigint generated always as identity constraint pk_app_user primary key,
    username      text        not null constraint uq_app_user_username unique,
    password_hash text        not null,
    display_name  text,
    role          text        not null,
    enabled       boolean     not null default true,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint ck_app_user_role check (role in ('ADMIN', 'STEWARD', 'VIEWER'))
);
