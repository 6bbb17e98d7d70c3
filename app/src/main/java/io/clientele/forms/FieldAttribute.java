package io.clientele.forms;

/**
 * What a form field fills: a customer attribute (by the name the customer API uses, which is also the field's name
 * in the public form), or the inquiry's message.
 */
public enum FieldAttribute {
    EMAIL("email", 254),
    PHONE("phone", 40),
    FIRST_NAME("firstName", 100),
    LAST_NAME("lastName", 100),
    CITY("city", 100),
    POSTAL_CODE("postalCode", 20),
    BIRTH_DATE("birthDate", 10),
    MESSAGE("message", 4000);

    private final String param;
    private final int maxLength;

    FieldAttribute(String param, int maxLength) {
        this.param = param;
        this.maxLength = maxLength;
    }

    /** The name of the field in the public form and in the customer API. */
    public String param() {
        return param;
    }

    public int maxLength() {
        return maxLength;
    }
}
