-- Blocking keys as 64-bit hashes of "entity type id:key" (the first 16 hex digits of its MD5, as a signed bigint;
-- Matching computes the same in Java): an index entry of 16 bytes instead of a type id, a text key and a record id,
-- about half the size, so that a bulk load's nine or so keys per record stay in memory while they are indexed. Two
-- different keys with one hash only add a candidate, which scoring then judges; they cannot hide one.
create table match_key_hash (
    key              bigint not null,
    source_record_id bigint not null
);

insert into match_key_hash (key, source_record_id)
select distinct ('x' || substr(md5(entity_type_id::text || ':' || key), 1, 16))::bit(64)::bigint, source_record_id
  from match_key;

drop table match_key;
alter table match_key_hash rename to match_key;
alter table match_key add constraint pk_match_key primary key (key, source_record_id);
create index ix_match_key_record on match_key (source_record_id);
