package io.clientele.campaign.channel;

import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.MaterialVersion;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.material.MergeFieldRegistry;
import io.clientele.campaign.material.MergeFields;
import io.clientele.campaign.material.MergeTemplate;
import io.clientele.platform.ConflictException;
import io.clientele.platform.csv.CsvWriteOptions;
import io.clientele.platform.csv.CsvWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Direct mail: a frozen letter step's members as CSV (addresses and the personalised letter, for a mail-merge or a
 * print shop) or as print-ready PDF letters. The first export is the hand-over to the printer: it marks the step's
 * pending members SENT (with a timeline entry each) and the step SENT, in its own transaction before the file is
 * written; later exports give the same rows and change nothing. Rows are read with a cursor and written as they come,
 * so the size of the list does not decide the memory needed.
 */
@Service
public class Letters {
    private static final Logger log = LoggerFactory.getLogger(Letters.class);

    /** One member's letter: the address block and the rendered text. */
    record Letter(
            long customerId,
            String name,
            @Nullable String addressLine,
            @Nullable String postalCode,
            @Nullable String city,
            @Nullable String region,
            String text) {}

    private interface Sink {
        void accept(Letter letter) throws IOException;
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate cursor;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate writing;
    private final CampaignSteps steps;
    private final Materials materials;
    private final MergeFieldRegistry placeholders;
    private final Handover handover;
    private final Clock clock;
    private final List<String> sender;
    private final @Nullable Path wideFont;

    Letters(
            JdbcClient jdbc,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            CampaignSteps steps,
            Materials materials,
            MergeFieldRegistry placeholders,
            Handover handover,
            Clock clock,
            @Value("${clientele.campaign.letter-sender:Clientele Marketing}") String sender,
            @Value("${clientele.campaign.letter-font:}") String wideFont) {
        this.jdbc = jdbc;
        this.cursor = new JdbcTemplate(dataSource);
        this.cursor.setFetchSize(1000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.writing = new TransactionTemplate(transactions);
        this.steps = steps;
        this.materials = materials;
        this.placeholders = placeholders;
        this.handover = handover;
        this.clock = clock;
        this.sender = Arrays.stream(sender.split("\\|")).map(String::strip).toList();
        this.wideFont = LetterPdf.wideFont(wideFont);
        if (this.wideFont == null) {
            log.warn("No CJK font for PDF letters: Chinese prints as '?' (apt-get install fonts-wqy-microhei, or set"
                    + " clientele.campaign.letter-font to a .ttf or .ttc)");
        }
    }

    /** The CSV of the step's letters, after handing them over. */
    public void csv(long stepId, Writer out) {
        CampaignStep step = handOver(stepId);
        CsvWriter csv = new CsvWriter(out, CsvWriteOptions.forSpreadsheets());
        try {
            csv.writeRow(List.of("customer_id", "name", "address_line", "postal_code", "city", "region", "letter"));
            each(
                    step,
                    letter -> csv.writeRow(List.of(
                            String.valueOf(letter.customerId()),
                            letter.name(),
                            text(letter.addressLine()),
                            text(letter.postalCode()),
                            text(letter.city()),
                            text(letter.region()),
                            letter.text())));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PDF of the step's letters, after handing them over. */
    public void pdf(long stepId, OutputStream out) {
        CampaignStep step = handOver(stepId);
        String date = LocalDate.now(clock).toString();
        try (LetterPdf pdf = new LetterPdf(sender, wideFont)) {
            each(
                    step,
                    letter -> pdf.letter(
                            List.of(
                                    letter.name(),
                                    text(letter.addressLine()),
                                    (text(letter.postalCode()) + " " + text(letter.city())).strip(),
                                    text(letter.region())),
                            date,
                            letter.text()));
            pdf.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Marks the step's pending members SENT and the step SENT, once; answers the step. */
    CampaignStep handOver(long stepId) {
        CampaignStep step = steps.get(stepId);
        if (step.channel() != StepChannel.MAIL) {
            throw new ConflictException("Step " + stepId + " is not a letter step");
        }
        if (step.status() != CampaignStep.Status.FROZEN
                && step.status() != CampaignStep.Status.SENDING
                && step.status() != CampaignStep.Status.SENT) {
            throw new ConflictException("Step " + stepId + " has no frozen list to export (" + step.status() + ")");
        }
        writing.executeWithoutResult(status -> {
            var now = clock.instant();
            handover.markSent(stepId, now);
            jdbc.sql("""
                            update campaign_step set status = 'SENT', sent_at = :now
                            where id = :step and status in ('FROZEN', 'SENDING')""")
                    .param("step", stepId)
                    .param("now", Timestamp.from(now))
                    .update();
        });
        return step;
    }

    /** The letters of the sent members, by postal code (the printer's postage sort), rendered one by one. */
    private void each(CampaignStep step, Sink sink) {
        MaterialVersion material = materials.version(step.materialId(), step.materialVersion());
        String template = material.text() == null ? "" : material.text();
        readOnly.executeWithoutResult(status -> {
            // a cursor is planned for its first rows by default; this one is read to the end
            cursor.execute("set local cursor_tuple_fraction = 1");
            cursor.query(
                    """
                select m.customer_id, c.first_name, c.last_name, c.external_id, c.address_line, c.postal_code,
                       c.city, r.name as region, c.card_number, st.name as home_store, sc.grade,
                       coupon.coupon_code, coupon.coupon_valid_until""" + placeholders.selectList() + """
                from campaign_member m
                join customer c on c.id = m.customer_id
                left join region r on r.id = c.region_id
                left join store st on st.id = c.home_store_id
                left join customer_score sc on sc.customer_id = c.id and sc.run_id = (
                    select id from score_run where status = 'COMPLETED' order by as_of desc, id desc limit 1)
                left join lateral (
                    select cm.coupon_code, cs.coupon_valid_until
                    from campaign_step cs
                    join campaign_member cm on cm.step_id = cs.id and cm.customer_id = m.customer_id
                    where cs.campaign_id = m.campaign_id and cs.channel = 'COUPON' and cm.coupon_code is not null
                    order by cs.position limit 1) coupon on true
                where m.step_id = ? and m.member_group = 'TREATED' and m.send_status = 'SENT'
                order by c.postal_code nulls last, m.customer_id""",
                    rs -> {
                        // the campaign's coupon code of the customer, when it has a coupon step, is the letter's offer
                        Map<String, String> values = MergeFields.withOffer(
                                MergeFields.of(
                                        rs.getString("first_name"),
                                        rs.getString("last_name"),
                                        rs.getString("city"),
                                        rs.getString("home_store"),
                                        rs.getString("card_number"),
                                        rs.getString("grade")),
                                rs.getString("coupon_code"),
                                step.offer(),
                                rs.getString("coupon_valid_until"));
                        placeholders.read(rs, values);
                        String first = rs.getString("first_name");
                        String last = rs.getString("last_name");
                        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
                        try {
                            sink.accept(new Letter(
                                    rs.getLong("customer_id"),
                                    name.isEmpty() ? text(rs.getString("external_id")) : name,
                                    rs.getString("address_line"),
                                    rs.getString("postal_code"),
                                    rs.getString("city"),
                                    rs.getString("region"),
                                    MergeTemplate.render(template, values, MergeTemplate.Escaping.TEXT)));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    step.id());
        });
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
