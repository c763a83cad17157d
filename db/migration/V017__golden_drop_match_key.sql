-- The foundation's exact e-mail keys of golden records; the matching engine's blocking keys (match_key, V016)
-- replaced them and nothing reads or writes this table any more.
drop table if exists golden_match_key;
