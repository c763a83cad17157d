-- The match settings page counts a type's live records and spreads the scores of its match links into a histogram
-- (Matching.recordCount, Matching.scoreHistogram); the histogram's fallback and the weight estimate read a type's
-- live records in id order (Matching.storedRecords), as does the assignment after a bulk load. No index led with the
-- entity type (uq_source_record_key leads with the source, ix_source_record_flagged holds only flagged records,
-- match_link had only its pair key and record_b), so each of them read the whole table, every type's rows.
--
-- source_record: (entity_type_id, id) of the live records; the count is an index-only scan, the id-ordered reads
-- start at the type's first id. Ids grow, so a load appends at the end of its type's range.
create index if not exists ix_source_record_type_live on source_record (entity_type_id, id) where not deleted;

-- match_link: the type with the score alongside, so that the histogram is an index-only scan of the type's links.
-- bits is included, not a key column: new links append in heap order instead of landing at random score positions.
create index if not exists ix_match_link_type on match_link (entity_type_id) include (bits);
