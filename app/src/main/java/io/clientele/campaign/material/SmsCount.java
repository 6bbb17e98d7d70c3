package io.clientele.campaign.material;

/**
 * How an SMS text travels: its encoding, its length in characters and in the encoding's units, and the number of
 * message parts it is sent (and billed) as. GSM-7 (the GSM 03.38 basic set, with the extension table's characters
 * taking two units) carries 160 units in one message and 153 per part of a longer one; any other character makes the
 * whole text UCS-2, 70 and 67 (UTF-16 units, so an emoji takes two).
 */
public record SmsCount(Encoding encoding, int characters, int units, int parts) {
    /** Most parts a text may have: longer texts are costly and many phones join them badly. */
    public static final int MAX_PARTS = 10;

    public enum Encoding {
        GSM_7(160, 153),
        UCS_2(70, 67);

        private final int single;
        private final int perPart;

        Encoding(int single, int perPart) {
            this.single = single;
            this.perPart = perPart;
        }

        public int single() {
            return single;
        }

        public int perPart() {
            return perPart;
        }
    }

    // GSM 03.38 basic character set (ESC, 0x1B, left out: it introduces the extension table)
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    // the extension table: each is sent as ESC and the character, two units
    private static final String EXTENSION = "\f^{}\\[~]|€";

    public static SmsCount of(String text) {
        int characters = text.codePointCount(0, text.length());
        int gsmUnits = 0;
        boolean gsm = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) {
                gsmUnits++;
            } else if (EXTENSION.indexOf(c) >= 0) {
                gsmUnits += 2;
            } else {
                gsm = false;
                break;
            }
        }
        Encoding encoding = gsm ? Encoding.GSM_7 : Encoding.UCS_2;
        int units = gsm ? gsmUnits : text.length();
        return new SmsCount(encoding, characters, units, parts(encoding, units));
    }

    static int parts(Encoding encoding, int units) {
        if (units == 0) {
            return 0;
        }
        if (units <= encoding.single()) {
            return 1;
        }
        return (units + encoding.perPart() - 1) / encoding.perPart();
    }

    public boolean tooLong() {
        return parts > MAX_PARTS;
    }
}
