CREATE TABLE note (id VARCHAR(64) PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE applied_note (event_id VARCHAR(64) PRIMARY KEY, note_id VARCHAR(64) NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());
-- A deliberately non-idempotent effect: proves that processed_event, not the effect, prevents double application.
CREATE TABLE note_counter (id INT PRIMARY KEY, applied INT NOT NULL);
INSERT INTO note_counter VALUES (1, 0);
