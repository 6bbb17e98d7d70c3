package io.clientele.demo.generator;

import io.clientele.analytics.random.Sampler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sales without a card, written after the card holders' receipts, day by day in time order. Their number is set from
 * the card holders' sales so that anonymous receipts make 20% of all sales: each store and day draws a Poisson count
 * with mean proportional to the store's size and the day's seasonal intensity. Baskets come from the same spend model
 * (an unknown shopper: a fresh Gamma-Gamma scale per receipt, no income factor), stars and returns apply too.
 */
final class AnonymousTraffic {
    private static final double SHARE = 0.20;

    private final DataWindow window;
    private final StoreNetwork network;
    private final BasketBuilder baskets;
    private final Returns returns;

    AnonymousTraffic(DataWindow window, StoreNetwork network, BasketBuilder baskets, Returns returns) {
        this.window = window;
        this.network = network;
        this.baskets = baskets;
        this.returns = returns;
    }

    /** Writes the anonymous receipts to go with {@code cardHolderSales} card holders' sale receipts. */
    void write(long cardHolderSales, SalesFile sales, Sampler sampler) throws IOException {
        int days = window.days();
        double perDayAndSize = cardHolderSales * SHARE / (1 - SHARE) / days / network.totalSize();
        List<List<Receipt>> pendingReturns = new ArrayList<>(days);
        for (int day = 0; day < days; day++) {
            pendingReturns.add(new ArrayList<>());
        }
        for (int day = 0; day < days; day++) {
            List<Receipt> receipts = pendingReturns.get(day);
            pendingReturns.set(day, null);
            for (Store store : network.stores()) {
                int count = sampler.poisson(perDayAndSize * store.size() * window.intensity(day));
                for (int i = 0; i < count; i++) {
                    Salesperson salesperson = network.pickSalesperson(store, sampler);
                    double target = SpendModel.drawTarget(SpendModel.drawScale(sampler), salesperson, sampler);
                    Receipt sale = new Receipt(
                            day + sampler.uniform(),
                            store,
                            salesperson,
                            false,
                            baskets.basket(target, day, false, sampler));
                    receipts.add(sale);
                    Receipt returned = returns.draw(sale, days, sampler);
                    if (returned != null) {
                        pendingReturns.get(DataWindow.day(returned.time())).add(returned);
                    }
                }
            }
            receipts.sort(Comparator.comparingDouble(Receipt::time));
            for (Receipt receipt : receipts) {
                sales.write(receipt, null);
            }
        }
    }
}
