package io.clientele.customer;

import java.util.regex.Pattern;

/**
 * What a valid email address and phone number look like, for every way a customer comes in: the form, the API and
 * the imports. Values are checked after trimming.
 */
public final class ContactRules {
    public static final int MAX_EMAIL_LENGTH = 254;

    // a pragmatic address check: something@domain.tld, international letters allowed
    private static final Pattern EMAIL =
            Pattern.compile("[^\\s@\"(),:;<>\\[\\]\\\\]+@[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?"
                    + "(\\.[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)*\\.\\p{L}{2,}");
    private static final Pattern PHONE = Pattern.compile("[0-9 +()\\-]+");

    private ContactRules() {}

    public static boolean isEmail(String value) {
        return value.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(value).matches();
    }

    /** Digits, spaces, {@code + ( ) -}, and 6 to 20 digits in all. */
    public static boolean isPhone(String value) {
        long digits = value.chars().filter(Character::isDigit).count();
        return PHONE.matcher(value).matches() && digits >= 6 && digits <= 20;
    }
}
