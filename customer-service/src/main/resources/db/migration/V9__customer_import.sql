-- CSV import (issue 3): one row per import id (chosen by the client, the key of idempotency and resumption), and the
-- outcome of every data row. Progress (rows_processed and the counters) commits with each batch of rows, so an
-- interrupted import continues after the last committed row when the same file is sent again with the same id.
CREATE TABLE customer_import (
    id              VARCHAR(100) PRIMARY KEY,
    requested_by    VARCHAR(100) NOT NULL,
    status          VARCHAR(20)  NOT NULL,             -- RUNNING, COMPLETED
    encoding        VARCHAR(10)  NOT NULL,
    header_hash     CHAR(64)     NOT NULL,             -- the same id must come with the same header line
    columns         TEXT         NOT NULL,             -- JSON: field -> column name
    ignored_columns TEXT         NOT NULL,             -- JSON array
    rows_processed  INT          NOT NULL DEFAULT 0,   -- the last data row whose outcome is committed
    created         INT          NOT NULL DEFAULT 0,
    duplicates      INT          NOT NULL DEFAULT 0,
    rejected        INT          NOT NULL DEFAULT 0,
    attempts        INT          NOT NULL DEFAULT 0,
    locked_until    TIMESTAMPTZ,                       -- lease of the request processing it; null when none is
    started_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    finished_at     TIMESTAMPTZ
);

CREATE TABLE customer_import_row (
    import_id     VARCHAR(100) NOT NULL REFERENCES customer_import (id),
    row_number    INT          NOT NULL,               -- data rows from 1 (the header and blank lines not counted)
    line_number   BIGINT       NOT NULL,               -- where the row starts in the file (the header is line 1)
    outcome       VARCHAR(20)  NOT NULL,               -- CREATED, DUPLICATE, REJECTED
    legal_name    VARCHAR(200),
    customer_id   UUID,
    customer_code VARCHAR(20),
    candidates    TEXT,                                -- JSON: [{id, code, name, score, reasons}]
    errors        TEXT,                                -- JSON: [{field, reason}]
    PRIMARY KEY (import_id, row_number)
);
CREATE INDEX customer_import_row_outcome ON customer_import_row (import_id, outcome, row_number);
