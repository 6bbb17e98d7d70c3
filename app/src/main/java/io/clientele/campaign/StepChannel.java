package io.clientele.campaign;

import io.clientele.campaign.material.MaterialKind;
import io.clientele.customer.ConsentChannel;
import org.jspecify.annotations.Nullable;

/**
 * How a campaign step reaches its customers. Each channel needs the customer's consent on its contact channel (an
 * in-store coupon is handed over at the till and needs none) and says which kind of material it sends.
 */
public enum StepChannel {
    EMAIL(ConsentChannel.EMAIL, MaterialKind.EMAIL),
    SMS(ConsentChannel.SMS, MaterialKind.SMS),
    CALL(ConsentChannel.PHONE, MaterialKind.CALL_SCRIPT),
    MAIL(ConsentChannel.MAIL, MaterialKind.LETTER),
    COUPON(null, null);

    private final @Nullable ConsentChannel consent;
    private final @Nullable MaterialKind material;

    StepChannel(@Nullable ConsentChannel consent, @Nullable MaterialKind material) {
        this.consent = consent;
        this.material = material;
    }

    /** The consent a contact on this channel needs; null when none does. */
    public @Nullable ConsentChannel consent() {
        return consent;
    }

    /** The kind of material the step sends; null for a coupon step, which sends a code. */
    public @Nullable MaterialKind material() {
        return material;
    }
}
