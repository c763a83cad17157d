-- Change events are written with a provisional negative number from this sequence (no lock: many transactions can
-- write events side by side) and numbered from the change_sequence row just before their transaction commits, so
-- the counter row is held only for that last statement and the commit. Sequence order stays commit order; a
-- provisional number is never visible to another transaction.
create sequence change_event_provisional;
-- The rows to number are found through this index, which holds only provisional rows (in-flight transactions'):
-- it stays a page or two whatever the size of change_event and whatever the planner's statistics say.
create index ix_change_event_provisional on change_event (sequence) where sequence < 0;
