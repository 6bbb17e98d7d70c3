package io.clientele.campaign.material;

import io.clientele.audit.AuditTrail;
import io.clientele.customer.CustomerProfile;
import io.clientele.customer.Customers;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import io.clientele.survey.Surveys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The materials library. Saving a material adds a version (numbered from 1) and moves the material's current
 * version to it; old versions stay as they were, for campaign steps that point at them.
 */
@Service
public class Materials {
    private static final TypeReference<List<StandardAnswer>> ANSWERS = new TypeReference<>() {};
    static final int MAX_OFFER_FIELD = 200;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditTrail audit;
    private final Customers customers;
    private final Surveys surveys;
    private final Clock clock;
    private final MergeFieldRegistry placeholders;

    Materials(
            JdbcClient jdbc,
            JsonMapper json,
            AuditTrail audit,
            Customers customers,
            Surveys surveys,
            Clock clock,
            MergeFieldRegistry placeholders) {
        this.placeholders = placeholders;
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.customers = customers;
        this.surveys = surveys;
        this.clock = clock;
    }

    @Transactional
    public Material create(MaterialInput input, String actor) {
        MaterialInput.Valid valid = input.validate(null);
        requireKnownSurveys(valid);
        requireFreeName(valid.kind(), valid.name(), null);
        Timestamp now = Timestamp.from(clock.instant());
        long id = jdbc.sql("""
                        insert into material (kind, name, current_version, created_by, created_at, updated_by,
                                              updated_at)
                        values (:kind, :name, 1, :actor, :now, :actor, :now)
                        returning id""")
                .param("kind", valid.kind().name())
                .param("name", valid.name())
                .param("actor", actor)
                .param("now", now)
                .query(Long.class)
                .single();
        insertVersion(id, 1, valid, actor, now);
        audit.record(
                "material.created", "material", id, Map.of("kind", valid.kind().name(), "name", valid.name()));
        return find(id);
    }

    /** Saves a new version; the kind stays what it was. */
    @Transactional
    public Material update(long id, MaterialInput input, String actor) {
        Material material = find(id);
        MaterialInput.Valid valid = input.validate(material.kind());
        requireKnownSurveys(valid);
        requireFreeName(material.kind(), valid.name(), id);
        Timestamp now = Timestamp.from(clock.instant());
        // the increment in one statement: two people saving at once get two versions, not one lost
        int version = jdbc.sql("""
                        update material set name = :name, current_version = current_version + 1,
                               updated_by = :actor, updated_at = :now
                        where id = :id returning current_version""")
                .param("name", valid.name())
                .param("actor", actor)
                .param("now", now)
                .param("id", id)
                .query(Integer.class)
                .single();
        insertVersion(id, version, valid, actor, now);
        audit.record("material.saved", "material", id, Map.of("version", version, "name", valid.name()));
        return find(id);
    }

    /** A survey link names a survey that exists (its key is checked here, its form by {@link MergeTemplate}). */
    private void requireKnownSurveys(MaterialInput.Valid valid) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, @Nullable String> fields = new LinkedHashMap<>();
        fields.put("subject", valid.subject());
        fields.put("htmlBody", valid.htmlBody());
        fields.put("textBody", valid.textBody());
        fields.put("text", valid.text());
        fields.forEach((field, template) -> {
            for (String key : MergeTemplate.surveyKeys(template)) {
                if (surveys.findByKey(key).isEmpty()) {
                    problems.add(FieldProblem.of(field, "material.template.survey", key));
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** Takes a material out of the library's list; its versions stay readable and it can be restored. */
    @Transactional
    public Material archive(long id, String actor) {
        return setArchived(id, true, actor);
    }

    @Transactional
    public Material restore(long id, String actor) {
        return setArchived(id, false, actor);
    }

    private Material setArchived(long id, boolean archived, String actor) {
        find(id);
        int changed = jdbc.sql("""
                        update material set archived = :archived, updated_by = :actor, updated_at = :now
                        where id = :id and archived <> :archived""")
                .param("archived", archived)
                .param("actor", actor)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        if (changed > 0) {
            audit.record(archived ? "material.archived" : "material.restored", "material", id, Map.of());
        }
        return find(id);
    }

    public Material find(long id) {
        return findOptional(id).orElseThrow(() -> new NotFoundException("No material " + id));
    }

    public Optional<Material> findOptional(long id) {
        return jdbc.sql("""
                        select m.*, v.* from material m
                        join material_version v on v.material_id = m.id and v.version = m.current_version
                        where m.id = :id""").param("id", id).query((rs, n) -> material(rs)).optional();
    }

    /** Every version of a material, newest first. */
    public List<MaterialVersion> versions(long id) {
        find(id);
        return jdbc.sql("select * from material_version where material_id = :id order by version desc")
                .param("id", id)
                .query((rs, n) -> version(rs))
                .list();
    }

    public MaterialVersion version(long id, int version) {
        return jdbc.sql("select * from material_version where material_id = :id and version = :version")
                .param("id", id)
                .param("version", version)
                .query((rs, n) -> version(rs))
                .optional()
                .orElseThrow(() -> new NotFoundException("Material " + id + " has no version " + version));
    }

    /** Materials by kind and name, optionally of one kind; archived ones only when asked. */
    public PageResult<Material> page(@Nullable MaterialKind kind, boolean archived, int page, int size) {
        String where = " where m.archived = :archived" + (kind == null ? "" : " and m.kind = :kind");
        var count = jdbc.sql("select count(*) from material m" + where);
        var list = jdbc.sql("select m.*, v.* from material m"
                + " join material_version v on v.material_id = m.id and v.version = m.current_version" + where
                + " order by m.kind, lower(m.name), m.id limit :size offset :offset");
        count = count.param("archived", archived);
        list = list.param("archived", archived);
        if (kind != null) {
            count = count.param("kind", kind.name());
            list = list.param("kind", kind.name());
        }
        long total = count.query(Long.class).single();
        List<Material> items = list.param("size", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> material(rs))
                .list();
        return new PageResult<>(items, page, size, total);
    }

    /**
     * The material (its current version, or {@code version}) as this customer would get it with this offer. Reads
     * only; nothing is sent or stored.
     */
    public Preview preview(long id, @Nullable Integer version, long customerId, @Nullable SampleOffer offer) {
        Material material = find(id);
        MaterialVersion shown = version == null ? material.current() : version(id, version);
        CustomerProfile customer = customers
                .profile(customerId)
                .orElseThrow(() ->
                        new InvalidInputException(FieldProblem.of("customerId", "validation.unknown", customerId)));
        Map<String, String> values =
                new HashMap<>(mergeValues(List.of(customerId)).getOrDefault(customerId, Map.of()));
        if (offer != null) {
            List<FieldProblem> problems = new ArrayList<>();
            putOffer(
                    values,
                    new SampleOffer(
                            offerField("offer.code", offer.code(), problems),
                            offerField("offer.description", offer.description(), problems),
                            offerField("offer.validUntil", offer.validUntil(), problems)));
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
        }
        // samples in place of personal links: a real one would let whoever previews answer or register in the
        // customer's name
        values.put("event_link", "https://example.invalid/f/event/personal-link");
        for (String template : Arrays.asList(shown.subject(), shown.htmlBody(), shown.textBody(), shown.text())) {
            for (String key : MergeTemplate.surveyKeys(template)) {
                values.put(MergeTemplate.SURVEY_LINK + key, "https://example.invalid/s/" + key + "/personal-link");
            }
        }
        Personalised personalised = personalise(shown, values);
        List<StandardAnswer> answers = shown.answers().stream()
                .map(a -> new StandardAnswer(a.question(), text(a.answer(), values)))
                .toList();
        return new Preview(
                customer.id(),
                customer.name(),
                shown.version(),
                personalised.subject(),
                personalised.html(),
                personalised.text(),
                answers,
                material.kind() == MaterialKind.SMS && personalised.text() != null
                        ? SmsCount.of(personalised.text())
                        : null);
    }

    /** A material version as one customer gets it: subject, HTML (values escaped) and text. */
    public record Personalised(
            @Nullable String subject,
            @Nullable String html,
            @Nullable String text) {}

    /**
     * The version personalised with these values (see {@link #mergeValues} and {@link #putOffer}); the text is the
     * email's text part, or the SMS, call script or letter text.
     */
    public static Personalised personalise(MaterialVersion version, Map<String, String> values) {
        String text = version.textBody() != null ? version.textBody() : version.text();
        return new Personalised(
                version.subject() == null ? null : text(version.subject(), values),
                version.htmlBody() == null
                        ? null
                        : MergeTemplate.render(version.htmlBody(), values, MergeTemplate.Escaping.HTML),
                text == null ? null : text(text, values));
    }

    /**
     * The placeholders' values of each customer, read in one query: whitelisted fields (and the grade of the latest
     * completed scoring run) copied into maps of strings, nothing else. Blank fields are left out, so that the
     * placeholder's fallback shows.
     */
    public Map<Long, Map<String, String>> mergeValues(Collection<Long> customerIds) {
        Map<Long, Map<String, String>> all = new HashMap<>();
        if (customerIds.isEmpty()) {
            return all;
        }
        jdbc.sql("""
                        select c.id, c.first_name, c.last_name, c.city, st.name as home_store, c.card_number,
                               g.grade""" + placeholders.selectList() + """
                        from customer c
                        left join store st on st.id = c.home_store_id
                        left join lateral (
                            select s.grade from customer_score s join score_run r on r.id = s.run_id
                            where s.customer_id = c.id and r.status = 'COMPLETED'
                            order by r.as_of desc, r.id desc limit 1) g on true
                        where c.id in (:ids)""")
                .param("ids", List.copyOf(customerIds))
                .query(rs -> {
                    Map<String, String> values = MergeFields.of(
                            rs.getString("first_name"),
                            rs.getString("last_name"),
                            rs.getString("city"),
                            rs.getString("home_store"),
                            rs.getString("card_number"),
                            rs.getString("grade"));
                    placeholders.read(rs, values);
                    all.put(rs.getLong("id"), values);
                });
        return all;
    }

    /** Adds the offer's fields to a customer's values. */
    public static void putOffer(Map<String, String> values, SampleOffer offer) {
        MergeFields.withOffer(values, offer.code(), offer.description(), offer.validUntil());
    }

    private static @Nullable String offerField(String field, @Nullable String value, List<FieldProblem> problems) {
        if (value != null && value.length() > MAX_OFFER_FIELD) {
            problems.add(FieldProblem.of(field, "validation.length", MAX_OFFER_FIELD));
            return null;
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String text(String template, Map<String, String> values) {
        return MergeTemplate.render(template, values, MergeTemplate.Escaping.TEXT);
    }

    private void requireFreeName(MaterialKind kind, String name, @Nullable Long except) {
        boolean taken = jdbc.sql("""
                        select exists (select 1 from material where kind = :kind and lower(name) = lower(:name)
                                       and id <> coalesce(:except, -1))""")
                .param("kind", kind.name())
                .param("name", name)
                .param("except", except)
                .query(Boolean.class)
                .single();
        if (taken) {
            throw new InvalidInputException(FieldProblem.of("name", "material.nameTaken"));
        }
    }

    private void insertVersion(long id, int version, MaterialInput.Valid valid, String actor, Timestamp now) {
        SmsCount sms = valid.sms();
        jdbc.sql("""
                        insert into material_version (material_id, version, subject, html_body, text_body,
                                                      html_cleaned, body, answers, sms_encoding, sms_characters,
                                                      sms_parts, saved_by, saved_at)
                        values (:id, :version, :subject, :html, :textBody, :cleaned, :body, cast(:answers as jsonb),
                                :encoding, :characters, :parts, :actor, :now)""")
                .param("id", id)
                .param("version", version)
                .param("subject", valid.subject())
                .param("html", valid.htmlBody())
                .param("textBody", valid.textBody())
                .param("cleaned", valid.htmlCleaned())
                .param("body", valid.text())
                .param("answers", json.writeValueAsString(valid.answers()))
                .param("encoding", sms == null ? null : sms.encoding().name())
                .param("characters", sms == null ? null : sms.characters())
                .param("parts", sms == null ? null : sms.parts())
                .param("actor", actor)
                .param("now", now)
                .update();
    }

    private Material material(ResultSet rs) throws SQLException {
        return new Material(
                rs.getLong("id"),
                MaterialKind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                rs.getInt("current_version"),
                rs.getBoolean("archived"),
                rs.getString("created_by"),
                instant(rs, "created_at"),
                rs.getString("updated_by"),
                instant(rs, "updated_at"),
                version(rs));
    }

    private MaterialVersion version(ResultSet rs) throws SQLException {
        String text = rs.getString("body");
        String encoding = rs.getString("sms_encoding");
        SmsCount sms = encoding == null || text == null
                ? null
                : new SmsCount(
                        SmsCount.Encoding.valueOf(encoding),
                        rs.getInt("sms_characters"),
                        SmsCount.of(text).units(),
                        rs.getInt("sms_parts"));
        return new MaterialVersion(
                rs.getInt("version"),
                rs.getString("subject"),
                rs.getString("html_body"),
                rs.getString("text_body"),
                text,
                json.readValue(rs.getString("answers"), ANSWERS),
                rs.getBoolean("html_cleaned"),
                sms,
                rs.getString("saved_by"),
                instant(rs, "saved_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
