-- The foundation's exact e-mail rule looked records up by e-mail; golden_match_key (V009) and the matching engine's
-- key table replaced that lookup. The index cost a random index insert for every stored record of a bulk load.
drop index if exists ix_source_record_email;
