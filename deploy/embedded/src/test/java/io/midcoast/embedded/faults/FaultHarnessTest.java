package io.midcoast.embedded.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FaultHarnessTest {

  @Test
  void shouldTellALostDatabaseFromARefusedRecord() {
    // the trace of the CI run where a task restarted during the Postgres outage
    assertThat(
            FaultHarness.lostDatabase(
                "org.hibernate.service.spi.ServiceException: Unable to create requested service"
                    + " [org.hibernate.engine.jdbc.env.spi.JdbcEnvironment] due to: Unable to"
                    + " determine Dialect without JDBC metadata (please set"
                    + " 'jakarta.persistence.jdbc.url' ..."))
        .isTrue();
    assertThat(
            FaultHarness.lostDatabase(
                "org.hibernate.exception.GenericJDBCException: Connections could not be acquired"
                    + " from the underlying database!"))
        .isTrue();
    // the U+0000 row the hostile bench found: a record Postgres refuses, restarting cannot help
    assertThat(
            FaultHarness.lostDatabase(
                "org.postgresql.util.PSQLException: ERROR: invalid byte sequence for encoding"
                    + " \"UTF8\": 0x00"))
        .isFalse();
  }
}
