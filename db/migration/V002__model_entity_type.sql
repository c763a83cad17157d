-- An entity type is a kind of master data; its model (attributes, later match and survivorship settings)
-- is kept as a versioned jsonb document so it can be configured without schema changes.
create table entity_type (
    id         bigint generated always as identity constraint pk_entity_type primary key,
    code       text        not null constraint uq_entity_type_code unique,
    name       text        not null,
    version    integer     not null default 1,
    definition jsonb       not null,
    built_in   boolean     not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint ck_entity_type_code check (code ~ '^[a-z][a-z0-9_]{0,62}$')
);

create table entity_type_version (
    entity_type_id bigint      not null constraint fk_entity_type_version_type references entity_type,
    version        integer     not null,
    definition     jsonb       not null,
    created_by     text,
    created_at     timestamptz not null default now(),
    constraint pk_entity_type_version primary key (entity_type_id, version)
);

insert into entity_type (code, name, built_in, definition) values
('person', 'Person', true, '{"attributes": [
  {"name": "first_name", "summary": true, "type": "name"},
  {"name": "middle_name", "type": "name"},
  {"name": "last_name", "summary": true, "type": "name"},
  {"name": "birth_date", "summary": true, "type": "date"},
  {"name": "gender", "type": "enum"},
  {"name": "email", "summary": true, "type": "email"},
  {"name": "phone", "summary": true, "type": "phone"},
  {"name": "street", "type": "address"},
  {"name": "house_number", "type": "address"},
  {"name": "postal_code", "summary": true, "type": "address"},
  {"name": "city", "summary": true, "type": "address"},
  {"name": "state", "type": "address"},
  {"name": "country", "type": "country"},
  {"name": "national_id", "type": "identifier"}
]}'),
('organization', 'Organization', true, '{"attributes": [
  {"name": "name", "summary": true, "type": "text"},
  {"name": "legal_form", "summary": true, "type": "text"},
  {"name": "registration_number", "summary": true, "type": "identifier"},
  {"name": "vat_id", "summary": true, "type": "identifier"},
  {"name": "email", "type": "email"},
  {"name": "phone", "type": "phone"},
  {"name": "website", "type": "text"},
  {"name": "street", "type": "address"},
  {"name": "postal_code", "type": "address"},
  {"name": "city", "summary": true, "type": "address"},
  {"name": "state", "type": "address"},
  {"name": "country", "summary": true, "type": "country"}
]}'),
('product', 'Product', true, '{"attributes": [
  {"name": "name", "summary": true, "type": "text"},
  {"name": "brand", "summary": true, "type": "text"},
  {"name": "manufacturer", "type": "text"},
  {"name": "sku", "summary": true, "type": "identifier"},
  {"name": "gtin", "summary": true, "type": "identifier"},
  {"name": "category", "summary": true, "type": "text"},
  {"name": "price", "summary": true, "type": "money"},
  {"name": "currency", "summary": true, "type": "enum"},
  {"name": "description", "type": "text"}
]}');

insert into entity_type_version (entity_type_id, version, definition, created_by)
select id, version, definition, 'system' from entity_type;
