package donna.backend.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import donna.backend.support.SharedPostgres;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When the desktop service may skip Flyway: only when the last migration it carries was applied, successfully. */
class TestMigrations {
    private HikariDataSource database;

    @BeforeEach
    void open() {
        database = new HikariDataSource();
        database.setJdbcUrl(SharedPostgres.newDatabase());
        database.setUsername("postgres");
        database.setMaximumPoolSize(2);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void the_newest_bundled_migration_is_the_highest_versioned_file() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", Migrations.FOLDER))) {
            BigInteger highest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> new BigInteger(n.substring(1, n.indexOf("__")))).max(BigInteger::compareTo)
                    .orElseThrow();
            assertThat(Migrations.newestBundled()).contains(List.of(highest));
        }
    }

    @Test
    void a_new_database_is_behind_and_a_migrated_one_is_up_to_date() {
        assertThat(Migrations.upToDate(database)).as("no history table yet").isFalse();

        Flyway.configure().dataSource(database).locations("classpath:" + Migrations.FOLDER).load().migrate();

        assertThat(Migrations.upToDate(database)).isTrue();
    }

    @Test
    void a_failed_or_missing_last_migration_leaves_it_to_flyway() {
        Flyway.configure().dataSource(database).locations("classpath:" + Migrations.FOLDER).load().migrate();
        Jdbi jdbi = Jdbi.create(database);

        jdbi.useHandle(h -> h.execute("update flyway_schema_history set success = false where installed_rank = "
                + "(select max(installed_rank) from flyway_schema_history)"));
        assertThat(Migrations.upToDate(database)).as("the last one failed").isFalse();

        jdbi.useHandle(h -> h.execute("delete from flyway_schema_history where installed_rank = "
                + "(select max(installed_rank) from flyway_schema_history)"));
        assertThat(Migrations.upToDate(database)).as("one behind").isFalse();
    }

    @Test
    void versions_compare_as_numbers_the_way_flyway_writes_them() {
        assertThat(Migrations.parse("2")).isEqualTo(Migrations.parse("2.0")).isEqualTo(Migrations.parse("2_0"));
        assertThat(Migrations.parse("10")).isEqualTo(List.of(BigInteger.TEN));
        assertThat(Migrations.parse("2.1")).isEqualTo(List.of(BigInteger.TWO, BigInteger.ONE));
    }
}
