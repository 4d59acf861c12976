package org.dialogs.writer;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Chooses the {@link BatchWriter} for the database the writer finds at start. */
@Configuration(proxyBeanMethods = false)
class BatchWriterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BatchWriterConfiguration.class);

    static final String IS_CITUS = "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')";

    @Bean
    BatchWriter batchWriter(MessageWriterProperties properties, JdbcClient jdbc, DataSource dataSource) {
        WriteForm form = properties.writeForm();
        if (form == WriteForm.AUTO) {
            form = jdbc.sql(IS_CITUS).query(Boolean.class).single() ? WriteForm.STAGED : WriteForm.UNNEST;
        }
        log.info("Writing batches in the {} form", form);
        return form == WriteForm.STAGED
                ? new StagedBatchWriter(jdbc, new StagingCopy(dataSource))
                : new MessageBatchWriter(jdbc);
    }
}
