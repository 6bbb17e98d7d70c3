package io.clientele.demo;

import io.clientele.service.KnowledgeBase;
import io.clientele.service.ServiceRequests;
import io.clientele.service.ServiceSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's service desk: the service agent works both queues and breached requests escalate to the service
 * manager; a knowledge base in English and Chinese, public and internal; requests in every status, one received two
 * days ago and still unanswered (past its SLA: the escalation job hands it to the manager a minute after start-up).
 * Complaints go to customers without survey answers, so the planted satisfaction groups stay as generated.
 */
@Component
class DemoService {
    record Loaded(int articles, int requests) {}

    private static final String[][] ARTICLES = {
        {
            "FAQ",
            "Returns",
            "PUBLIC",
            "EN",
            "How do I return a product?",
            "Bring the product and its receipt to any of our stores within 30 days. Opened coffee is not taken back."
        },
        {
            "FAQ",
            "Warranty",
            "PUBLIC",
            "EN",
            "How long is the warranty on espresso machines?",
            "Two years on the machine, six months on the grinder burrs. Keep the receipt: it is the warranty card."
        },
        {
            "CASE",
            "Repairs",
            "INTERNAL",
            "EN",
            "Espresso machine leaks water under the drip tray",
            "Usually the drip tray seal. Offer a replacement seal by post; if the leak continues, book a repair."
        },
        {"FAQ", "退货", "PUBLIC", "ZH", "如何办理退货？", "请在购买后三十天内携带商品和小票到任意门店办理退货。已开封的咖啡豆不予退货。"},
        {"FAQ", "保修", "PUBLIC", "ZH", "咖啡机的保修期是多久？", "咖啡机保修两年，磨豆机刀盘保修六个月。请保留小票作为保修凭证。"},
        {"CASE", "维修", "INTERNAL", "ZH", "咖啡机蒸汽棒不出蒸汽", "多为蒸汽棒喷嘴堵塞。指导客户用细针清理喷嘴；仍无蒸汽则安排上门维修。"},
    };

    private final ServiceSettings settings;
    private final ServiceRequests requests;
    private final KnowledgeBase knowledge;
    private final JdbcClient jdbc;
    private final Clock clock;

    DemoService(
            ServiceSettings settings, ServiceRequests requests, KnowledgeBase knowledge, JdbcClient jdbc, Clock clock) {
        this.settings = settings;
        this.requests = requests;
        this.knowledge = knowledge;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Loaded load() {
        for (ServiceSettings.QueueSettings queue : settings.queues()) {
            settings.changeQueue(queue.id(), new ServiceSettings.QueueInput(List.of("agent"), "servicemanager", null));
        }
        for (String[] a : ARTICLES) {
            knowledge.create(new KnowledgeBase.ArticleInput(a[0], a[1], a[2], a[3], a[4], a[5]), "demo");
        }
        // buyers without survey answers: their satisfaction is unknown, so a complaint changes no planted figure
        List<Long> customers = jdbc.sql("""
                        select c.id from customer c
                        where c.email is not null and c.first_purchase_at is not null
                          and not exists (select 1 from survey_answer a where a.customer_id = c.id)
                        order by c.id limit 8""").query(Long.class).list();
        if (customers.size() < 8) {
            return new Loaded(ARTICLES.length, 0);
        }
        long fresh = create(customers.get(0), "Where can I buy descaling tablets?", "QUESTION", null);
        long working = create(customers.get(1), "Machine makes a grinding noise", "PRODUCT_FAILURE", null);
        requests.work(working);
        long waiting = create(customers.get(2), "Book an installation for my new machine", "SERVICE_ORDER", null);
        requests.reply(waiting, "We can come on Tuesday or Thursday morning. Which suits you?", "agent", null);
        long resolved = create(customers.get(3), "Complaint: rude staff at the till", "COMPLAINT", null);
        requests.note(resolved, "Spoke to the store manager; apology sent.", "agent", null);
        requests.reply(resolved, "We are sorry. The store manager has spoken to the team.", "agent", null);
        requests.resolve(resolved);
        requests.rate(resolved, 4);
        long closed = create(customers.get(4), "Opening hours at Christmas?", "QUESTION", null);
        requests.reply(closed, "We are open 9 to 18 every day but the 25th.", "agent", null);
        requests.resolve(closed);
        requests.close(closed);
        long original = create(customers.get(5), "Points missing from my last purchase", "QUESTION", null);
        long duplicate = create(customers.get(5), "Points still missing", "QUESTION", null);
        requests.merge(duplicate, original);
        // received two days ago and never answered: past its first-response target
        create(
                customers.get(6),
                "Delivery not arrived after two weeks",
                "COMPLAINT",
                clock.instant().minus(Duration.ofDays(2)).toString());
        create(customers.get(7), "如何办理退货？咖啡机有噪音", "QUESTION", null);
        return new Loaded(ARTICLES.length, 9);
    }

    private long create(long customer, String subject, String category, String receivedAt) {
        Long product = category.equals("PRODUCT_FAILURE")
                ? jdbc.sql("""
                                select l.product_id from sale s join sale_line l on l.sale_id = s.id
                                where s.customer_id = :c order by s.sold_at desc limit 1""").param("c", customer).query(Long.class).single()
                : null;
        return requests.create(
                        new ServiceRequests.RequestInput(
                                customer,
                                null,
                                null,
                                subject,
                                null,
                                category,
                                null,
                                "PHONE",
                                product == null ? null : product.intValue(),
                                null,
                                null,
                                receivedAt),
                        "demo",
                        null)
                .request()
                .id();
    }
}
