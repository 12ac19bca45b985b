-- Pipelines and their stages. Stage rules: required_fields lists what an opportunity must have to enter the stage
-- (comma-separated: amount, expectedCloseDate, lineItems); entering a stage also requires every earlier stage's fields.
CREATE TABLE pipeline (
    id          UUID         PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    is_default  BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE UNIQUE INDEX pipeline_one_default ON pipeline (is_default) WHERE is_default;

CREATE TABLE pipeline_stage (
    pipeline_id      UUID         NOT NULL REFERENCES pipeline (id),
    code             VARCHAR(40)  NOT NULL,
    name             VARCHAR(100) NOT NULL,
    position         INT          NOT NULL,
    probability      INT          NOT NULL CHECK (probability BETWEEN 0 AND 100),
    outcome          VARCHAR(10)  NOT NULL CHECK (outcome IN ('OPEN', 'WON', 'LOST')),
    required_fields  VARCHAR(500) NOT NULL DEFAULT '',
    PRIMARY KEY (pipeline_id, code),
    UNIQUE (pipeline_id, position)
);

INSERT INTO pipeline (id, name, is_default) VALUES ('00000000-0000-0000-0000-000000000001', 'Standard B2B sales', TRUE);
INSERT INTO pipeline_stage (pipeline_id, code, name, position, probability, outcome, required_fields) VALUES
 ('00000000-0000-0000-0000-000000000001', 'qualification',  'Qualification',  1,  10, 'OPEN', ''),
 ('00000000-0000-0000-0000-000000000001', 'needs-analysis', 'Needs analysis', 2,  20, 'OPEN', ''),
 ('00000000-0000-0000-0000-000000000001', 'proposal',       'Proposal',       3,  50, 'OPEN', 'amount,expectedCloseDate'),
 ('00000000-0000-0000-0000-000000000001', 'negotiation',    'Negotiation',    4,  75, 'OPEN', 'lineItems'),
 ('00000000-0000-0000-0000-000000000001', 'won',            'Won',            5, 100, 'WON',  'lineItems'),
 ('00000000-0000-0000-0000-000000000001', 'lost',           'Lost',           6,   0, 'LOST', '');
