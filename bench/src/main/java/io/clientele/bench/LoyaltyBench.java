package io.clientele.bench;

import io.clientele.ClienteleApplication;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import io.clientele.ingest.ImportJob;
import io.clientele.ingest.ImportKind;
import io.clientele.ingest.Imports;
import io.clientele.ingest.PosReceipts;
import io.clientele.ingest.PosSales;
import io.clientele.loyalty.LoyaltyCards;
import io.clientele.loyalty.Redemptions;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.db.Database;
import io.clientele.platform.db.DatabaseSettings;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loyalty at scale (issue 20). Earning: the same generated sales file imported three times into emptied tables —
 * without members (nothing earns), with every customer a member (the set-based earning inside each chunk's
 * transaction), and without members again followed by the per-receipt baseline (a loop that locks the account, posts
 * the movement, its two legs and the balance, one receipt at a time, as a first version would). Earn and burn:
 * concurrent POS requests against the services behind {@code POST /api/v1/sales} (one receipt each) and
 * {@code /api/v1/loyalty/holds} (reserve, then confirm), requests per second and latency percentiles.
 */
final class LoyaltyBench {
    private static final JsonMapper JSON =
            JsonMapper.builder().findAndAddModules().build();

    private LoyaltyBench() {}

    static void run(Options options) throws Exception {
        long customers = options.number("customers", 100_000);
        long lines = options.number("lines", 2_000_000);
        int seconds = (int) options.number("seconds", 20);
        int threads = (int) options.number("threads", 8);
        Path work = options.path("work", "/tmp/clientele-bench/loyalty");
        Path data = SalesImportBench.prepareFiles(work.resolve("csv"), customers, lines);
        Path dbDir = work.resolve("db");
        SalesImportBench.deleteRecursively(dbDir);
        try (ConfigurableApplicationContext context = serving(dbDir)) {
            Imports imports = context.getBean(Imports.class);
            DataSource dataSource = context.getBean(DataSource.class);
            String machine = Machine.describe(dataSource);
            System.err.println("machine: " + machine);
            for (String kind : List.of("stores", "products", "customers")) {
                importFile(imports, ImportKind.parse(kind), data.resolve(kind + ".csv"), work, kind);
            }
            Path sales = data.resolve("sales.csv");
            // CPU of this JVM and the database per phase beside the elapsed time: the machine is shared
            Path postmaster = dbDir.resolve("pg/postmaster.pid");

            long start = System.nanoTime();
            long cpu = CpuClock.millis(postmaster);
            ImportJob plain = importFile(imports, ImportKind.SALES, sales, work, "plain");
            double plainSeconds = seconds(start);
            System.err.printf(
                    "import without members: %,d lines in %.1f s, %.1f s CPU, load %s%n",
                    plain.imported(), plainSeconds, (CpuClock.millis(postmaster) - cpu) / 1e3, CpuClock.load());

            empty(dataSource, true);
            int members;
            try (Connection connection = dataSource.getConnection()) {
                members = context.getBean(LoyaltyCards.class).enrolCustomersWithCards(connection);
            }
            start = System.nanoTime();
            cpu = CpuClock.millis(postmaster);
            ImportJob earning = importFile(imports, ImportKind.SALES, sales, work, "earning");
            double earningSeconds = seconds(start);
            double earningCpu = (CpuClock.millis(postmaster) - cpu) / 1e3;
            String earned = points(dataSource);
            System.err.printf(
                    "import with earning: %.1f s, %.1f s CPU, load %s; %s%n",
                    earningSeconds, earningCpu, CpuClock.load(), earned);

            // the tills before the baseline, on the members' balances the import earned
            Throughput posts = throughput(context, dataSource, threads, seconds);
            System.err.printf(
                    "pos: %,.0f requests/s, p50 %.1f ms, p99 %.1f ms (%,d earn, %,d burn, %,d refused)%n",
                    posts.perSecond(),
                    posts.percentile(0.5) / 1000.0,
                    posts.percentile(0.99) / 1000.0,
                    posts.earns(),
                    posts.burns(),
                    posts.refused());
            // the same mix over HTTP, through the security filters, the token check and JSON, on keep-alive connections
            long cpuBefore = CpuClock.millis(dbDir.resolve("pg/postmaster.pid"));
            Throughput http;
            try {
                http = overHttp(context, dataSource, threads, seconds);
            } catch (Exception e) {
                // the rest of the run still measures; the report shows no HTTP requests
                e.printStackTrace();
                http = new Throughput(0, 0, 0, 1, new long[0]);
            }
            long cpuMillis = CpuClock.millis(dbDir.resolve("pg/postmaster.pid")) - cpuBefore;
            System.err.printf(
                    "http: %,.0f requests/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (%,d earn, %,d burn, %,d refused);"
                            + " %.2f ms CPU a request (server, database and load generator)%n",
                    http.perSecond(),
                    http.percentile(0.5) / 1000.0,
                    http.percentile(0.95) / 1000.0,
                    http.percentile(0.99) / 1000.0,
                    http.earns(),
                    http.burns(),
                    http.refused(),
                    cpuMillis / (double) Math.max(1, http.earns() + http.burns()));
            // --baseline no: skip the per-receipt baseline (a run that measures the rest on a busy machine)
            double baselineImport = Double.NaN;
            double baselineEarn = Double.NaN;
            String baselineEarned = "not run";
            if (!options.values().getOrDefault("baseline", "yes").equals("no")) {
                empty(dataSource, true);
                try (Connection connection = dataSource.getConnection()) {
                    setCardsActive(connection, false);
                }
                start = System.nanoTime();
                cpu = CpuClock.millis(postmaster);
                importFile(imports, ImportKind.SALES, sales, work, "baseline");
                baselineImport = seconds(start);
                double importCpu = (CpuClock.millis(postmaster) - cpu) / 1e3;
                try (Connection connection = dataSource.getConnection()) {
                    setCardsActive(connection, true);
                }
                start = System.nanoTime();
                cpu = CpuClock.millis(postmaster);
                long baselineReceipts = PerReceiptEarning.earn(dataSource);
                baselineEarn = seconds(start);
                double loopCpu = (CpuClock.millis(postmaster) - cpu) / 1e3;
                baselineEarned = points(dataSource);
                System.err.printf(
                        "baseline: import %.1f s (%.1f s CPU) + per-receipt earning %.1f s (%.1f s CPU; %,d receipts),"
                                + " load %s; %s%n",
                        baselineImport,
                        importCpu,
                        baselineEarn,
                        loopCpu,
                        baselineReceipts,
                        CpuClock.load(),
                        baselineEarned);
                System.err.printf(
                        "earning's part against this warm import without members: %+.1f%% elapsed, %+.1f%% CPU%n",
                        100 * (earningSeconds / baselineImport - 1), 100 * (earningCpu / importCpu - 1));
            }
            System.out.println(report(
                    machine,
                    plain,
                    members,
                    plainSeconds,
                    earningSeconds,
                    earned,
                    baselineImport,
                    baselineEarn,
                    baselineEarned,
                    posts,
                    http,
                    cpuMillis,
                    threads,
                    seconds));
        }
    }

    /** The application with its web server on a free port (jobs and demo data off), over the bench's database. */
    private static ConfigurableApplicationContext serving(Path dbDir) {
        Database database = Database.open(DatabaseSettings.from(dbDir, System.getenv()));
        SpringApplication application = new SpringApplication(ClienteleApplication.class);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setDefaultProperties(Map.of(
                "server.port", "0",
                "clientele.data-dir", dbDir.toString(),
                "clientele.demo.enabled", "false",
                "clientele.jobs.enabled", "false",
                "logging.level.root", "WARN"));
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("database", database));
        ConfigurableApplicationContext context = application.run();
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                database.close();
            }
        });
        return context;
    }

    private static ImportJob importFile(Imports imports, ImportKind kind, Path file, Path work, String copy)
            throws Exception {
        // a copy per run, so that each is a new import of its own and not the resumption of the last
        Path own = work.resolve(copy + "-" + file.getFileName());
        Files.copy(file, own, StandardCopyOption.REPLACE_EXISTING);
        try {
            Imports.Started started = imports.prepare(kind, own, "POS", null, "bench");
            return imports.run(started.job(), job -> {});
        } finally {
            Files.delete(own);
        }
    }

    /** Empties the receipts and the ledger, and every member's balance with them. */
    private static void empty(DataSource dataSource, boolean analyze) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "truncate sale_line, sale, loyalty_entry, loyalty_movement, loyalty_hold, loyalty_qualification");
            statement.execute("update loyalty_account set balance = 0 where balance <> 0");
            if (analyze) {
                statement.execute("vacuum analyze sale, sale_line, loyalty_entry, loyalty_movement, loyalty_account");
            }
        }
    }

    /** Blocked cards earn nothing: the baseline's import runs without members, as the first one did. */
    private static void setCardsActive(Connection connection, boolean active) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("update loyalty_card set status = '" + (active ? "ACTIVE" : "BLOCKED") + "'");
        }
    }

    private static String points(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("""
                        select count(*), coalesce(sum(points), 0) from loyalty_entry where account_id >= 100""")) {
            rows.next();
            return "%,d earning legs, %,d points".formatted(rows.getLong(1), rows.getLong(2));
        }
    }

    /** The first version of earning: per receipt, the account locked, the movement, two legs, the balance. */
    static final class PerReceiptEarning {
        static long earn(DataSource dataSource) throws SQLException {
            long receipts = 0;
            try (Connection read = dataSource.getConnection();
                    Connection write = dataSource.getConnection()) {
                read.setAutoCommit(false);
                write.setAutoCommit(false);
                try (var query = read.prepareStatement("""
                                select s.id, k.account_id, s.sold_at,
                                       floor(sum(l.amount * g.points_per_unit))::bigint as points
                                from sale s join loyalty_card k on k.card_number = s.card_number
                                join sale_line l on l.sale_id = s.id and l.amount > 0
                                cross join loyalty_programme g
                                where s.kind = 'SALE' and k.status = 'ACTIVE'
                                group by s.id, k.account_id, s.sold_at, g.points_per_unit""");
                        var lock =
                                write.prepareStatement("select balance from loyalty_account where id = ? for update");
                        var movement = write.prepareStatement("""
                                insert into loyalty_movement (key, cause, at, sale_id, expires_at, actor)
                                values (?, 'EARN', ?, ?, cast(? as timestamptz) + interval '25 months', 'baseline') returning id""");
                        var leg = write.prepareStatement(
                                "insert into loyalty_entry (movement_id, account_id, lot_id, points) values (?, ?, ?, ?)");
                        var balance = write.prepareStatement(
                                "update loyalty_account set balance = balance + ? where id = ?")) {
                    query.setFetchSize(10_000);
                    try (var rows = query.executeQuery()) {
                        while (rows.next()) {
                            long points = rows.getLong(4);
                            if (points <= 0) {
                                continue;
                            }
                            long account = rows.getLong(2);
                            lock.setLong(1, account);
                            lock.executeQuery().close();
                            movement.setString(1, "sale:" + rows.getLong(1));
                            movement.setObject(2, rows.getObject(3));
                            movement.setLong(3, rows.getLong(1));
                            movement.setObject(4, rows.getObject(3));
                            long id;
                            try (var inserted = movement.executeQuery()) {
                                inserted.next();
                                id = inserted.getLong(1);
                            }
                            leg.setLong(1, id);
                            leg.setLong(2, account);
                            leg.setLong(3, id);
                            leg.setLong(4, points);
                            leg.addBatch();
                            leg.setLong(1, id);
                            leg.setLong(2, 1);
                            leg.setObject(3, null);
                            leg.setLong(4, -points);
                            leg.addBatch();
                            leg.executeBatch();
                            balance.setLong(1, points);
                            balance.setLong(2, account);
                            balance.executeUpdate();
                            if (++receipts % 5_000 == 0) {
                                write.commit();
                            }
                        }
                    }
                }
                write.commit();
                read.commit();
            }
            return receipts;
        }
    }

    /** Requests and their latencies (microseconds) from every thread. */
    record Throughput(long earns, long burns, long refused, double seconds, long[] micros) {
        double perSecond() {
            return (earns + burns) / seconds;
        }

        long percentile(double p) {
            return micros.length == 0 ? 0 : micros[(int) Math.min(micros.length - 1, Math.floor(p * micros.length))];
        }
    }

    /**
     * POS traffic: each request is one receipt posted for a member's card (earn) or a hold reserved or confirmed
     * (burn, two requests), half and half, from {@code threads} tills for {@code seconds}.
     */
    private static Throughput throughput(
            ConfigurableApplicationContext context, DataSource dataSource, int threads, int seconds) throws Exception {
        PosSales sales = context.getBean(PosSales.class);
        Redemptions redemptions = context.getBean(Redemptions.class);
        Tills tills = Tills.read(dataSource);
        List<String> cards = tills.cards();
        String store = tills.store();
        String sku = tills.sku();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong earns = new AtomicLong();
        AtomicLong burns = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> results = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int till = t;
            results.add(pool.submit(() -> {
                Random random = new Random(till);
                long[] micros = new long[1 << 16];
                int n = 0;
                for (long i = 0; System.nanoTime() < deadline; i++) {
                    String card = cards.get(random.nextInt(cards.size()));
                    String key = "bench-" + till + "-" + i;
                    if (random.nextBoolean()) {
                        var request = new PosReceipts(
                                "BENCH-" + till,
                                List.of(new PosReceipts.Receipt(
                                        key,
                                        "SALE",
                                        store,
                                        null,
                                        Instant.now().minusSeconds(60),
                                        card,
                                        List.of(new PosReceipts.Line(
                                                1, sku, 1, new BigDecimal("19.90"), null, null)))));
                        byte[] body = JSON.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
                        long t0 = System.nanoTime();
                        sales.record(key, body, request);
                        micros = record(micros, n++, t0);
                        earns.incrementAndGet();
                    } else {
                        byte[] body = ("{\"cardNumber\":\"" + card + "\",\"points\":10}").getBytes();
                        long t0 = System.nanoTime();
                        try {
                            long hold = redemptions
                                    .reserve(key, body, new Redemptions.Reserve(card, 10L, null, null))
                                    .id();
                            micros = record(micros, n++, t0);
                            t0 = System.nanoTime();
                            redemptions.confirm(hold);
                            micros = record(micros, n++, t0);
                            burns.addAndGet(2);
                        } catch (InvalidInputException e) {
                            refused.incrementAndGet();
                        }
                    }
                }
                return Arrays.copyOf(micros, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> result : results) {
            all.add(result.get());
        }
        double elapsed = seconds(started);
        pool.shutdown();
        long[] micros = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Throughput(earns.get(), burns.get(), refused.get(), elapsed, micros);
    }

    /** What the tills use: members' cards with points to spend, a store and a product. */
    record Tills(List<String> cards, String store, String sku) {
        static Tills read(DataSource dataSource) throws SQLException {
            List<String> cards = new ArrayList<>();
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                try (var rows = statement.executeQuery(
                        "select card_number from loyalty_card k join loyalty_account a on a.id = k.account_id "
                                + "where a.balance > 1000 order by k.card_number limit 20000")) {
                    while (rows.next()) {
                        cards.add(rows.getString(1));
                    }
                }
                try (var store = statement.executeQuery("select code from store order by id limit 1")) {
                    store.next();
                    String code = store.getString(1);
                    try (var sku = statement.executeQuery("select sku from product order by id limit 1")) {
                        sku.next();
                        return new Tills(cards, code, sku.getString(1));
                    }
                }
            }
        }

        String receipt(String key, String card) {
            return JSON.writeValueAsString(new PosReceipts(
                    "BENCH",
                    List.of(new PosReceipts.Receipt(
                            key,
                            "SALE",
                            store,
                            null,
                            Instant.now().minusSeconds(60),
                            card,
                            List.of(new PosReceipts.Line(1, sku, 1, new BigDecimal("19.90"), null, null))))));
        }
    }

    /**
     * The POS mix over HTTP: {@code threads} tills, each a closed loop (the next request when the answer is in) on
     * the HTTP/1.1 keep-alive connections of one client, with an API token of the sales scope whose budget does not
     * bind. A burn is two requests (reserve, confirm), each timed.
     */
    private static Throughput overHttp(
            ConfigurableApplicationContext context, DataSource dataSource, int threads, int seconds) throws Exception {
        String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        String token = context.getBean(ApiTokens.class)
                .issue("bench tills " + System.nanoTime(), Set.of(ApiScope.SALES_WRITE), 1_000_000, "bench")
                .secret();
        Tills tills = Tills.read(dataSource);
        ExecutorService io = Executors.newFixedThreadPool(2);
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(io)
                .build()) {
            return overHttp(client, base, token, tills, threads, seconds);
        } finally {
            io.shutdown();
        }
    }

    private static Throughput overHttp(
            HttpClient client, String base, String token, Tills tills, int threads, int seconds) throws Exception {
        AtomicLong earns = new AtomicLong();
        AtomicLong burns = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        // a warm-up of a few seconds: connections opened, code compiled
        for (boolean warm : new boolean[] {true, false}) {
            long deadline = System.nanoTime() + (warm ? 3 : seconds) * 1_000_000_000L;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<long[]>> results = new ArrayList<>();
            long started = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int till = t;
                results.add(pool.submit(() -> {
                    Random random = new Random(till);
                    long[] micros = new long[1 << 16];
                    int n = 0;
                    for (long i = 0; System.nanoTime() < deadline; i++) {
                        String card =
                                tills.cards().get(random.nextInt(tills.cards().size()));
                        String key = "http-" + (warm ? "w" : "m") + "-" + till + "-" + i;
                        if (random.nextBoolean()) {
                            long t0 = System.nanoTime();
                            HttpResponse<String> answer =
                                    post(client, token, base + "/api/v1/sales", key, tills.receipt(key, card));
                            micros = record(micros, n++, t0);
                            if (answer.statusCode() != 200) {
                                throw new IllegalStateException("sales: " + answer.statusCode() + " " + answer.body());
                            }
                            earns.incrementAndGet();
                        } else {
                            long t0 = System.nanoTime();
                            HttpResponse<String> held = post(
                                    client,
                                    token,
                                    base + "/api/v1/loyalty/holds",
                                    key,
                                    "{\"cardNumber\":\"" + card + "\",\"points\":10}");
                            micros = record(micros, n++, t0);
                            if (held.statusCode() != 200) {
                                refused.incrementAndGet();
                                continue;
                            }
                            long id = JSON.readTree(held.body()).get("id").asLong();
                            t0 = System.nanoTime();
                            HttpResponse<String> confirmed =
                                    post(client, token, base + "/api/v1/loyalty/holds/" + id + "/confirm", null, "");
                            micros = record(micros, n++, t0);
                            if (confirmed.statusCode() != 200) {
                                throw new IllegalStateException(
                                        "confirm: " + confirmed.statusCode() + " " + confirmed.body());
                            }
                            burns.addAndGet(2);
                        }
                    }
                    return Arrays.copyOf(micros, n);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> result : results) {
                all.add(result.get());
            }
            double elapsed = seconds(started);
            pool.shutdown();
            if (!warm) {
                long[] micros =
                        all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
                return new Throughput(earns.get(), burns.get(), refused.get(), elapsed, micros);
            }
            earns.set(0);
            burns.set(0);
            refused.set(0);
        }
        throw new IllegalStateException("unreachable");
    }

    private static HttpResponse<String> post(HttpClient client, String token, String uri, String key, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long[] record(long[] micros, int n, long startNanos) {
        long[] into = n < micros.length ? micros : Arrays.copyOf(micros, micros.length * 2);
        into[n] = (System.nanoTime() - startNanos) / 1_000;
        return into;
    }

    private static String report(
            String machine,
            ImportJob plain,
            int members,
            double plainSeconds,
            double earningSeconds,
            String earned,
            double baselineImport,
            double baselineEarn,
            String baselineEarned,
            Throughput posts,
            Throughput http,
            long httpCpuMillis,
            int threads,
            int seconds) {
        return """
                ### Loyalty: earning during the sales import, and POS earn/burn (issue 20)

                %s. File: %,d receipt lines; %,d members (every imported customer with a card).

                | path | seconds | over the import without members |
                |---|---:|---:|
                | import, no members (nothing earns) | %.1f | — |
                | import with set-based earning in each chunk's transaction | %.1f | %+.1f%% |
                | import, then the per-receipt earning loop (baseline) | %.1f + %.1f = %.1f | %+.1f%% |

                Earned: ours %s; baseline %s.

                POS traffic from %d threads for %d s, in process (the services behind the endpoints, no HTTP): %,d
                earn requests (one receipt each), %,d burn requests (reserve, confirm), %,d refused; **%,.0f
                requests/s**, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms.

                The same mix over HTTP (`POST /api/v1/sales`, `POST /api/v1/loyalty/holds`, `…/confirm`; API token,
                JSON, keep-alive), %d closed-loop clients for %d s after 3 s of warm-up: %,d earn, %,d burn, %,d
                refused; **%,.0f requests/s**, latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; %.2f ms of CPU a request
                (web server, database and the load generator together).
                """.formatted(
                        machine,
                        plain.read(),
                        members,
                        plainSeconds,
                        earningSeconds,
                        100 * (earningSeconds / plainSeconds - 1),
                        baselineImport,
                        baselineEarn,
                        baselineImport + baselineEarn,
                        100 * ((baselineImport + baselineEarn) / plainSeconds - 1),
                        earned,
                        baselineEarned,
                        threads,
                        seconds,
                        posts.earns(),
                        posts.burns(),
                        posts.refused(),
                        posts.perSecond(),
                        posts.percentile(0.5) / 1000.0,
                        posts.percentile(0.99) / 1000.0,
                        posts.micros().length == 0 ? 0 : posts.micros()[posts.micros().length - 1] / 1000.0,
                        threads,
                        seconds,
                        http.earns(),
                        http.burns(),
                        http.refused(),
                        http.perSecond(),
                        http.percentile(0.5) / 1000.0,
                        http.percentile(0.95) / 1000.0,
                        http.percentile(0.99) / 1000.0,
                        httpCpuMillis / (double) Math.max(1, http.earns() + http.burns()));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
