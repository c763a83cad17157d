-- Sources that disagree on these attributes open a CONFLICT review task: a new version of each built-in model.
with marked as (
    select t.id,
           jsonb_set(t.definition, '{attributes}',
                     (select jsonb_agg(case when a ->> 'name' = any(m.names) then a || '{"conflictSensitive": true}'
                                            else a end order by e.ord)
                        from jsonb_array_elements(t.definition -> 'attributes') with ordinality as e(a, ord))) as definition
      from entity_type t
      join (values ('person', array['birth_date', 'national_id']),
                   ('organization', array['registration_number', 'vat_id'])) as m(code, names) on m.code = t.code
     where t.built_in and jsonb_typeof(t.definition -> 'attributes') = 'array'
), revised as (
    update entity_type t set definition = m.definition, version = t.version + 1, updated_at = now()
      from marked m
     where t.id = m.id and t.definition <> m.definition
 returning t.id, t.version, t.definition
)
insert into entity_type_version (entity_type_id, version, definition, created_by)
select id, version, definition, 'system' from revised;
