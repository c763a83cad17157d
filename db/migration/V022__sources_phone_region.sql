-- A source system's default phone region: phone numbers it sends without a country code are read in this
-- country when the record has no country of its own (ISO 3166-1 alpha-2, upper case; null for none).
alter table source_system add column phone_region text;
alter table source_system add constraint ck_source_system_phone_region check (phone_region ~ '^[A-Z]{2}$');
