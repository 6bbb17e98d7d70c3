package io.clientele.analytics.clv;

import java.util.List;

/**
 * Maximum-likelihood fit of {@link MbgNbdParameters}: the BG/NBD's likelihood and BFGS fit with one more drop-out
 * opportunity per customer, at the first purchase.
 */
public final class MbgNbdModel {
    private MbgNbdModel() {}

    public static ModelFit<MbgNbdParameters> fit(List<CustomerSummary> customers) {
        return fit(RepeatPurchaseData.of(customers));
    }

    public static ModelFit<MbgNbdParameters> fit(RepeatPurchaseData data) {
        double[] p = BgNbdModel.fit("MBG/NBD", data, 1);
        return new ModelFit<>(
                new MbgNbdParameters(p[0], p[1], p[2], p[3]), p[4], data.customers(), data.groups(), (int) p[5]);
    }
}
