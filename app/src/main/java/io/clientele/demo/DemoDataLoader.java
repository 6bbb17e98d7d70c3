package io.clientele.demo;

import io.clientele.customer.Timeline;
import io.clientele.demo.generator.DemoDataGenerator;
import io.clientele.demo.generator.DemoSpec;
import io.clientele.identity.UserAccounts;
import io.clientele.identity.UserDataScopes;
import io.clientele.ingest.BulkLoad;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.Scoring;
import io.clientele.loyalty.EarningRules;
import io.clientele.loyalty.LoyaltyCards;
import io.clientele.loyalty.LoyaltyTiers;
import io.clientele.loyalty.PointsLedger;
import io.clientele.loyalty.ProgrammeSettings;
import io.clientele.loyalty.TierReviews;
import io.clientele.survey.SurveyResponses;
import io.clientele.survey.Surveys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fills an empty database (no customers and no users) with the demo data set and the demo users at start-up.
 * The whole load is one transaction, so a process stopped half-way leaves an empty database that the next
 * start fills again.
 */
@Component
@Order(0)
class DemoDataLoader implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final DemoProperties properties;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final UserAccounts users;
    private final Clock clock;
    private final Scoring scoring;
    private final BulkLoad bulk;
    private final Timeline timeline;
    private final LoyaltyCards loyaltyCards;
    private final PointsLedger pointsLedger;
    private final EarningRules earningRules;
    private final LoyaltyTiers loyaltyTiers;
    private final ProgrammeSettings programmeSettings;
    private final TierReviews tierReviews;
    private final Surveys surveys;
    private final UserDataScopes dataScopes;
    private final SurveyResponses surveyResponses;
    private final DemoJourney demoJourney;
    private final DemoCommunications demoCommunications;
    private final DemoCampaigns demoCampaigns;
    private final DemoCosts demoCosts;
    private final DemoSales demoSales;
    private final DemoService demoService;
    private final DemoSupplier demoSupplier;
    private final DemoTargets demoTargets;
    private final DemoForms demoForms;

    DemoDataLoader(
            DemoProperties properties,
            DataSource dataSource,
            JdbcClient jdbc,
            UserAccounts users,
            Clock clock,
            Scoring scoring,
            BulkLoad bulk,
            Timeline timeline,
            LoyaltyCards loyaltyCards,
            PointsLedger pointsLedger,
            EarningRules earningRules,
            LoyaltyTiers loyaltyTiers,
            ProgrammeSettings programmeSettings,
            TierReviews tierReviews,
            Surveys surveys,
            SurveyResponses surveyResponses,
            DemoJourney demoJourney,
            DemoCommunications demoCommunications,
            DemoCampaigns demoCampaigns,
            DemoCosts demoCosts,
            DemoSales demoSales,
            DemoService demoService,
            DemoSupplier demoSupplier,
            DemoTargets demoTargets,
            DemoForms demoForms,
            UserDataScopes dataScopes) {
        this.demoSupplier = demoSupplier;
        this.demoTargets = demoTargets;
        this.demoSales = demoSales;
        this.demoService = demoService;
        this.demoForms = demoForms;
        this.dataScopes = dataScopes;
        this.properties = properties;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
        this.scoring = scoring;
        this.bulk = bulk;
        this.loyaltyCards = loyaltyCards;
        this.pointsLedger = pointsLedger;
        this.earningRules = earningRules;
        this.loyaltyTiers = loyaltyTiers;
        this.programmeSettings = programmeSettings;
        this.tierReviews = tierReviews;
        this.timeline = timeline;
        this.surveys = surveys;
        this.surveyResponses = surveyResponses;
        this.demoJourney = demoJourney;
        this.demoCommunications = demoCommunications;
        this.demoCampaigns = demoCampaigns;
        this.demoCosts = demoCosts;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException, SQLException, InterruptedException {
        if (!properties.enabled() || users.count() > 0 || customerCount() > 0) {
            return;
        }
        // the last complete day, so that no receipt lies in the future of "now"
        LocalDate asOf = properties.asOf() != null
                ? properties.asOf()
                : LocalDate.now(clock).minusDays(1);
        DemoSpec spec = new DemoSpec(properties.customers(), properties.seed(), asOf);
        log.info(
                "Empty database: loading demo data ({} customers, seed {}, data up to {})",
                spec.customers(),
                spec.seed(),
                asOf);
        long started = System.nanoTime();
        Path folder = Files.createTempDirectory("clientele-demo");
        try {
            new DemoDataGenerator()
                    .writeCsv(folder, spec, (done, total) -> log.info("generated {}/{} customers", done, total));
            DemoLoyalty.rules(earningRules, asOf);
            DemoLoyalty.tiers(loyaltyTiers, programmeSettings, pointsLedger.programme());
            long supplier = demoSupplier.promotion(asOf);
            try (Connection connection = dataSource.getConnection()) {
                CsvDataLoader.Loaded loaded = new CsvDataLoader(bulk, timeline, loyaltyCards).load(connection, folder);
                DemoUsers.create(users, dataScopes, jdbc);
                log.info(
                        "Demo data loaded in {} s: {} stores, {} products, {} customers, {} receipts, {} lines, "
                                + "{} survey answers, {} complaints; demo users {} with password '{}'",
                        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9),
                        loaded.stores(),
                        loaded.products(),
                        loaded.customers(),
                        loaded.receipts(),
                        loaded.lines(),
                        loaded.surveyAnswers(),
                        loaded.complaints(),
                        DemoUsers.USERS.keySet(),
                        DemoUsers.PASSWORD);
            }
            // two years of receipts: the first months' points have reached their expiry
            log.info("Demo loyalty: {} points expired", pointsLedger.expire(clock.instant()));
            TierReviews.Result review = tierReviews.review();
            log.info(
                    "Demo loyalty tiers reviewed for the period ending {}: {} up, {} down",
                    review.periodEnd(),
                    review.upgraded(),
                    review.downgraded());
            int answered = DemoSurveys.load(surveys, surveyResponses, jdbc, spec.seed());
            log.info("Demo surveys created with {} responses", answered);
            DemoJourney.Loaded journey = demoJourney.load(spec.seed());
            log.info(
                    "Demo journey {} running: {} customers entered, {} accepted the trial, {} answered its survey",
                    journey.journey(),
                    journey.entered(),
                    journey.accepted(),
                    journey.answered());
            DemoCampaigns.Loaded finished = demoCampaigns.load(spec.seed());
            log.info(
                    "Demo campaigns {} and {} finished: {} and {} messages sent",
                    finished.winBack(),
                    finished.regulars(),
                    finished.winBackSent(),
                    finished.regularsSent());
            DemoCommunications.Loaded communications = demoCommunications.load();
            log.info(
                    "Demo member communications running: {} new members welcomed, {} statements to send",
                    communications.welcomed(),
                    communications.statements());
            demoCosts.load(finished);
            log.info(
                    "Demo costs booked, the month's department cost allocated, campaign {} closed", finished.winBack());
            DemoSales.Loaded sales = demoSales.load(journey.journey());
            log.info("Demo sales: {} leads, {} of them opportunities", sales.leads(), sales.opportunities());
            log.info("Demo salesperson targets: {}", demoTargets.load(asOf, spec.seed()));
            DemoService.Loaded service = demoService.load();
            log.info("Demo service desk: {} articles, {} requests", service.articles(), service.requests());
            demoSupplier.settle(supplier, asOf);
            log.info("Demo supplier Nordwave Group: double points on its brands, its first month settled");
            DemoForms.Loaded forms = demoForms.load(spec.seed());
            log.info(
                    "Demo forms: {} forms; event {} with {} registrations, {} checked in; campaign {} invited {}",
                    forms.forms(),
                    forms.eventId(),
                    forms.registrations(),
                    forms.checkedIn(),
                    forms.invitation(),
                    forms.invited());
            // so that the insight pages and score-based segments have figures from the first minute
            ScoreRun run = scoring.queue(ScoreRun.Trigger.DEMO, Scoring.Request.defaults(), "demo");
            log.info("Scoring run {} queued as of {}", run.id(), run.asOf());
        } finally {
            deleteRecursively(folder);
        }
    }

    private long customerCount() {
        return jdbc.sql("select count(*) from customer").query(Long.class).single();
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
