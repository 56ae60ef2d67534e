-- Claims on inbox files, so several instances sharing one inbox and one database read each
-- file once. Camel's JDBC idempotent repository (JdbcOrphanLockAwareIdempotentRepository)
-- uses this table under its default name and columns; a claim is removed when its file has
-- moved, and a claim whose holder stopped refreshing it (a crashed instance) expires.
CREATE TABLE camel_messageprocessed (
    processorname VARCHAR(255) NOT NULL,
    messageid     TEXT NOT NULL,
    createdat     TIMESTAMP NOT NULL,
    PRIMARY KEY (processorname, messageid)
);
