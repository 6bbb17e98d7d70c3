package io.clientele.demo.generator;

import io.clientele.analytics.random.Sampler;
import java.time.LocalDate;
import java.util.Locale;

/** Draws a card holder's profile: identity, contact, demographics, home store, join time and consents. */
final class CustomerFactory {
    private static final int NEW_CUSTOMER_DAYS = 60;
    /** A lapsed big spender joins by day 100 of the window, so that it has a long buying history before it stops. */
    private static final int LAPSED_LATEST_JOIN_DAY = 100;

    private static final int SILENT_MIN_DAYS = 400;
    private static final int SILENT_MAX_DAYS = 700;

    private static final double NO_EMAIL_SHARE = 0.05;
    private static final double NO_PHONE_SHARE = 0.05;
    // consent shares of all card holders; e-mail, SMS and phone consent are given only with an address or number
    private static final double EMAIL_CONSENT = 0.70 / (1 - NO_EMAIL_SHARE);
    private static final double SMS_CONSENT = 0.50 / (1 - NO_PHONE_SHARE);
    private static final double MAIL_CONSENT = 0.60;
    private static final double PHONE_CONSENT = 0.30 / (1 - NO_PHONE_SHARE);
    private static final double HOME_CITY_SHARE = 0.80;

    private static final int[] AGE_BAND_STARTS = {18, 25, 35, 45, 55, 65, 86};
    private static final double[] AGE_BAND_SHARES = {0.10, 0.19, 0.21, 0.20, 0.16, 0.14};
    private static final double[] EDUCATION_SHARES = shares();
    private static final double[] INCOME_THRESHOLDS = {-1.0, -0.3, 0.5, 1.2};
    private static final String[] OCCUPATIONS = {
        "Office worker", "Sales worker", "Technician", "Engineer", "Teacher", "Healthcare worker",
        "Manager", "Self-employed", "Civil servant", "Skilled trade", "Homemaker", "Unemployed"
    };
    private static final double[] OCCUPATION_WEIGHTS = {18, 10, 10, 8, 6, 8, 8, 8, 6, 8, 4, 4};
    private static final double OCCUPATION_TOTAL = 98;
    private static final String[] STREETS = {
        "Oak", "Maple", "Station", "Church", "Mill", "Park", "High", "Victoria", "Kings", "Queens",
        "Orchard", "Bridge", "Market", "Garden", "Harbour", "Elm", "Cedar", "Willow", "Lake", "Hill"
    };
    private static final String[] STREET_KINDS = {"Street", "Road", "Avenue", "Lane", "Way", "Close"};
    private static final String[] EMAIL_DOMAINS = {"example.com", "example.net", "example.org"};

    private final DataWindow window;
    private final StoreNetwork network;
    private final LocalDate asOf;

    CustomerFactory(DataWindow window, StoreNetwork network) {
        this.window = window;
        this.network = network;
        this.asOf = window.date(window.days() - 1);
    }

    private static double[] shares() {
        Education[] levels = Education.values();
        double[] shares = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            shares[i] = levels[i].share;
        }
        return shares;
    }

    Customer draw(long number, Sampler sampler) {
        PlantedSegment segment = PlantedSegment.of(number);
        double u = sampler.uniform();
        char gender = u < 0.49 ? 'F' : u < 0.98 ? 'M' : 'X';
        String firstName = PersonNames.firstName(gender, sampler);
        String lastName = PersonNames.lastName(sampler);
        double joinTime = joinTime(segment, sampler);
        int age = drawAge(sampler);
        LocalDate birthDate = asOf.minusYears(age).minusDays(sampler.uniformInt(365));
        LocalDate adultAtJoin = window.date(DataWindow.day(joinTime)).minusYears(18);
        if (birthDate.isAfter(adultAtJoin)) {
            birthDate = adultAtJoin;
        }
        Education education = drawEducation(age, sampler);
        IncomeBand income = drawIncome(age, education, sampler);
        String occupation = drawOccupation(age, sampler);
        Store home = network.pickHomeStore(sampler);
        Region region = home.region();
        int cityIndex = sampler.bernoulli(HOME_CITY_SHARE)
                ? region.cities().indexOf(home.city())
                : sampler.uniformInt(region.cities().size());
        String postalCode = Codes.padded(region.postalPrefixes().get(cityIndex), sampler.uniformInt(1000), 3);
        String email = sampler.bernoulli(NO_EMAIL_SHARE) ? null : email(firstName, lastName, number, sampler);
        String phone = sampler.bernoulli(NO_PHONE_SHARE) ? null : phone(number);
        return new Customer(
                number,
                segment,
                Codes.externalId(number),
                Codes.cardNumber(number),
                firstName,
                lastName,
                gender,
                birthDate,
                email,
                phone,
                address(sampler),
                postalCode,
                region.cities().get(cityIndex),
                home,
                income,
                occupation,
                education,
                joinTime,
                email != null && sampler.bernoulli(EMAIL_CONSENT),
                phone != null && sampler.bernoulli(SMS_CONSENT),
                sampler.bernoulli(MAIL_CONSENT),
                phone != null && sampler.bernoulli(PHONE_CONSENT));
    }

    /**
     * New customers join in the last 60 days; lapsed big spenders between the earliest join day and day 100 of the
     * window; silent one-time buyers 400-700 days before as-of; everyone else uniformly from the earliest join day
     * (as-of minus three years) to 60 days before as-of.
     */
    private double joinTime(PlantedSegment segment, Sampler sampler) {
        int days = window.days();
        return switch (segment) {
            case NEW_CUSTOMER -> days - NEW_CUSTOMER_DAYS + NEW_CUSTOMER_DAYS * sampler.uniform();
            case SILENT_ONE_TIME_BUYER ->
                days - SILENT_MAX_DAYS + (SILENT_MAX_DAYS - SILENT_MIN_DAYS) * sampler.uniform();
            case LAPSED_BIG_SPENDER ->
                window.firstJoinDay() + (LAPSED_LATEST_JOIN_DAY - window.firstJoinDay()) * sampler.uniform();
            case PROSPECT, REGULAR ->
                window.firstJoinDay() + (days - NEW_CUSTOMER_DAYS - window.firstJoinDay()) * sampler.uniform();
        };
    }

    private static int drawAge(Sampler sampler) {
        int band = sampler.weighted(AGE_BAND_SHARES, 1.0);
        return AGE_BAND_STARTS[band] + sampler.uniformInt(AGE_BAND_STARTS[band + 1] - AGE_BAND_STARTS[band]);
    }

    /** Under-22s have finished at most vocational school, under-26s at most a master's degree. */
    private static Education drawEducation(int age, Sampler sampler) {
        Education education = Education.values()[sampler.weighted(EDUCATION_SHARES, 1.0)];
        if (age < 22 && education.compareTo(Education.VOCATIONAL) > 0) {
            return Education.SECONDARY;
        }
        if (age < 26 && education == Education.DOCTORATE) {
            return Education.MASTER;
        }
        return education;
    }

    /** Income rises with education and peaks in mid-career: a score with normal noise cut into five bands. */
    private static IncomeBand drawIncome(int age, Education education, Sampler sampler) {
        double score = 0.45 * (education.ordinal() - 2.5) + sampler.normal();
        if (age < 25) {
            score -= 0.5;
        } else if (age >= 65) {
            score -= 0.3;
        } else if (age >= 35 && age < 60) {
            score += 0.3;
        }
        int band = 0;
        while (band < INCOME_THRESHOLDS.length && score >= INCOME_THRESHOLDS[band]) {
            band++;
        }
        return IncomeBand.values()[band];
    }

    private static String drawOccupation(int age, Sampler sampler) {
        if (age < 25 && sampler.bernoulli(0.5)) {
            return "Student";
        }
        if (age >= 65 && sampler.bernoulli(0.85)) {
            return "Retired";
        }
        return OCCUPATIONS[sampler.weighted(OCCUPATION_WEIGHTS, OCCUPATION_TOTAL)];
    }

    private static String address(Sampler sampler) {
        String street = (1 + sampler.uniformInt(240)) + " " + STREETS[sampler.uniformInt(STREETS.length)] + " "
                + STREET_KINDS[sampler.uniformInt(STREET_KINDS.length)];
        return sampler.bernoulli(0.12) ? "Flat " + (1 + sampler.uniformInt(30)) + ", " + street : street;
    }

    /** Unique through the customer number: anna.smith123@example.com. */
    private static String email(String firstName, String lastName, long number, Sampler sampler) {
        return firstName.toLowerCase(Locale.ROOT) + "." + lastName.toLowerCase(Locale.ROOT) + number + "@"
                + EMAIL_DOMAINS[sampler.uniformInt(EMAIL_DOMAINS.length)];
    }

    /** +1-555-ddd-dddd from the customer number; unique up to ten million customers. */
    private static String phone(long number) {
        String digits = Long.toString(10_000_000 + number * 7_919 % 10_000_000).substring(1);
        return "+1-555-" + digits.substring(0, 3) + "-" + digits.substring(3);
    }
}
