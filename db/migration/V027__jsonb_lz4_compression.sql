-- JSON documents larger than about 2 kB (a golden record's lineage is about 4 kB of text, stored in golden_record and
-- again in its version) are compressed by PostgreSQL when they are written. Its default method, pglz, was about a
-- fifth of the cost of inserting a golden record in a bulk load; lz4 compresses several times faster for a similar
-- size. Only values written from now on use it; stored values stay readable as they are. A server built without lz4
-- keeps pglz: the migration then changes nothing.
do $$
declare
    col record;
begin
    for col in
        select c.table_name, c.column_name
          from information_schema.columns c
          join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
         where c.table_schema = current_schema() and c.data_type = 'jsonb' and t.table_type = 'BASE TABLE'
         order by c.table_name, c.column_name
    loop
        execute format('alter table %I alter column %I set compression lz4', col.table_name, col.column_name);
    end loop;
exception
    when feature_not_supported then
        raise notice 'lz4 is not available on this server; JSON documents stay compressed with pglz';
end
$$;
