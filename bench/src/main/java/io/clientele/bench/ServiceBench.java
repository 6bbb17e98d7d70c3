package io.clientele.bench;

import io.clientele.platform.CommandContext;
import io.clientele.service.KnowledgeBase;
import io.clientele.service.ServiceRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service desk (issue: service desk, knowledge base and forms): knowledge-base search ({@code KnowledgeBase.search},
 * English words and Chinese phrases) over {@code articles} articles against a plain ILIKE over title and body; and
 * the agent's queue ({@code ServiceRequests.queue} with the queues and agents the page lists) with {@code requests}
 * requests stored, a tenth of them active, against the straightforward SQL (status filter, order by the next target,
 * a full count). Not over HTTP: the command context starts no web server. A fresh database of its own (default
 * /tmp/clientele-bench/service/db).
 */
final class ServiceBench {
    private ServiceBench() {}

    /** Common characters, so that generated Chinese text shares pairs between articles as real text does. */
    private static final String HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
            + "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把"
            + "性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向"
            + "道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长"
            + "求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光";

    private static final String LATIN = "kettle warranty repair refund delivery invoice battery charger grinder machine"
            + " espresso coffee filter water leak noise heating display button store receipt return exchange order"
            + " parcel courier points member card discount coupon price account password login email phone address"
            + " install service visit technician appointment broken cracked missing late damaged replace manual";

    static void run(Options options) throws Exception {
        int articles = (int) options.number("articles", 100_000);
        int requests = (int) options.number("requests", 1_000_000);
        int queries = (int) options.number("queries", 200);
        Path work = options.path("work", "/tmp/clientele-bench/service");
        // --resume yes: keep the database of an earlier run and insert only what it lacks (loading 100,000 articles
        // takes longer than the timed part; a run stopped while loading goes on where it stopped)
        boolean resume = "yes".equals(options.values().get("resume"));
        if (!resume) {
            BenchData.deleteTree(work.resolve("db"));
        }
        Files.createDirectories(work);
        try (ConfigurableApplicationContext context = CommandContext.start(work.resolve("db"))) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String machine = Machine.describe(context.getBean(javax.sql.DataSource.class));
            System.err.println("machine: " + machine);
            Path pid = work.resolve("db/pg/postmaster.pid");
            KnowledgeBase knowledge = context.getBean(KnowledgeBase.class);
            Random random = new Random(20261207L);
            String[] words = LATIN.strip().split(" ");
            long t0 = System.nanoTime();
            long loaded = jdbc.sql("select count(*) from kb_article")
                    .query(Long.class)
                    .single();
            List<Sample> samples = new ArrayList<>();
            for (int from = 0; from < articles; from += 10_000) {
                List<KnowledgeBase.ArticleInput> batch = new ArrayList<>();
                for (int i = from; i < Math.min(articles, from + 10_000); i++) {
                    boolean chinese = i % 2 == 1;
                    String title = chinese ? han(random, 12) : latin(random, words, 6);
                    String body = chinese ? han(random, 300) : latin(random, words, 120) + " ref" + i;
                    if (samples.size() < queries && random.nextInt(Math.max(1, articles / queries)) == 0) {
                        samples.add(new Sample(
                                i,
                                chinese,
                                chinese
                                        ? body.substring(100, 100 + 3 + random.nextInt(2))
                                        : words[random.nextInt(words.length)] + " "
                                                + words[random.nextInt(words.length)]));
                    }
                    batch.add(new KnowledgeBase.ArticleInput(
                            i % 5 == 0 ? "CASE" : "FAQ",
                            "Category " + (i % 40),
                            i % 3 == 0 ? "INTERNAL" : "PUBLIC",
                            chinese ? "ZH" : "EN",
                            title,
                            body));
                }
                if (from >= loaded) {
                    knowledge.createAll(batch, "bench");
                }
            }
            jdbc.sql("analyze kb_article").update();
            jdbc.sql("analyze kb_term").update();
            System.err.printf(
                    "data: %,d articles (%,d of them loaded before) in %,d ms (load %s)%n",
                    articles, loaded, (System.nanoTime() - t0) / 1_000_000, CpuClock.load());

            String search = articles == 0 ? "" : searchRows(jdbc, pid, knowledge, samples);
            System.err.println(search);
            String queuePage = requests == 0 ? "" : queueRow(context, jdbc, pid, requests);
            System.err.println(queuePage);
            System.out.printf("""
                    machine: %s
                    data: %,d knowledge-base articles (half English, half Chinese), %,d service requests (a tenth active)

                    | scenario | runs | rows | ours p50 ms | ours p95 ms | ours max ms | ours CPU ms | baseline p50 ms | baseline p95 ms | baseline max ms | baseline CPU ms | p95 ours / baseline |
                    |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                    %s
                    %s
                    load after: %s
                    """, machine, articles, requests, search, queuePage, CpuClock.load());
        }
    }

    /** A query taken from the article with index {@code article} (in the order created). */
    private record Sample(int article, boolean chinese, String text) {}

    /**
     * Per language: ours, and the design before it (every match ranked), each beside the ILIKE baseline; and how
     * often the article a query was taken from is on the first page of each.
     */
    private static String searchRows(JdbcClient jdbc, Path pid, KnowledgeBase knowledge, List<Sample> samples)
            throws Exception {
        long firstId =
                jdbc.sql("select min(id) from kb_article").query(Long.class).single();
        StringBuilder rows = new StringBuilder();
        StringBuilder found = new StringBuilder();
        for (boolean chinese : new boolean[] {false, true}) {
            List<Timed<List<Long>>> ours = new ArrayList<>();
            List<Timed<List<Long>>> every = new ArrayList<>();
            List<Timed<List<Long>>> before = new ArrayList<>();
            List<Timed<List<Long>>> plain = new ArrayList<>();
            List<Long> sources = new ArrayList<>();
            for (Sample sample : samples) {
                if (sample.chinese() != chinese) {
                    continue;
                }
                sources.add(firstId + sample.article());
                // ours and the V87 design in turns first, so that neither always reads the pages the other cached
                Timed<List<Long>> v87 =
                        sources.size() % 2 == 0 ? Timed.of(pid, () -> termIndexV87(jdbc, sample)) : null;
                ours.add(Timed.of(
                        pid,
                        () ->
                                knowledge
                                        .search(new KnowledgeBase.Query(sample.text(), false, null), 0, 20)
                                        .items()
                                        .stream()
                                        .map(KnowledgeBase.Article::id)
                                        .toList()));
                before.add(v87 != null ? v87 : Timed.of(pid, () -> termIndexV87(jdbc, sample)));
                every.add(Timed.of(pid, () -> everyMatchRanked(jdbc, sample)));
                plain.add(Timed.of(pid, () -> ilike(jdbc, sample.text())));
            }
            if (sources.isEmpty()) {
                continue;
            }
            String language = chinese ? "Chinese phrases" : "English words";
            rows.append(percentiles("knowledge-base search, " + language + ", term index (ours)", ours, plain))
                    .append('\n')
                    .append(percentiles(
                            "knowledge-base search, " + language + ", V87 term index, a lookup per candidate and term",
                            before,
                            plain))
                    .append('\n')
                    .append(percentiles(
                            "knowledge-base search, " + language + ", every match ranked (design before V73)",
                            every,
                            plain))
                    .append('\n');
            found.append(
                    ("%s: the source article on the first page: ours %d, every match ranked %d, ILIKE %d of %d; ours'"
                                    + " page the same set as every match ranked's: %d of %d; ours' page the same"
                                    + " list as V87's: %d of %d%n")
                            .formatted(
                                    language,
                                    onFirstPage(ours, sources),
                                    onFirstPage(every, sources),
                                    onFirstPage(plain, sources),
                                    sources.size(),
                                    sameSets(ours, every),
                                    sources.size(),
                                    sameLists(ours, before),
                                    sources.size()));
        }
        return rows + found.toString();
    }

    /** The query's split as SearchText makes it, for the bench's samples: a Chinese phrase's character pairs. */
    private static String pairs(String phrase) {
        StringBuilder pairs = new StringBuilder();
        for (int k = 0; k + 1 < phrase.length(); k++) {
            pairs.append(k == 0 ? "" : " ").append(phrase, k, k + 2);
        }
        return pairs.toString();
    }

    private static int onFirstPage(List<Timed<List<Long>>> results, List<Long> sources) {
        int n = 0;
        for (int i = 0; i < results.size(); i++) {
            n += results.get(i).result().contains(sources.get(i)) ? 1 : 0;
        }
        return n;
    }

    private static int sameSets(List<Timed<List<Long>>> a, List<Timed<List<Long>>> b) {
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            n += new java.util.HashSet<>(a.get(i).result())
                            .equals(new java.util.HashSet<>(b.get(i).result()))
                    ? 1
                    : 0;
        }
        return n;
    }

    private static int sameLists(List<Timed<List<Long>>> a, List<Timed<List<Long>>> b) {
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            n += a.get(i).result().equals(b.get(i).result()) ? 1 : 0;
        }
        return n;
    }

    /**
     * The V87 search as it was (its SQL here): the terms with their rarity, then each term's best 250 entries with a
     * primary-key lookup of every candidate for every term, the capped count (by the GIN index when only common terms
     * that rarely meet), and the page's rows.
     */
    private static List<Long> termIndexV87(JdbcClient jdbc, Sample sample) {
        String latin = sample.chinese() ? "" : sample.text();
        String cjk = sample.chinese() ? pairs(sample.text()) : "";
        record Term(String term, int articles, double idf) {}
        List<Term> terms = jdbc.sql("""
                        select q.term, coalesce(d.articles, 0) as articles,
                               ln(1 + (n.articles - coalesce(d.articles, 0) + 0.5) / (coalesce(d.articles, 0) + 0.5))
                                   as idf
                        from (select distinct lexeme as term
                              from unnest(to_tsvector('english', :latin) || to_tsvector('simple', :cjk))) q
                        left join kb_term_df d on d.term = q.term
                        cross join (select coalesce(max(articles), 0) as articles from kb_term_df where term = '') n
                        order by q.term""")
                .param("latin", latin)
                .param("cjk", cjk)
                .query((rs, n) -> new Term(rs.getString("term"), rs.getInt("articles"), rs.getDouble("idf")))
                .list();
        if (terms.isEmpty() || terms.stream().anyMatch(t -> t.articles() == 0)) {
            return List.of();
        }
        List<Long> ranked = jdbc.sql("""
                        select c.article_id from (
                            select distinct t.article_id from unnest(cast(:terms as text[])) q(term)
                            cross join lateral (
                                select k.article_id from kb_term k where k.term = q.term
                                order by k.weight desc limit 250) t) c
                        cross join lateral (
                            select sum(k.weight * q.idf) as score, count(*) as held
                            from unnest(cast(:terms as text[]), cast(:idfs as float8[])) q(term, idf)
                            join kb_term k on k.term = q.term and k.article_id = c.article_id) s
                        where s.held >= :required
                        order by s.score desc, c.article_id desc""")
                .param("terms", terms.stream().map(Term::term).toArray(String[]::new))
                .param("idfs", terms.stream().map(Term::idf).toArray(Double[]::new))
                .param("required", terms.size())
                .query(Long.class)
                .list();
        if (terms.stream().allMatch(t -> t.articles() > 250) && ranked.size() < 221) {
            jdbc.sql("select count(*) from (select 1 from kb_article where search @@ (plainto_tsquery('english',"
                            + " :latin) && plainto_tsquery('simple', :cjk)) limit 221) c")
                    .param("latin", latin)
                    .param("cjk", cjk)
                    .query(Long.class)
                    .single();
        }
        List<Long> page = ranked.subList(0, Math.min(20, ranked.size()));
        jdbc.sql("select a.* from kb_article a join unnest(cast(:ids as bigint[])) with ordinality as o(id, n)"
                        + " on o.id = a.id order by o.n")
                .param("ids", page.toArray(Long[]::new))
                .query()
                .listOfRows();
        return page;
    }

    /**
     * The design before (V55): every matching article ranked by {@code ts_rank} before the first 20 are chosen, with
     * the same capped count as ours.
     */
    private static List<Long> everyMatchRanked(JdbcClient jdbc, Sample sample) {
        String[] parts = {sample.chinese() ? "" : sample.text(), sample.chinese() ? pairs(sample.text()) : ""};
        String query = "(plainto_tsquery('english', :latin) && plainto_tsquery('simple', :cjk))";
        jdbc.sql("select count(*) from (select 1 from kb_article where search @@ " + query + " limit 201) c")
                .param("latin", parts[0])
                .param("cjk", parts[1])
                .query(Long.class)
                .single();
        return jdbc.sql("select id from kb_article where search @@ " + query + " order by ts_rank(search, " + query
                        + ") desc, id desc limit 20")
                .param("latin", parts[0])
                .param("cjk", parts[1])
                .query(Long.class)
                .list();
    }

    private static String queueRow(ConfigurableApplicationContext context, JdbcClient jdbc, Path pid, int requests)
            throws Exception {
        long t1 = System.nanoTime();
        if (jdbc.sql("select count(*) from service_request").query(Long.class).single() < requests) {
            jdbc.sql("delete from service_request").update();
            generateRequests(jdbc, requests);
        }
        System.err.printf(
                "data: %,d requests in %,d ms (load %s)%n",
                requests, (System.nanoTime() - t1) / 1_000_000, CpuClock.load());
        ServiceRequests service = context.getBean(ServiceRequests.class);
        List<Timed<Integer>> ours = new ArrayList<>();
        List<Timed<Integer>> plain = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String agent = "agent" + (i % 20);
            int queue = 1 + i % 2;
            ours.add(Timed.of(pid, () -> {
                service.queues();
                service.agents();
                return service.queue(new ServiceRequests.Filter(queue, agent, null, null), 0, 50)
                                .items()
                                .size()
                        + service.queue(ServiceRequests.Filter.ACTIVE, 0, 50)
                                .items()
                                .size();
            }));
            plain.add(Timed.of(pid, () -> plainQueue(jdbc, queue, agent)));
        }
        return percentiles("agent's queue page (own queue + all active)", ours, plain);
    }

    private static String latin(Random random, String[] words, int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
        }
        return text.toString();
    }

    private static String han(Random random, int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(HAN.charAt(random.nextInt(HAN.length())));
            if (i % 17 == 16) {
                text.append('，');
            }
        }
        return text.toString();
    }

    /** The plain way: every term a substring of title or body, the latest changed first, counted the same way. */
    private static List<Long> ilike(JdbcClient jdbc, String q) {
        String[] terms = q.strip().split("\\s+");
        StringBuilder where = new StringBuilder("true");
        for (int i = 0; i < terms.length; i++) {
            where.append(" and (title ilike :t")
                    .append(i)
                    .append(" or body ilike :t")
                    .append(i)
                    .append(')');
        }
        var rows = jdbc.sql("select id from kb_article where " + where + " order by updated_at desc, id desc limit 20");
        var count = jdbc.sql("select count(*) from (select 1 from kb_article where " + where + " limit 201) c");
        for (int i = 0; i < terms.length; i++) {
            rows = rows.param("t" + i, "%" + terms[i] + "%");
            count = count.param("t" + i, "%" + terms[i] + "%");
        }
        count.query(Long.class).single();
        return rows.query(Long.class).list();
    }

    private static void generateRequests(JdbcClient jdbc, int requests) {
        jdbc.sql("""
                        insert into app_user (username, display_name, password_hash, role)
                        select 'agent' || g, 'Agent ' || g, 'x', 'SERVICE_AGENT' from generate_series(0, 19) g
                        on conflict do nothing""").update();
        jdbc.sql("""
                        insert into service_queue_agent (queue_id, username)
                        select q.id, 'agent' || g from service_queue q, generate_series(0, 19) g
                        on conflict do nothing""").update();
        jdbc.sql("""
                        insert into service_request (contact_email, subject, category, priority, channel, status,
                            queue_id, assignee, thread_id, first_response_due, resolution_due, due_at,
                            first_responded_at, resolved_at, created_by, created_at, updated_at)
                        select 'c' || g || '@example.com', 'Request ' || g,
                               (array['QUESTION', 'COMPLAINT', 'SERVICE_ORDER', 'OTHER'])[1 + g % 4],
                               (array['LOW', 'NORMAL', 'HIGH', 'URGENT'])[1 + g % 4], 'EMAIL',
                               case when g % 10 = 0 then (array['NEW', 'OPEN', 'WAITING'])[1 + (g / 10) % 3]
                                    else (array['RESOLVED', 'CLOSED'])[1 + g % 2] end,
                               1 + g % 2, 'agent' || (g / 7) % 20, '<b' || g || '@bench>',
                               t + interval '8 hours', t + interval '3 days',
                               case when g % 10 = 0 then t + interval '8 hours' end,
                               case when g % 10 <> 0 then t + interval '1 hour' end,
                               case when g % 10 <> 0 then t + interval '1 day' end,
                               'bench', t, t
                        from generate_series(1, :n) g,
                             lateral (select timestamptz '2026-01-01' + (g % 300000) * interval '1 minute' as t) x""").param("n", requests).update();
        jdbc.sql("analyze service_request").update();
    }

    /** The plain way: active requests of the queue and agent, the next target first, and a full count. */
    private static int plainQueue(JdbcClient jdbc, int queue, String agent) {
        String where = " where r.status in ('NEW', 'OPEN', 'WAITING') and r.queue_id = :q and r.assignee = :a";
        jdbc.sql("select count(*) from service_request r" + where)
                .param("q", queue)
                .param("a", agent)
                .query(Long.class)
                .single();
        return jdbc.sql("select r.*, q.name from service_request r join service_queue q on q.id = r.queue_id" + where
                        + " order by case when r.first_responded_at is null then r.first_response_due"
                        + " else r.resolution_due end, r.id limit 50")
                .param("q", queue)
                .param("a", agent)
                .query()
                .listOfRows()
                .size();
    }

    private static String percentiles(String name, List<? extends Timed<?>> ours, List<? extends Timed<?>> plain) {
        long[] o = ours.stream().mapToLong(Timed::millis).sorted().toArray();
        long[] p = plain.stream().mapToLong(Timed::millis).sorted().toArray();
        return "| %s | %d | %,d | %d | %d | %d | %,d | %d | %d | %d | %,d | %.2f |"
                .formatted(
                        name,
                        o.length,
                        ours.stream().mapToLong(ServiceBench::rows).sum(),
                        at(o, 0.50),
                        at(o, 0.95),
                        o[o.length - 1],
                        ours.stream().mapToLong(Timed::cpuMillis).sum(),
                        at(p, 0.50),
                        at(p, 0.95),
                        p[p.length - 1],
                        plain.stream().mapToLong(Timed::cpuMillis).sum(),
                        (double) Math.max(1, at(o, 0.95)) / Math.max(1, at(p, 0.95)));
    }

    private static long rows(Timed<?> timed) {
        return timed.result() instanceof List<?> list ? list.size() : ((Number) timed.result()).longValue();
    }

    /** The nearest-rank percentile of sorted values. */
    private static long at(long[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
