package io.clientele.customer;

import static io.clientele.platform.PersonalDataParticipant.rows;

import io.clientele.platform.DataSubject;
import io.clientele.platform.PersonalDataParticipant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer's own records: the profile, consents and their history, tags, the timeline, the merges into them and
 * the pairs reviewed as distinct. Erasure runs last, since the row names the person: it stays as a tombstone (its id
 * keeps the counts of campaigns and surveys) with every personal field emptied and {@code erased_at} set.
 */
@Component
class CustomerPersonalData implements PersonalDataParticipant {
    private final JdbcClient jdbc;

    CustomerPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(DataSubject person) {
        Map<String, List<Map<String, Object>>> kinds = new LinkedHashMap<>();
        kinds.put("profile", rows(jdbc, """
                select c.id, c.external_id as customer_number, c.card_number, c.first_name, c.last_name, c.gender,
                       c.birth_date, c.email, c.phone, c.address_line, c.postal_code, c.city, r.code as region,
                       c.income_band, c.occupation, c.education, s.code as home_store, c.owner_username as owner,
                       c.source, c.first_purchase_at, c.last_purchase_at, c.created_at, c.updated_at
                from customer c left join region r on r.id = c.region_id left join store s on s.id = c.home_store_id
                where c.id = :id""", person.id()));
        kinds.put("attributes", rows(jdbc, """
                select a.key as name, a.value #>> '{}' as value
                from customer c cross join jsonb_each(c.custom_attributes) a where c.id = :id order by a.key""", person.id()));
        kinds.put("consents", rows(jdbc, """
                select channel, granted, source, recorded_at from customer_consent
                where customer_id = :id order by channel""", person.id()));
        kinds.put("consent_history", rows(jdbc, """
                select channel, granted, source, recorded_at, recorded_by from customer_consent_event
                where customer_id = :id order by recorded_at, id""", person.id()));
        kinds.put("tags", rows(jdbc, """
                select tag, added_at, added_by from customer_tag where customer_id = :id order by tag""", person.id()));
        kinds.put("timeline", rows(jdbc, """
                select occurred_at, kind, channel, summary, details::text as details, source, created_by
                from interaction where customer_id = :id order by occurred_at, id""", person.id()));
        kinds.put("merged_records", rows(jdbc, """
                select merged_id, merged_external_id, merged_card_number, merged_name, merged_at, merged_by
                from customer_merge where survivor_id = :id order by merged_at""", person.id()));
        return kinds;
    }

    @Override
    public void erase(DataSubject person) {
        for (String delete : List.of(
                "delete from customer_consent where customer_id = :id",
                "delete from customer_consent_event where customer_id = :id",
                "delete from customer_tag where customer_id = :id",
                "delete from interaction where customer_id = :id",
                "delete from customer_merge where survivor_id = :id",
                "delete from customer_distinct_pair where customer_id = :id or other_id = :id")) {
            jdbc.sql(delete).param("id", person.id()).update();
        }
        jdbc.sql("""
                        update customer set external_id = null, card_number = null, first_name = null,
                               last_name = null, gender = null, birth_date = null, email = null, phone = null,
                               address_line = null, postal_code = null, city = null, income_band = null,
                               occupation = null, education = null, owner_username = null, source = null,
                               custom_attributes = '{}', first_purchase_at = null, last_purchase_at = null,
                               updated_at = now(), erased_at = now()
                        where id = :id""").param("id", person.id()).update();
    }

    /** Last: the other participants find the person's rows by the identifiers this row still holds until then. */
    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }
}
