package donna.backend.db;

import java.io.IOException;
import java.math.BigInteger;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The schema migrations this build carries ({@code db/migration/V<version>__<name>.sql}) and whether a database has
 * them all. The desktop service asks before it runs Flyway: Flyway loads ~400 classes and reads and checksums every
 * migration at each start, for a schema that only changes when the app is updated. Anything unusual (a migration
 * that failed, a database ahead of the app, migrations that cannot be listed) is left to Flyway.
 */
final class Migrations {
    static final String FOLDER = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.+\\.sql");
    private static final Comparator<List<BigInteger>> BY_VERSION = Migrations::compare;

    private Migrations() {}

    /** True when the last migration applied, successfully, is the newest this build carries. */
    static boolean upToDate(DataSource database) {
        Optional<List<BigInteger>> newest;
        try {
            newest = newestBundled();
        } catch (RuntimeException oddName) {
            return false;
        }
        if (newest.isEmpty()) {
            return false;
        }
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet last = s.executeQuery("select version, success from flyway_schema_history "
                        + "where version is not null order by installed_rank desc limit 1")) {
            return last.next() && last.getBoolean("success")
                    && compare(parse(last.getString("version")), newest.get()) == 0;
        } catch (SQLException | RuntimeException noHistoryYetOrOddVersion) {
            return false;
        }
    }

    /** The newest versioned migration in the build; empty when there is none or they cannot be listed. */
    static Optional<List<BigInteger>> newestBundled() {
        return bundledFiles().stream().map(VERSIONED::matcher).filter(Matcher::matches)
                .map(m -> parse(m.group(1))).max(BY_VERSION);
    }

    /** File names in the migrations folder: a folder of classes (tests, builds) or the service's jar. */
    private static List<String> bundledFiles() {
        URL folder = Migrations.class.getClassLoader().getResource(FOLDER);
        if (folder == null) {
            return List.of();
        }
        try {
            if (folder.getProtocol().equals("file")) {
                try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                    return files.map(p -> p.getFileName().toString()).toList();
                }
            }
            URLConnection connection = folder.openConnection();
            if (connection instanceof JarURLConnection jarConnection) {
                // Our own handle: the class loader's cached one must stay open.
                try (JarFile jar = new JarFile(Path.of(jarConnection.getJarFileURL().toURI()).toFile())) {
                    List<String> names = new ArrayList<>();
                    jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(FOLDER + "/"))
                            .forEach(n -> names.add(n.substring(FOLDER.length() + 1)));
                    return names;
                }
            }
            return List.of();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return List.of(); // Flyway will find them its own way
        }
    }

    /** "2", "2.1", "2_1" (Flyway's forms) as numbers; 1.0 equals 1. */
    static List<BigInteger> parse(String version) {
        List<BigInteger> parts = new ArrayList<>(Stream.of(version.strip().split("[._]")).map(BigInteger::new)
                .toList());
        while (parts.size() > 1 && parts.getLast().signum() == 0) {
            parts.removeLast();
        }
        return parts;
    }

    private static int compare(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int c = (i < a.size() ? a.get(i) : BigInteger.ZERO).compareTo(i < b.size() ? b.get(i) : BigInteger.ZERO);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
