-- A prefix search ("wen" while typing "wendo") merged the lists of every word starting so: 30 ms
-- at 100,000 initiatives. FTS5 keeps ready lists for prefixes of 2, 3 and 4 letters instead.
-- The words are folded by the application (src/text/fold.rs), so the index cannot be refilled
-- in SQL: the table is recreated empty and `rebuild` asks the application to refill it when it
-- starts (store::rebuild_search_index_if_asked).
ALTER TABLE search_state ADD COLUMN rebuild INTEGER NOT NULL DEFAULT 0;
DROP TABLE initiative_search;
CREATE VIRTUAL TABLE initiative_search USING fts5 (
    title, summary, body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3 4'
);
UPDATE search_state SET rebuild = 1;
