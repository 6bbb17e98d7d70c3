package io.clientele.platform;

import io.clientele.ClienteleApplication;
import io.clientele.platform.db.Database;
import io.clientele.platform.db.DatabaseSettings;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application without its web server, for a command such as {@code import}: the same services over the same
 * database (an external one, the embedded server a running {@code serve} holds, or one started here). Background
 * workers and demo data stay off, and logs stay off the console so stdout carries only the command's output.
 */
public final class CommandContext {
    private CommandContext() {}

    public static ConfigurableApplicationContext start(Path dataDir) {
        Database database = Database.open(DatabaseSettings.from(dataDir, System.getenv()));
        SpringApplication application = new SpringApplication(ClienteleApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setDefaultProperties(Map.of(
                "clientele.data-dir", dataDir.toString(),
                "clientele.demo.enabled", "false",
                "clientele.jobs.enabled", "false",
                "logging.level.root", "WARN"));
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("database", database));
        ConfigurableApplicationContext context = application.run();
        context.addApplicationListener(event -> {
            if (event instanceof org.springframework.context.event.ContextClosedEvent) {
                database.close();
            }
        });
        return context;
    }
}
