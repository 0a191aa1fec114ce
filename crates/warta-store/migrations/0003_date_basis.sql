-- warta store, schema version 3: where an event's date was read (`sentence`,
-- `paragraph`, `story`), now that `date_precision` says how fine the date is (day, week,
-- month, year). Story events need both: a day read from the event's own sentence is
-- exact, one borrowed from the paragraph or the story may be a day off. NULL for events
-- stored before, whose `date_precision` was `story` for a borrowed day.
ALTER TABLE events ADD COLUMN date_basis TEXT;

-- Story events look up the reports of one type at one place (or none) within a day.
CREATE INDEX events_type_place_date ON events (type, location_id, date);
