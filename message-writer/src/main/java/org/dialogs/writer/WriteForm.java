package org.dialogs.writer;

/** How the writer puts a poll into the database (docs/benchmarks.md compares them). */
enum WriteForm {
    /** {@link #STAGED} on Citus, {@link #UNNEST} on plain PostgreSQL. */
    AUTO,
    /** {@link MessageBatchWriter}: two statements over arrays. */
    UNNEST,
    /** {@link StagedBatchWriter}: COPY into staging, then statements Citus runs on the workers. */
    STAGED
}
