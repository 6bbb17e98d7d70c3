package io.clientele.forms;

import static io.clientele.platform.db.Rows.instant;
import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.campaign.Campaigns;
import io.clientele.customer.ConsentChannel;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import io.clientele.platform.StorableText;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The forms marketers build: kind, fields mapped to customer attributes (in order, each required or optional),
 * consents with their wording, the hidden campaign source, and for an event registration the event. Every problem of
 * a definition is named at once and nothing is stored while one remains.
 */
@Service
public class Forms {
    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,59}");
    static final int MAX_FIELDS = FieldAttribute.values().length;
    static final int MAX_CONSENTS = ConsentChannel.values().length;

    /** A form as pages and the API show it. */
    public record Form(
            long id,
            String slug,
            String name,
            FormKind kind,
            String title,
            @Nullable String intro,
            @Nullable String thanks,
            @Nullable Long campaignId,
            @Nullable String source,
            @Nullable Long eventId,
            boolean createLead,
            boolean active,
            List<Field> fields,
            List<Consent> consents,
            long submissions,
            Instant createdAt) {

        /** Whether the form asks for the attribute. */
        public boolean has(FieldAttribute attribute) {
            return fields.stream().anyMatch(f -> f.attribute() == attribute);
        }
    }

    public record Field(FieldAttribute attribute, String label, boolean required) {}

    public record Consent(ConsentChannel channel, String wording, boolean required) {}

    /** A definition as entered: all text, so that a wrong value is a field error naming the field. */
    public record FormInput(
            @Nullable String slug,
            @Nullable String name,
            @Nullable String kind,
            @Nullable String title,
            @Nullable String intro,
            @Nullable String thanks,
            @Nullable Long campaignId,
            @Nullable String source,
            @Nullable Long eventId,
            @Nullable Boolean createLead,
            @Nullable Boolean active,
            @Nullable List<FieldInput> fields,
            @Nullable List<ConsentInput> consents) {}

    public record FieldInput(
            @Nullable String attribute,
            @Nullable String label,
            @Nullable Boolean required) {}

    public record ConsentInput(
            @Nullable String channel,
            @Nullable String wording,
            @Nullable Boolean required) {}

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final Events events;
    private final Clock clock;

    Forms(JdbcClient jdbc, Campaigns campaigns, Events events, Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.events = events;
        this.clock = clock;
    }

    /** @throws InvalidInputException naming every wrong field; {@code slug} when another form has it */
    @Transactional
    public Form create(FormInput input, String actor) {
        Checked checked = check(null, input);
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into form (slug, name, kind, title, intro, thanks, campaign_id, source, event_id,
                                          create_lead, active, created_by, created_at, updated_at)
                        values (:slug, :name, :kind, :title, :intro, :thanks, :campaign, :source, :event, :lead,
                                :active, :by, :now, :now)
                        returning id""")
                .params(checked.params())
                .param("by", actor)
                .param("now", timestamptz(now))
                .query(Long.class)
                .single();
        writeParts(id, checked);
        return find(id);
    }

    /** Replaces the definition; submissions keep the values and consent wording they were given with. */
    @Transactional
    public Form update(long id, FormInput input) {
        find(id);
        Checked checked = check(id, input);
        jdbc.sql("""
                        update form set slug = :slug, name = :name, kind = :kind, title = :title, intro = :intro,
                                        thanks = :thanks, campaign_id = :campaign, source = :source,
                                        event_id = :event, create_lead = :lead, active = :active, updated_at = :now
                        where id = :id""")
                .params(checked.params())
                .param("now", timestamptz(clock.instant()))
                .param("id", id)
                .update();
        jdbc.sql("delete from form_field where form_id = :id").param("id", id).update();
        jdbc.sql("delete from form_consent where form_id = :id").param("id", id).update();
        writeParts(id, checked);
        return find(id);
    }

    public Form find(long id) {
        return load("f.id = :key", id).orElseThrow(() -> new NotFoundException("No form " + id));
    }

    /** The active form at this address; 404 for an inactive one, as for one that does not exist. */
    public Form findPublic(String slug) {
        return load("f.slug = :key and f.active", slug)
                .orElseThrow(() -> new NotFoundException("No form " + StorableText.shown(slug)));
    }

    /** Forms newest first. */
    public PageResult<Form> page(int page, int size) {
        long total = jdbc.sql("select count(*) from form").query(Long.class).single();
        List<Long> ids = jdbc.sql("select id from form order by created_at desc, id desc limit :size offset :offset")
                .param("size", size)
                .param("offset", (long) page * size)
                .query(Long.class)
                .list();
        return new PageResult<>(ids.stream().map(this::find).toList(), page, size, total);
    }

    private Optional<Form> load(String where, Object key) {
        return jdbc.sql("""
                        select f.*, (select count(*) from form_submission s where s.form_id = f.id) as submissions
                        from form f where\s""" + where)
                .param("key", key)
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    return new Form(
                            id,
                            rs.getString("slug"),
                            rs.getString("name"),
                            FormKind.valueOf(rs.getString("kind")),
                            rs.getString("title"),
                            rs.getString("intro"),
                            rs.getString("thanks"),
                            rs.getObject("campaign_id", Long.class),
                            rs.getString("source"),
                            rs.getObject("event_id", Long.class),
                            rs.getBoolean("create_lead"),
                            rs.getBoolean("active"),
                            List.of(),
                            List.of(),
                            rs.getLong("submissions"),
                            instant(rs, "created_at"));
                })
                .optional()
                .map(f -> new Form(
                        f.id(),
                        f.slug(),
                        f.name(),
                        f.kind(),
                        f.title(),
                        f.intro(),
                        f.thanks(),
                        f.campaignId(),
                        f.source(),
                        f.eventId(),
                        f.createLead(),
                        f.active(),
                        jdbc.sql(
                                        "select attribute, label, required from form_field where form_id = :id order by position")
                                .param("id", f.id())
                                .query((rs, n) -> new Field(
                                        FieldAttribute.valueOf(rs.getString("attribute")),
                                        rs.getString("label"),
                                        rs.getBoolean("required")))
                                .list(),
                        jdbc.sql(
                                        "select channel, wording, required from form_consent where form_id = :id order by position")
                                .param("id", f.id())
                                .query((rs, n) -> new Consent(
                                        ConsentChannel.valueOf(rs.getString("channel")),
                                        rs.getString("wording"),
                                        rs.getBoolean("required")))
                                .list(),
                        f.submissions(),
                        f.createdAt()));
    }

    private record Checked(
            String slug,
            String name,
            FormKind kind,
            String title,
            @Nullable String intro,
            @Nullable String thanks,
            @Nullable Long campaignId,
            @Nullable String source,
            @Nullable Long eventId,
            boolean createLead,
            boolean active,
            List<Field> fields,
            List<Consent> consents) {
        java.util.Map<String, @Nullable Object> params() {
            java.util.Map<String, @Nullable Object> p = new java.util.HashMap<>();
            p.put("slug", slug);
            p.put("name", name);
            p.put("kind", kind.name());
            p.put("title", title);
            p.put("intro", intro);
            p.put("thanks", thanks);
            p.put("campaign", campaignId);
            p.put("source", source);
            p.put("event", eventId);
            p.put("lead", createLead);
            p.put("active", active);
            return p;
        }
    }

    private void writeParts(long id, Checked checked) {
        for (int i = 0; i < checked.fields().size(); i++) {
            Field f = checked.fields().get(i);
            jdbc.sql("""
                            insert into form_field (form_id, position, attribute, label, required)
                            values (:id, :position, :attribute, :label, :required)""")
                    .param("id", id)
                    .param("position", i)
                    .param("attribute", f.attribute().name())
                    .param("label", f.label())
                    .param("required", f.required())
                    .update();
        }
        for (int i = 0; i < checked.consents().size(); i++) {
            Consent c = checked.consents().get(i);
            jdbc.sql("""
                            insert into form_consent (form_id, position, channel, wording, required)
                            values (:id, :position, :channel, :wording, :required)""")
                    .param("id", id)
                    .param("position", i)
                    .param("channel", c.channel().name())
                    .param("wording", c.wording())
                    .param("required", c.required())
                    .update();
        }
    }

    private Checked check(@Nullable Long id, FormInput input) {
        List<FieldProblem> problems = new ArrayList<>();
        String slug = text(problems, "slug", input.slug(), 60, true);
        if (slug != null && !SLUG.matcher(slug).matches()) {
            problems.add(FieldProblem.of("slug", "forms.validation.slug"));
        } else if (slug != null
                && jdbc.sql("select exists (select 1 from form where slug = :slug and id <> coalesce(:id, -1))")
                        .param("slug", slug)
                        .param("id", id)
                        .query(Boolean.class)
                        .single()) {
            problems.add(FieldProblem.of("slug", "forms.validation.slugTaken"));
        }
        String name = text(problems, "name", input.name(), 200, true);
        String title = text(problems, "title", input.title(), 200, true);
        String intro = text(problems, "intro", input.intro(), 2000, false);
        String thanks = text(problems, "thanks", input.thanks(), 2000, false);
        String source = text(problems, "source", input.source(), 100, false);
        FormKind kind = InputFields.oneOf("kind", input.kind(), FormKind.class, problems);
        if (input.campaignId() != null
                && campaigns.findOptional(input.campaignId()).isEmpty()) {
            problems.add(FieldProblem.of("campaignId", "validation.unknown", input.campaignId()));
        }
        if (kind == FormKind.EVENT) {
            if (input.eventId() == null) {
                problems.add(FieldProblem.of("eventId", "validation.required"));
            } else if (!events.exists(input.eventId())) {
                problems.add(FieldProblem.of("eventId", "validation.unknown", input.eventId()));
            }
        } else if (input.eventId() != null) {
            problems.add(FieldProblem.of("eventId", "forms.validation.eventOnlyForEvents"));
        }
        List<Field> fields = fields(problems, input.fields(), kind);
        List<Consent> consents = consents(problems, input.consents());
        boolean email = fields.stream().anyMatch(f -> f.attribute() == FieldAttribute.EMAIL && f.required());
        if ((kind == FormKind.EVENT || !consents.isEmpty()) && !email) {
            // the double opt-in and the registration's confirmation go by email
            problems.add(FieldProblem.of("fields", "forms.validation.emailRequired"));
        } else if (fields.stream()
                .noneMatch(f -> f.attribute() == FieldAttribute.EMAIL || f.attribute() == FieldAttribute.PHONE)) {
            problems.add(FieldProblem.of("fields", "forms.validation.contactRequired"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(
                slug,
                name,
                kind,
                title,
                intro,
                thanks,
                input.campaignId(),
                source,
                kind == FormKind.EVENT ? input.eventId() : null,
                Boolean.TRUE.equals(input.createLead()),
                input.active() == null || input.active(),
                fields,
                consents);
    }

    private static List<Field> fields(
            List<FieldProblem> problems, @Nullable List<FieldInput> input, @Nullable FormKind kind) {
        List<Field> fields = new ArrayList<>();
        if (input == null || input.isEmpty()) {
            problems.add(FieldProblem.of("fields", "validation.required"));
            return fields;
        }
        if (input.size() > MAX_FIELDS) {
            problems.add(FieldProblem.of("fields", "validation.between", 1, MAX_FIELDS));
            return fields;
        }
        Set<FieldAttribute> seen = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            FieldInput f = input.get(i);
            String at = "fields[" + i + "]";
            if (f == null) {
                problems.add(FieldProblem.of(at, "validation.required"));
                continue;
            }
            FieldAttribute attribute =
                    InputFields.oneOf(at + ".attribute", f.attribute(), FieldAttribute.class, problems);
            if (attribute == null) {
                continue;
            }
            if (!seen.add(attribute)) {
                problems.add(FieldProblem.of(at + ".attribute", "forms.validation.twice"));
                continue;
            }
            if (attribute == FieldAttribute.MESSAGE && kind != null && kind != FormKind.INQUIRY) {
                problems.add(FieldProblem.of(at + ".attribute", "forms.validation.messageOnlyForInquiries"));
                continue;
            }
            String label = text(problems, at + ".label", f.label(), 200, true);
            if (label != null) {
                fields.add(new Field(attribute, label, Boolean.TRUE.equals(f.required())));
            }
        }
        if (kind == FormKind.INQUIRY
                && fields.stream().noneMatch(f -> f.attribute() == FieldAttribute.MESSAGE && f.required())) {
            problems.add(FieldProblem.of("fields", "forms.validation.messageRequired"));
        }
        return fields;
    }

    private static List<Consent> consents(List<FieldProblem> problems, @Nullable List<ConsentInput> input) {
        List<Consent> consents = new ArrayList<>();
        if (input == null) {
            return consents;
        }
        if (input.size() > MAX_CONSENTS) {
            problems.add(FieldProblem.of("consents", "validation.between", 0, MAX_CONSENTS));
            return consents;
        }
        Set<ConsentChannel> seen = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            ConsentInput c = input.get(i);
            String at = "consents[" + i + "]";
            if (c == null) {
                problems.add(FieldProblem.of(at, "validation.required"));
                continue;
            }
            ConsentChannel channel = InputFields.oneOf(at + ".channel", c.channel(), ConsentChannel.class, problems);
            if (channel == null) {
                continue;
            }
            if (!seen.add(channel)) {
                problems.add(FieldProblem.of(at + ".channel", "forms.validation.twice"));
                continue;
            }
            String wording = text(problems, at + ".wording", c.wording(), 2000, true);
            if (wording != null) {
                consents.add(new Consent(channel, wording, Boolean.TRUE.equals(c.required())));
            }
        }
        return consents;
    }

    /** The text stripped (null when blank), or a problem: required and missing, too long, or not storable. */
    static @Nullable String text(
            List<FieldProblem> problems, String field, @Nullable String value, int max, boolean required) {
        String text = value == null || value.isBlank() ? null : value.strip();
        FieldProblem unstorable = StorableText.problem(field, value);
        if (unstorable != null) {
            problems.add(unstorable);
            return null;
        }
        if (text == null) {
            if (required) {
                problems.add(FieldProblem.of(field, "validation.required"));
            }
            return null;
        }
        if (text.length() > max) {
            problems.add(FieldProblem.of(field, "validation.length", max));
            return null;
        }
        return text;
    }
}
