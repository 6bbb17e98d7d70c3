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
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.net.Socket;
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
        // --only pos: only the earning import (it gives the members their balances) and the POS phases;
        // --only earning: the three imports without the POS phases
        String only = options.values().getOrDefault("only", "all");
        if (!List.of("all", "pos", "earning").contains(only)) {
            throw new IllegalArgumentException("--only pos|earning, not " + only);
        }
        boolean pos = !only.equals("earning");
        boolean imports3 = !only.equals("pos");
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
            double plainSeconds = Double.NaN;
            if (imports3) {
                ImportJob plain = importFile(imports, ImportKind.SALES, sales, work, "plain");
                plainSeconds = seconds(start);
                System.err.printf(
                        "import without members: %,d lines in %.1f s, %.1f s CPU, load %s%n",
                        plain.imported(), plainSeconds, (CpuClock.millis(postmaster) - cpu) / 1e3, CpuClock.load());
                empty(dataSource, true);
            }
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

            Throughput posts = Throughput.NONE;
            Throughput http = Throughput.NONE;
            long cpuMillis = 0;
            String load = "";
            if (pos) {
                // the tills before the baseline, on the members' balances the import earned
                posts = throughput(context, dataSource, threads, seconds);
                System.err.printf(
                        "pos: %,.0f requests/s, p50 %.1f ms, p99 %.1f ms (%,d earn, %,d burn, %,d refused)%n",
                        posts.perSecond(),
                        posts.percentile(0.5) / 1000.0,
                        posts.percentile(0.99) / 1000.0,
                        posts.earns(),
                        posts.burns(),
                        posts.refused());
                // the same mix over HTTP, through the security filters, the token check and JSON, on keep-alive
                // connections
                load = CpuClock.load();
                long cpuBefore = CpuClock.millis(postmaster);
                try {
                    http = overHttp(
                            context, dataSource, threads, (int) options.number("warmup", 3), seconds, postmaster);
                } catch (Exception e) {
                    // the rest of the run still measures; the report shows no HTTP requests
                    e.printStackTrace();
                }
                cpuMillis = http.cpuMillis() > 0 ? http.cpuMillis() : CpuClock.millis(postmaster) - cpuBefore;
                load += " → " + CpuClock.load();
                System.err.printf(
                        "http: %,.0f requests/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (%,d earn, %,d burn, %,d"
                                + " refused); %.2f ms CPU a request (server, database and load generator): web server"
                                + " %.2f ms (the JIT compiler meanwhile %.2f ms of compiling, elapsed), database %.2f ms,"
                                + " load generator %.3f ms; load average %s%n",
                        http.perSecond(),
                        http.percentile(0.5) / 1000.0,
                        http.percentile(0.95) / 1000.0,
                        http.percentile(0.99) / 1000.0,
                        http.earns(),
                        http.burns(),
                        http.refused(),
                        http.perRequest(cpuMillis),
                        http.perRequest(http.jvmCpuMillis() - http.generatorCpuMillis()),
                        http.perRequest(http.compilingMillis()),
                        http.perRequest(cpuMillis - http.jvmCpuMillis()),
                        http.perRequest(http.generatorCpuMillis()),
                        load);
            }
            // --baseline no: skip the per-receipt baseline (a run that measures the rest on a busy machine)
            double baselineImport = Double.NaN;
            double baselineEarn = Double.NaN;
            String baselineEarned = "not run";
            if (imports3 && !options.values().getOrDefault("baseline", "yes").equals("no")) {
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
                    earning,
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
                    load,
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
    record Throughput(
            long earns,
            long burns,
            long refused,
            double seconds,
            long[] micros,
            long cpuMillis,
            long jvmCpuMillis,
            long compilingMillis,
            long generatorCpuMillis) {
        static final Throughput NONE = new Throughput(0, 0, 0, 1, new long[0], 0, 0, 0, 0);

        Throughput(long earns, long burns, long refused, double seconds, long[] micros) {
            this(earns, burns, refused, seconds, micros, 0, 0, 0, 0);
        }

        /** CPU a request, in milliseconds, of {@code millis} over the phase. */
        double perRequest(long millis) {
            return millis / (double) Math.max(1, earns + burns);
        }

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
    record Tills(List<String> cards, String store, String sku, String template) {
        Tills(List<String> cards, String store, String sku) {
            this(
                    cards,
                    store,
                    sku,
                    JSON.writeValueAsString(new PosReceipts(
                            "BENCH",
                            List.of(new PosReceipts.Receipt(
                                    "@KEY@",
                                    "SALE",
                                    store,
                                    null,
                                    Instant.now().minusSeconds(60),
                                    "@CARD@",
                                    List.of(new PosReceipts.Line(1, sku, 1, new BigDecimal("19.90"), null, null)))))));
        }

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

        /** A receipt's body: the JSON written once, the key and the card put in per request (cheap for the client). */
        String receipt(String key, String card) {
            int k = template.indexOf("@KEY@");
            int c = template.indexOf("@CARD@");
            return template.substring(0, k) + key + template.substring(k + 5, c) + card + template.substring(c + 6);
        }
    }

    /**
     * The POS mix over HTTP: {@code threads} tills, each a closed loop (the next request when the answer is in) on its
     * own HTTP/1.1 keep-alive connection, with an API token of the sales scope whose budget does not bind. A burn is
     * two requests (reserve, confirm), each timed. The client is a plain socket writing pre-built request heads, so
     * that the load generator takes little of the cores it shares with the server; its CPU is measured per thread.
     */
    private static Throughput overHttp(
            ConfigurableApplicationContext context,
            DataSource dataSource,
            int threads,
            int warmup,
            int seconds,
            Path postmasterPid)
            throws Exception {
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        String token = context.getBean(ApiTokens.class)
                .issue("bench tills " + System.nanoTime(), Set.of(ApiScope.SALES_WRITE), 1_000_000, "bench")
                .secret();
        Tills tills = Tills.read(dataSource);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        AtomicLong earns = new AtomicLong();
        AtomicLong burns = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong generatorNanos = new AtomicLong();
        // a warm-up (--warmup seconds, 3 unless told): connections opened, code compiled; on a loaded machine the
        // compiler is still at work after a few seconds, and its CPU is reported apart
        for (boolean warm : new boolean[] {true, false}) {
            long deadline = System.nanoTime() + (warm ? warmup : seconds) * 1_000_000_000L;
            long cpuBefore = CpuClock.millis(postmasterPid);
            long jvmBefore = CpuClock.jvmMillis();
            long compilingBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<long[]>> results = new ArrayList<>();
            long started = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int till = t;
                results.add(pool.submit(() -> {
                    long cpuStart = cpu.getCurrentThreadCpuTime();
                    Random random = new Random(till);
                    long[] micros = new long[1 << 16];
                    int n = 0;
                    try (Till client = new Till(port, token)) {
                        for (long i = 0; System.nanoTime() < deadline; i++) {
                            String card = tills.cards()
                                    .get(random.nextInt(tills.cards().size()));
                            String key = "http-" + (warm ? "w" : "m") + "-" + till + "-" + i;
                            if (random.nextBoolean()) {
                                long t0 = System.nanoTime();
                                int status = client.post("/api/v1/sales", key, tills.receipt(key, card));
                                micros = record(micros, n++, t0);
                                if (status != 200) {
                                    throw new IllegalStateException("sales: " + status + " " + client.body());
                                }
                                earns.incrementAndGet();
                            } else {
                                long t0 = System.nanoTime();
                                int status = client.post(
                                        "/api/v1/loyalty/holds",
                                        key,
                                        "{\"cardNumber\":\"" + card + "\",\"points\":10}");
                                micros = record(micros, n++, t0);
                                if (status != 200) {
                                    refused.incrementAndGet();
                                    continue;
                                }
                                long id = client.id();
                                t0 = System.nanoTime();
                                status = client.post("/api/v1/loyalty/holds/" + id + "/confirm", null, "");
                                micros = record(micros, n++, t0);
                                if (status != 200) {
                                    throw new IllegalStateException("confirm: " + status + " " + client.body());
                                }
                                burns.addAndGet(2);
                            }
                        }
                    }
                    generatorNanos.addAndGet(cpu.getCurrentThreadCpuTime() - cpuStart);
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
                return new Throughput(
                        earns.get(),
                        burns.get(),
                        refused.get(),
                        elapsed,
                        micros,
                        CpuClock.millis(postmasterPid) - cpuBefore,
                        CpuClock.jvmMillis() - jvmBefore,
                        ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compilingBefore,
                        generatorNanos.get() / 1_000_000);
            }
            earns.set(0);
            burns.set(0);
            refused.set(0);
            generatorNanos.set(0);
        }
        throw new IllegalStateException("unreachable");
    }

    /** One till's keep-alive HTTP/1.1 connection: a request written at once, the answer read by its length. */
    static final class Till implements AutoCloseable {
        private final int port;
        private final String head;
        private Socket socket;
        private OutputStream out;
        private BufferedInputStream in;
        private byte[] body = new byte[0];
        private int length;

        Till(int port, String token) throws IOException {
            this.port = port;
            this.head = "Host: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n";
            connect();
        }

        private void connect() throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        /** The answer's status; its body is kept for {@link #id} and {@link #body}. */
        int post(String path, String key, String json) throws IOException {
            byte[] content = json.getBytes(StandardCharsets.UTF_8);
            StringBuilder request =
                    new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\n");
            request.append(head);
            if (key != null) {
                request.append("Idempotency-Key: ").append(key).append("\r\n");
            }
            request.append("Content-Length: ").append(content.length).append("\r\n\r\n");
            byte[] bytes = request.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(bytes, bytes.length + content.length);
            System.arraycopy(content, 0, all, bytes.length, content.length);
            out.write(all);
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            int contentLength = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    contentLength = Integer.parseInt(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            length = 0;
            if (chunked) {
                for (int size = Integer.parseInt(line().strip(), 16);
                        size > 0;
                        size = Integer.parseInt(line().strip(), 16)) {
                    read(size);
                    line();
                }
                line();
            } else if (contentLength > 0) {
                read(contentLength);
            }
            if (close) {
                close();
                connect();
            }
            return code;
        }

        private void read(int size) throws IOException {
            if (body.length < length + size) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, length + size));
            }
            int got = in.readNBytes(body, length, size);
            if (got < size) {
                throw new IOException("connection closed in a body");
            }
            length += size;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        /** The {@code id} of the answer's JSON object (the first one in it). */
        long id() {
            String text = body();
            int at = text.indexOf("\"id\":") + 5;
            int end = at;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            return Long.parseLong(text.substring(at, end));
        }

        String body() {
            return new String(body, 0, length, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
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
            String load,
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
                JSON, keep-alive), %d closed-loop clients for %d s after a warm-up: %,d earn, %,d burn, %,d
                refused; **%,.0f requests/s**, latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; %.2f ms of CPU a request
                (web server, database and the load generator together): the web server %.2f ms (the JIT compiler
                meanwhile %.2f ms of compiling, elapsed), the database %.2f ms, the load generator %.3f ms; load
                average %s.
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
                        http.perRequest(httpCpuMillis),
                        http.perRequest(http.jvmCpuMillis() - http.generatorCpuMillis()),
                        http.perRequest(http.compilingMillis()),
                        http.perRequest(httpCpuMillis - http.jvmCpuMillis()),
                        http.perRequest(http.generatorCpuMillis()),
                        load);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
