DROP TABLE IF EXISTS c_entries, c_history, c_journal;
CREATE TABLE c_entries (session text, entry text, version integer NOT NULL, PRIMARY KEY (session, entry));
CREATE TABLE c_history (id bigserial PRIMARY KEY, session text, entry text, version integer NOT NULL, exchange text NOT NULL);
CREATE TABLE c_journal (seq bigserial PRIMARY KEY, id text UNIQUE NOT NULL, instance text NOT NULL, body text NOT NULL);
