package dev.chaingraph.testserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Test/dev launcher: runs an embedded Neo4j Community 5.26 that speaks Bolt on
 * 127.0.0.1:&lt;port&gt;, so the Go service and its tests can use a real server
 * without Docker. NOT for production (auth and TLS are off).
 *
 * <p>Usage: {@code java ... dev.chaingraph.testserver.Launcher <dataDir> <port>}.
 * Prints {@code NEO4J_READY bolt://127.0.0.1:<port>} once the default database is
 * available, then blocks until the JVM is told to stop (SIGTERM/SIGINT).
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            usage("expected 2 arguments, got " + args.length);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int port = 0;
        try {
            port = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            usage("port is not a number: " + args[1]);
        }
        if (port < 1 || port > 65535) {
            usage("port out of range 1..65535: " + port);
        }

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dataDir)
                // Bolt is off by default in embedded mode; bind it to loopback only.
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // No HTTP/HTTPS: keeps Jetty out of the picture (see docs/neo4j.md §2).
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                // Tests connect with NoAuth (BasicAuth is accepted and ignored).
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // Fixed page cache (the default heuristic would take ~50% of RAM); benchmarks
                // of large datasets raise it with -Dchaingraph.pagecache.mb=N.
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                        ByteUnit.mebiBytes(Long.getLong("chaingraph.pagecache.mb", 256)))
                // Kill runaway test queries instead of hanging CI.
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(120))
                // Internal setting (pinned version): Netty's 5 s shutdown quiet period is paid
                // twice by the Bolt server, so a clean stop took ~11 s; with 0 it takes ~1 s.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .build();

        // Clean shutdown on SIGTERM/SIGINT (neo4j.sh stop sends SIGTERM).
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

        // build() returns with Bolt bound; still wait for the default DB to be usable.
        String dbName = GraphDatabaseSettings.DEFAULT_DATABASE_NAME; // "neo4j"
        if (!dbms.database(dbName).isAvailable(TimeUnit.MINUTES.toMillis(5))) {
            System.err.println("Launcher: database '" + dbName + "' did not become available");
            System.exit(3); // the shutdown hook stops the DBMS
        }
        System.out.println("NEO4J_READY bolt://" + HOST + ":" + port);
        System.out.flush();

        // Block until the JVM exits (via signal -> shutdown hook).
        Thread.currentThread().join();
    }

    private static void usage(String why) {
        System.err.println("Launcher: " + why);
        System.err.println("usage: Launcher <dataDir> <port>");
        System.exit(2);
    }
}
