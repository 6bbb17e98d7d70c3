package io.clientele.bench;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.send.StepSender;
import io.clientele.platform.CommandContext;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Campaign email (issue 7): a step of 100,000 treated members (100,000 distinct customers, since a step holds a
 * customer once) sent end to end (claim, render and track, SMTP, record with timeline entries) to a GreenMail SMTP
 * server in this JVM, against the naive path (a claim, a connection and a record per message) on a sample, and
 * GreenMail's own intake (pre-built messages over one connection, no database) as the ceiling of this setup. A fresh
 * database of its own (default /tmp/clientele-bench/campaign-send/db).
 */
final class CampaignSendBench {
    private CampaignSendBench() {}

    static void run(Options options) throws Exception {
        int customers = (int) options.number("customers", 100_000);
        int sample = (int) options.number("naive", 2_000);
        int batch = (int) options.number("batch", 500);
        int recordEvery = (int) options.number("record-every", 50);
        int connections = (int) options.number("connections", 4);
        Path work = options.path("work", "/tmp/clientele-bench/campaign-send");
        BenchData.deleteTree(work.resolve("db"));
        Files.createDirectories(work);

        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        boolean oneMailbox = !options.values().getOrDefault("mailboxes", "one").equals("per-recipient");
        if (oneMailbox) {
            // GreenMail's default gives each recipient a mailbox, found by a linear search among all of them:
            // quadratic over 100,000 recipients, a cost of the test server, not of sending
            GreenMailUser sink = smtp.setUser("sink@bench.example", "sink", "sink");
            smtp.getUserManager().setMessageDeliveryHandler((message, recipient) -> sink);
        }
        int port = smtp.getSmtp().getPort();
        System.setProperty("spring.mail.host", "127.0.0.1");
        System.setProperty("spring.mail.port", String.valueOf(port));
        // the benchmark measures the sending path, not the default throttle (120,000 a minute)
        System.setProperty("clientele.campaign.email-per-minute", "1000000000");
        System.setProperty("clientele.campaign.send.smtp-connections", String.valueOf(connections));
        try (ConfigurableApplicationContext context = CommandContext.start(work.resolve("db"))) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String machine = Machine.describe(context.getBean(javax.sql.DataSource.class));
            System.err.println("machine: " + machine);
            StepSender sender = context.getBean(StepSender.class);
            long material = material(context.getBean(Materials.class));
            long started = System.nanoTime();
            BenchData.customers(jdbc, customers);
            long campaign = campaign(jdbc);
            long bulk = step(jdbc, campaign, 1, material, customers);
            long naive = step(jdbc, campaign, 2, material, sample);
            jdbc.sql("vacuum analyze").update();
            System.err.printf(
                    "data: %,d customers, steps of %,d and %,d members in %,d ms%n",
                    customers, customers, sample, (System.nanoTime() - started) / 1_000_000);

            long t0 = System.nanoTime();
            CampaignStep done = sender.sendAll(bulk, "bench-batched", batch, recordEvery);
            long bulkMillis = (System.nanoTime() - t0) / 1_000_000;
            int received = smtp.getReceivedMessages().length;
            String bulkCheck = check(jdbc, bulk);
            System.err.printf(
                    "batched: %,d members in %,d ms, %,d received; %s (%s)%n",
                    customers, bulkMillis, received, bulkCheck, done.status());
            smtp.purgeEmailFromAllMailboxes();

            t0 = System.nanoTime();
            // a new SMTP connection for every message, as the naive loop opens one
            sender.sendAll(naive, "bench-naive", 1, 1, 0);
            long naiveMillis = (System.nanoTime() - t0) / 1_000_000;
            int naiveReceived = smtp.getReceivedMessages().length;
            String naiveCheck = check(jdbc, naive);
            System.err.printf(
                    "naive: %,d members in %,d ms, %,d received; %s%n", sample, naiveMillis, naiveReceived, naiveCheck);
            smtp.purgeEmailFromAllMailboxes();

            int rawCount = Math.min(customers, 20_000);
            long rawMillis = greenMailIntake(port, rawCount, jdbc, bulk);
            int rawReceived = smtp.getReceivedMessages().length;
            System.err.printf(
                    "GreenMail intake: %,d messages in %,d ms (%,d received)%n", rawCount, rawMillis, rawReceived);

            System.out.println(report(
                    machine,
                    customers,
                    bulkMillis,
                    received,
                    bulkCheck,
                    sample,
                    naiveMillis,
                    naiveReceived,
                    naiveCheck,
                    rawCount,
                    rawMillis,
                    batch,
                    recordEvery,
                    connections,
                    oneMailbox));
        } finally {
            smtp.stop();
        }
    }

    private static long material(Materials materials) {
        return materials
                .create(
                        new MaterialInput(
                                "EMAIL",
                                "Spring sale",
                                "{{first_name|Hello}}, spring is here",
                                "<h1>Spring sale</h1><p>Dear {{first_name|customer}} {{last_name}},</p>"
                                        + "<p>{{offer.description}} in {{city|your town}}.</p>"
                                        + "<p><a href=\"https://shop.example.com/spring?utm=mail\">Shop now</a> or"
                                        + " <a href=\"https://shop.example.com/stores\">find a store</a>.</p>",
                                "Dear {{first_name|customer}}, {{offer.description}}: https://shop.example.com/spring",
                                null,
                                null),
                        "bench")
                .id();
    }

    private static long campaign(JdbcClient jdbc) {
        return jdbc.sql("""
                        insert into campaign (name, purpose, owner_username, status, created_by, created_at,
                                              updated_at, launched_at, launched_by)
                        values ('Send benchmark', 'RETENTION', 'bench', 'RUNNING', 'bench', now(), now(), now(),
                                'bench')
                        returning id""").query(Long.class).single();
    }

    /** A frozen email step whose members are the first {@code members} customers, treated and pending. */
    private static long step(JdbcClient jdbc, long campaign, int position, long material, int members) {
        long step = jdbc.sql("""
                        insert into campaign_step (campaign_id, position, name, channel, material_id, material_version,
                                                   offer, status, frozen_at)
                        values (:campaign, :position, :name, 'EMAIL', :material, 1, '20% off spring shoes', 'FROZEN',
                                now())
                        returning id""")
                .param("campaign", campaign)
                .param("position", position)
                .param("name", position == 1 ? "batched" : "naive")
                .param("material", material)
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into campaign_member (step_id, customer_id, campaign_id, member_group, address,
                                                     send_status)
                        select :step, id, :campaign, 'TREATED', email, 'PENDING'
                        from customer order by id limit :members""")
                .param("step", step)
                .param("campaign", campaign)
                .param("members", members)
                .update();
        return step;
    }

    /** The members by send state and the timeline entries written, for the report. */
    private static String check(JdbcClient jdbc, long step) {
        String states = jdbc.sql("""
                        select string_agg(send_status || ' ' || n, ', ' order by send_status)
                        from (select send_status, count(*) as n from campaign_member where step_id = :step
                              group by send_status) s""").param("step", step).query(String.class).single();
        long timeline = jdbc.sql("""
                        select count(*) from interaction
                        where kind = 'CAMPAIGN_CONTACTED' and (details ->> 'stepId')::bigint = :step""").param("step", step).query(Long.class).single();
        return states + "; " + timeline + " timeline entries";
    }

    /** GreenMail's intake alone: the step's first messages as plain MIME, built ahead, sent over one connection. */
    private static long greenMailIntake(int port, int count, JdbcClient jdbc, long step) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(port));
        Session session = Session.getInstance(properties);
        MimeMessage[] messages = new MimeMessage[count];
        int[] i = {0};
        jdbc.sql("select address from campaign_member where step_id = :step order by customer_id limit :count")
                .param("step", step)
                .param("count", count)
                .query(String.class)
                .list()
                .forEach(address -> {
                    try {
                        MimeMessage message = new MimeMessage(session);
                        message.setFrom(new InternetAddress("marketing@clientele.local"));
                        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(address));
                        message.setSubject("Anna, spring is here");
                        MimeMultipart alternative = new MimeMultipart("alternative");
                        MimeBodyPart text = new MimeBodyPart();
                        text.setText(
                                "Dear Anna, 20% off spring shoes: https://shop.example.com/spring\n".repeat(4),
                                "UTF-8",
                                "plain");
                        alternative.addBodyPart(text);
                        MimeBodyPart html = new MimeBodyPart();
                        html.setText(
                                "<p>Dear Anna, 20% off spring shoes in Eastwick."
                                        + " <a href=\"https://shop.example.com/spring\">Shop now</a></p>".repeat(8),
                                "UTF-8",
                                "html");
                        alternative.addBodyPart(html);
                        message.setContent(alternative);
                        message.saveChanges();
                        messages[i[0]++] = message;
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                });
        long t0 = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (MimeMessage message : messages) {
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String report(
            String machine,
            int customers,
            long bulkMillis,
            int received,
            String bulkCheck,
            int sample,
            long naiveMillis,
            int naiveReceived,
            String naiveCheck,
            int rawCount,
            long rawMillis,
            int batch,
            int recordEvery,
            int connections,
            boolean oneMailbox) {
        double bulkRate = customers * 1000.0 / bulkMillis;
        double naiveRate = sample * 1000.0 / naiveMillis;
        return """
                ### Campaign email send (issue 7)

                %s. A fresh database of %,d customers; one email step with every customer treated (the naive path:
                a second step of the first %,d). GreenMail SMTP server in the same JVM, %s. Throttle lifted for the run.

                | path | messages | ms | messages/s | received by GreenMail |
                |---|---:|---:|---:|---:|
                | Clientele worker: claim %d, render and track, %d SMTP connections per batch, record every %d | %,d | %,d | %,.0f | %,d |
                | naive: claim one, one SMTP connection and one record per message | %,d | %,d | %,.0f | %,d |
                | GreenMail's own intake: pre-built multipart messages of a like size over one connection, no database | %,d | %,d | %,.0f | – |

                Ratio: the batched path sends %.1f× as many messages a second as the naive one. After the batched
                run: %s. After the naive run: %s.
                """.formatted(
                machine,
                customers,
                sample,
                oneMailbox ? "delivering every message into one mailbox" : "with a mailbox per recipient (its default)",
                batch,
                connections,
                recordEvery,
                customers,
                bulkMillis,
                bulkRate,
                received,
                sample,
                naiveMillis,
                naiveRate,
                naiveReceived,
                rawCount,
                rawMillis,
                rawCount * 1000.0 / rawMillis,
                bulkRate / naiveRate,
                bulkCheck,
                naiveCheck);
    }
}
