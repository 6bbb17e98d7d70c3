package io.clientele.campaign.send;

import io.clientele.campaign.CampaignProperties;
import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.InvitableEvents;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.MaterialVersion;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.material.MergeTemplate;
import io.clientele.campaign.material.SampleOffer;
import io.clientele.campaign.material.SmsCount;
import io.clientele.campaign.response.MessageIds;
import io.clientele.campaign.response.TrackingLinks;
import io.clientele.survey.SurveyLinks;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders a claimed batch: the step's material version personalised for each member as the material preview does
 * (the same values, the same escaping), then, for email, tracked: every http(s) link of both parts through the
 * signed click redirect, the open pixel and an unsubscribe footer in the HTML, the RFC 8058 one-click unsubscribe
 * headers, and a Message-ID and an {@code X-Clientele-Message} header that name the step and customer, for bounces.
 */
@Component
class MessageRenderer {
    /** {@code {step}.{customer}}: the header a bounce is matched back by. */
    static final String SMS_PARTS_HEADER = "X-Sms-Parts";

    // a link in the text part; trailing punctuation is the sentence's, not the link's
    private static final Pattern TEXT_LINK = Pattern.compile("https?://[^\\s<>\"']+?(?=[.,;:!?)\\]]*(?:\\s|$))");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{4,30}");

    /** A batch rendered: the messages to hand over, and the members refused before any hand-over (no address). */
    record Rendered(List<OutgoingMessage> messages, List<Delivery> refused) {}

    private final Materials materials;
    private final TrackingLinks links;
    private final MessageSource messages;
    private final SurveyLinks surveyLinks;
    private final InvitableEvents events;
    private final String publicUrl;

    MessageRenderer(
            Materials materials,
            TrackingLinks links,
            MessageSource messages,
            SurveyLinks surveyLinks,
            InvitableEvents events,
            CampaignProperties properties) {
        this.materials = materials;
        this.links = links;
        this.messages = messages;
        this.surveyLinks = surveyLinks;
        this.events = events;
        this.publicUrl = properties.publicUrl().replaceAll("/+$", "");
    }

    Rendered render(CampaignStep step, List<SendStore.Claim> claims) {
        MaterialVersion version = materials.version(
                java.util.Objects.requireNonNull(step.materialId()),
                java.util.Objects.requireNonNull(step.materialVersion()));
        Map<Long, Map<String, String>> values = materials.mergeValues(
                claims.stream().map(SendStore.Claim::customerId).toList());
        Map<Long, Map<String, String>> personalSurveyLinks = surveyLinks(step, version, claims);
        String unsubscribeLabel = messages.getMessage("send.email.unsubscribe", null, Locale.getDefault());
        // an invitation: each member's registration link carries the signed step and member as its hidden source
        String registration = step.eventId() == null
                ? null
                : events.registrationPath(step.eventId())
                        .map(path -> publicUrl + path + "?source=")
                        .orElse(null);
        List<OutgoingMessage> out = new ArrayList<>(claims.size());
        List<Delivery> refused = new ArrayList<>();
        for (SendStore.Claim claim : claims) {
            String problem = addressProblem(step.channel(), claim.address());
            if (problem != null) {
                refused.add(Delivery.of(claim.customerId(), Delivery.Outcome.FAILED, problem));
                continue;
            }
            Map<String, String> customerValues = new HashMap<>(values.getOrDefault(claim.customerId(), Map.of()));
            customerValues.putAll(personalSurveyLinks.getOrDefault(claim.customerId(), Map.of()));
            if (registration != null) {
                customerValues.put(
                        CampaignSteps.EVENT_LINK, registration + links.eventSource(step.id(), claim.customerId()));
            }
            Materials.putOffer(
                    customerValues,
                    new SampleOffer(
                            claim.couponCode(),
                            step.offer(),
                            step.couponValidUntil() == null
                                    ? null
                                    : step.couponValidUntil().toString()));
            Materials.Personalised personalised = Materials.personalise(version, customerValues);
            String address = java.util.Objects.requireNonNull(claim.address()).strip();
            out.add(
                    step.channel() == StepChannel.EMAIL
                            ? email(step.id(), claim.customerId(), address, personalised, unsubscribeLabel)
                            : sms(step.id(), claim.customerId(), address, personalised));
        }
        return new Rendered(out, refused);
    }

    /**
     * Each member's personal link to every survey the version names ({@code survey_link.<key>}), issued for this step
     * (recorded as sent by the survey feature), by customer. Members without an address get none.
     */
    private Map<Long, Map<String, String>> surveyLinks(
            CampaignStep step, MaterialVersion version, List<SendStore.Claim> claims) {
        Map<Long, Map<String, String>> byCustomer = new HashMap<>();
        List<Long> addressed = claims.stream()
                .filter(c -> addressProblem(step.channel(), c.address()) == null)
                .map(SendStore.Claim::customerId)
                .toList();
        Set<String> keys = new LinkedHashSet<>();
        for (String template :
                Arrays.asList(version.subject(), version.htmlBody(), version.textBody(), version.text())) {
            keys.addAll(MergeTemplate.surveyKeys(template));
        }
        for (String key : keys) {
            surveyLinks
                    .issue(key, step.campaignId(), step.id(), addressed)
                    .forEach((customer, path) -> byCustomer
                            .computeIfAbsent(customer, c -> new HashMap<>())
                            .put(MergeTemplate.SURVEY_LINK + key, publicUrl + path));
        }
        return byCustomer;
    }

    private OutgoingMessage email(
            long stepId, long customerId, String to, Materials.Personalised personalised, String unsubscribeLabel) {
        String unsubscribe = links.unsubscribeUrl(stepId, customerId);
        Document html = Jsoup.parseBodyFragment(personalised.html() == null ? "" : personalised.html());
        html.outputSettings().prettyPrint(false);
        for (Element a : html.select("a[href]")) {
            String href = a.attr("href");
            if (isHttp(href)) {
                a.attr("href", links.clickUrl(stepId, customerId, href));
            }
        }
        html.body()
                .appendElement("p")
                .attr("style", "font-size:12px;color:#666666")
                .appendElement("a")
                .attr("href", unsubscribe)
                .text(unsubscribeLabel);
        html.body()
                .appendElement("img")
                .attr("src", links.openUrl(stepId, customerId))
                .attr("width", "1")
                .attr("height", "1")
                .attr("alt", "");
        String text = trackText(stepId, customerId, personalised.text() == null ? "" : personalised.text())
                + "\n\n-- \n" + unsubscribeLabel + ": " + unsubscribe + "\n";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Message-ID", MessageIds.messageId(stepId, customerId));
        headers.put(MessageIds.HEADER, MessageIds.header(stepId, customerId));
        headers.put("List-Unsubscribe", "<" + unsubscribe + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new OutgoingMessage(
                stepId,
                customerId,
                StepChannel.EMAIL,
                to,
                personalised.subject() == null ? "" : personalised.subject(),
                "<!DOCTYPE html>\n" + html.outerHtml(),
                text,
                headers);
    }

    private static OutgoingMessage sms(long stepId, long customerId, String to, Materials.Personalised personalised) {
        String text = personalised.text() == null ? "" : personalised.text();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(MessageIds.HEADER, MessageIds.header(stepId, customerId));
        headers.put(SMS_PARTS_HEADER, String.valueOf(SmsCount.of(text).parts()));
        return new OutgoingMessage(stepId, customerId, StepChannel.SMS, to, null, null, text, headers);
    }

    private String trackText(long stepId, long customerId, String text) {
        Matcher m = TEXT_LINK.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(links.clickUrl(stepId, customerId, m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean isHttp(String href) {
        String lower = href.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** Why the address cannot be sent to, or null when it can. */
    private static @Nullable String addressProblem(StepChannel channel, @Nullable String address) {
        if (address == null || address.isBlank()) {
            return "no address";
        }
        if (channel == StepChannel.EMAIL) {
            try {
                new InternetAddress(address.strip(), true).validate();
            } catch (AddressException e) {
                return "invalid email address: " + e.getMessage();
            }
            return null;
        }
        return PHONE.matcher(address.strip()).matches() ? null : "invalid phone number";
    }
}
