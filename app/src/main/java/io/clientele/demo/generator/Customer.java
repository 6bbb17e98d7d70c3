package io.clientele.demo.generator;

import java.time.LocalDate;

/**
 * A card holder's profile. {@code joinTime} is when the card was issued, in days since the window start (negative
 * before it); for a buyer it is also the time of the first purchase.
 *
 * @param email null for the 5% without one
 * @param phone null for the 5% without one
 */
record Customer(
        long number,
        PlantedSegment segment,
        String externalId,
        String cardNumber,
        String firstName,
        String lastName,
        char gender,
        LocalDate birthDate,
        String email,
        String phone,
        String addressLine,
        String postalCode,
        String city,
        Store homeStore,
        IncomeBand incomeBand,
        String occupation,
        Education education,
        double joinTime,
        boolean consentEmail,
        boolean consentSms,
        boolean consentMail,
        boolean consentPhone) {}
