package io.clientele;

import io.clientele.demo.GenerateCommand;
import io.clientele.ingest.ImportCommand;
import io.clientele.insight.ClvCommand;
import io.clientele.insight.ScoreCommand;
import io.clientele.loyalty.LoyaltyCommand;
import io.clientele.merchandising.BasketCommand;
import io.clientele.platform.ServeCommand;
import io.clientele.platform.db.StartupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line behind {@code ./clientele}: one jar runs the web application and the commands. */
@Command(
        name = "clientele",
        mixinStandardHelpOptions = true,
        version = "Clientele 0.1.0",
        description = "Open-source marketing CRM for retailers and other B2C companies.",
        subcommands = {
            ServeCommand.class,
            GenerateCommand.class,
            ImportCommand.class,
            ScoreCommand.class,
            ClvCommand.class,
            LoyaltyCommand.class,
            BasketCommand.class
        })
public final class Clientele implements Runnable {
    /** Exit code for a start-up problem of the environment (port, folder, database). */
    public static final int EXIT_STARTUP = 2;

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: environment problems print one message and exit with 2. */
    public static CommandLine commandLine() {
        return new CommandLine(new Clientele()).setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof StartupException) {
                cmd.getErr().println("clientele: " + exception.getMessage());
                return EXIT_STARTUP;
            }
            throw exception;
        });
    }
}
