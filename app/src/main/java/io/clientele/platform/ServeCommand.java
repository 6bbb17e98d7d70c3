package io.clientele.platform;

import io.clientele.ClienteleApplication;
import io.clientele.platform.db.Database;
import io.clientele.platform.db.DatabaseSettings;
import io.clientele.platform.db.StartupException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./clientele serve}: checks the environment, opens the database, then starts the web application. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the web application.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--data-dir",
            defaultValue = "data",
            description = "Folder of the embedded database (default: ${DEFAULT-VALUE}); unused with CLIENTELE_DB_URL.")
    Path dataDir;

    @Option(names = "--no-demo", description = "Do not load demo data into an empty database.")
    boolean noDemo;

    @Override
    public Integer call() {
        requirePortFree(port);
        Database database = Database.open(DatabaseSettings.from(dataDir, System.getenv()));
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", port);
        properties.put("clientele.data-dir", dataDir.toString());
        if (noDemo) {
            properties.put("clientele.demo.enabled", false);
        }
        SpringApplication application = new SpringApplication(ClienteleApplication.class);
        application.setDefaultProperties(properties);
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("database", database));
        CountDownLatch closed = new CountDownLatch(1);
        application.addListeners(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        ConfigurableApplicationContext context;
        try {
            context = application.run();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        System.err.println("Clientele is running on http://localhost:" + port + "/ (" + database.description()
                + "). Stop it with Ctrl+C.");
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.close();
        }
        return 0;
    }

    private static void requirePortFree(int port) {
        if (port < 0 || port > 65535) {
            throw new StartupException("--port must be between 0 (any free port) and 65535, not " + port + ".");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new StartupException(
                    "Port " + port
                            + " is already in use (is Clientele already running?). Stop that program or choose another port with --port.");
        }
    }
}
