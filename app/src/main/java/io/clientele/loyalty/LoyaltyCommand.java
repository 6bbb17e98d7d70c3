package io.clientele.loyalty;

import io.clientele.platform.CommandContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./clientele loyalty check|expire|tiers}: the ledger's proof, the expiry of lots whose time has come, and the
 * review of tiers at the end of a qualification period.
 */
@Command(
        name = "loyalty",
        mixinStandardHelpOptions = true,
        description = "The loyalty points ledger.",
        subcommands = {LoyaltyCommand.Check.class, LoyaltyCommand.Expire.class, LoyaltyCommand.Tiers.class})
public final class LoyaltyCommand implements Runnable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Prove that every balance equals the sum of its movements and the ledger sums to zero per "
                    + "period; exit 1 when it does not.")
    static final class Check implements Callable<Integer> {
        @Option(names = "--data-dir", defaultValue = "data", description = "folder of the embedded database")
        Path dataDir;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = CommandContext.start(dataDir)) {
                LedgerCheck.Result result = context.getBean(LedgerCheck.class).run();
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("sound", result.sound());
                json.put("movements", result.movements());
                json.put("entries", result.entries());
                json.put("members", result.members());
                json.put("problems", result.problems());
                System.out.println(JSON.writeValueAsString(json));
                return result.sound() ? 0 : 1;
            }
        }
    }

    @Command(
            name = "expire",
            mixinStandardHelpOptions = true,
            description = "Expire what is left of every lot whose expiry has passed.")
    static final class Expire implements Callable<Integer> {
        @Option(names = "--data-dir", defaultValue = "data", description = "folder of the embedded database")
        Path dataDir;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = CommandContext.start(dataDir)) {
                Instant now = context.getBean(Clock.class).instant();
                long expired = context.getBean(PointsLedger.class).expire(now);
                System.out.println(JSON.writeValueAsString(Map.of("expired", expired)));
                return 0;
            }
        }
    }

    @Command(
            name = "tiers",
            mixinStandardHelpOptions = true,
            description =
                    "Review the members' tiers for the last qualification period that has ended (downgrades happen "
                            + "only here); a period already reviewed changes nothing.")
    static final class Tiers implements Callable<Integer> {
        @Option(names = "--data-dir", defaultValue = "data", description = "folder of the embedded database")
        Path dataDir;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = CommandContext.start(dataDir)) {
                TierReviews.Result result = context.getBean(TierReviews.class).review();
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("periodEnd", result.periodEnd().toString());
                json.put("reviewed", result.reviewed());
                json.put("upgraded", result.upgraded());
                json.put("downgraded", result.downgraded());
                System.out.println(JSON.writeValueAsString(json));
                return 0;
            }
        }
    }
}
