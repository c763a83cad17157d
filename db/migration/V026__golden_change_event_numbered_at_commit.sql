-- Change events are written with a provisional negative number from this sequence (no lock: many transactions can
-- write events side by side) and numbered from the change_sequence row just before their transaction commits, so
-- the counter row is held only for that last statement and the commit. Sequence order stays commit order; a
-- provisional number is never visible to another transaction.
create sequence change_event_provisional;
