package io.clientele.campaign.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.platform.db.Database;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The server sending a step to an SMTP server in this JVM is killed (SIGKILL) half-way and started again. What holds
 * afterwards: no recipient got the message twice; every member is SENT or UNCERTAIN; the UNCERTAIN are at most the
 * batch that was claimed when it died; every SENT member's message arrived; and the messages that arrived for members
 * not SENT (handed over, never recorded) are UNCERTAIN ones, at most one recording interval of them.
 */
class SendCrashIntegrationTest extends ApplicationTestSupport {
    private static final Path JAR = Path.of("target/clientele-app-0.1.0-SNAPSHOT-exec.jar");
    private static final int MEMBERS = 1200;
    private static final int BATCH = 100;
    private static final int RECORD_EVERY = 10;

    @Autowired
    Database database;

    @Autowired
    Materials materials;

    @TempDir
    Path temp;

    private Process serve(GreenMail smtp, String name) throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dspring.mail.host=127.0.0.1",
                "-Dspring.mail.port=" + smtp.getSmtp().getPort(),
                "-Dclientele.campaign.batch-size=" + BATCH,
                "-Dclientele.campaign.send.record-every=" + RECORD_EVERY,
                // about 100 a second, so that the kill falls in the middle
                "-Dclientele.campaign.email-per-minute=6000",
                "-Dclientele.campaign.claim-timeout-seconds=5",
                "-jar",
                JAR.toString(),
                "serve",
                "--port",
                "0",
                "--no-demo",
                "--data-dir",
                temp.resolve("unused").toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(temp.resolve(name + ".out").toFile())
                .redirectError(temp.resolve(name + ".err").toFile());
        builder.environment().put("CLIENTELE_DB_URL", database.jdbcUrl());
        builder.environment().put("CLIENTELE_DB_USER", database.user());
        return builder.start();
    }

    @Test
    void aKilledSenderNeverSendsTwiceAndLeavesAtMostOneBatchUncertain() throws Exception {
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        List<Long> customers = jdbc.sql("select id from customer where email is not null order by id limit :n")
                .param("n", MEMBERS)
                .query(Long.class)
                .list();
        assertThat(customers).hasSize(MEMBERS);
        long material = materials
                .create(
                        new MaterialInput(
                                "EMAIL",
                                "Crash test " + UUID.randomUUID(),
                                "Hello {{first_name|friend}}",
                                "<p>Dear {{first_name|customer}}</p>",
                                "Dear {{first_name|customer}}",
                                null,
                                null),
                        "marketer")
                .id();
        long step = fixtures.frozenStep(
                fixtures.runningCampaign("Crash test " + UUID.randomUUID()), StepChannel.EMAIL, material, null);
        fixtures.treated(step, customers);

        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            Process first = serve(smtp, "first");
            try {
                await(() -> references(smtp, step).size() >= 300, Duration.ofSeconds(180), "first", first);
            } finally {
                first.destroyForcibly().waitFor();
            }
            long sendingAtKill = count(step, "SENDING");
            assertThat(sendingAtKill).as("claimed, not recorded, at the kill").isBetween(0L, (long) BATCH);
            assertThat(count(step, "PENDING")).as("left to send").isPositive();

            Process second = serve(smtp, "second");
            try {
                await(
                        () -> jdbc.sql("select status from campaign_step where id = :id")
                                .param("id", step)
                                .query(String.class)
                                .single()
                                .equals("SENT"),
                        Duration.ofSeconds(180),
                        "second",
                        second);
            } finally {
                second.destroy();
                second.waitFor();
            }

            List<String> received = references(smtp, step);
            assertThat(received).as("no recipient twice").doesNotHaveDuplicates();
            Set<String> sent = members(step, "SENT");
            Set<String> uncertain = members(step, "UNCERTAIN");
            assertThat(sent.size() + uncertain.size())
                    .as("every member SENT or UNCERTAIN")
                    .isEqualTo(MEMBERS);
            assertThat(uncertain.size())
                    .as("at most the batch claimed at the kill")
                    .isEqualTo(sendingAtKill);
            assertThat(received).as("every SENT member's message arrived").containsAll(sent);
            Set<String> arrivedUnrecorded = new HashSet<>(received);
            arrivedUnrecorded.removeAll(sent);
            assertThat(uncertain).as("what arrived unrecorded is UNCERTAIN").containsAll(arrivedUnrecorded);
            assertThat(arrivedUnrecorded.size())
                    .as("at most one recording interval")
                    .isLessThanOrEqualTo(RECORD_EVERY);
            assertThat(jdbc.sql("""
                            select count(*) from interaction
                            where kind = 'CAMPAIGN_CONTACTED' and (details ->> 'stepId')::bigint = :step""").param("step", step).query(Long.class).single())
                    .as("one timeline entry per SENT member")
                    .isEqualTo(sent.size());
        } finally {
            smtp.stop();
        }
    }

    private long count(long step, String status) {
        return jdbc.sql("select count(*) from campaign_member where step_id = :step and send_status = :status")
                .param("step", step)
                .param("status", status)
                .query(Long.class)
                .single();
    }

    private Set<String> members(long step, String status) {
        return new HashSet<>(jdbc.sql("""
                        select step_id || '.' || customer_id from campaign_member
                        where step_id = :step and send_status = :status""")
                .param("step", step)
                .param("status", status)
                .query(String.class)
                .list());
    }

    /** The X-Clientele-Message header of each message received for the step. */
    private static List<String> references(GreenMail smtp, long step) {
        List<String> references = new ArrayList<>();
        try {
            for (MimeMessage message : smtp.getReceivedMessages()) {
                String reference = message.getHeader(io.clientele.campaign.response.MessageIds.HEADER, null);
                if (reference != null && reference.startsWith(step + ".")) {
                    references.add(reference);
                }
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        return references;
    }

    private void await(BooleanSupplier condition, Duration timeout, String name, Process process) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(name + " server: " + (process.isAlive() ? "timed out" : "exited") + "\n"
                        + tail(temp.resolve(name + ".err")) + tail(temp.resolve(name + ".out")));
            }
            Thread.sleep(50);
        }
    }

    private static String tail(Path file) throws java.io.IOException {
        if (!Files.exists(file)) {
            return "";
        }
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
