package io.clientele.demo.generator;

import io.clientele.analytics.random.Sampler;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The 24 stores in five regions and their 91 salespeople. The network is fixed: it depends on nothing but the
 * as-of date (stores opened a fixed number of days before the first card holder joined), so codes can be documented.
 * The first store listed in each region is its largest, and its second salesperson is the region's planted star.
 */
final class StoreNetwork {
    private static final long NAMES_SEED = 0x5A1E5_0001L;
    private static final double HOME_STORE_SHARE = 0.85;
    private static final double SAME_REGION_SHARE = 0.10;

    private record StoreDefinition(String regionCode, String city, String name, double size, int daysOpenBefore) {}

    private static final double XL = 2.0;
    private static final double L = 1.6;
    private static final double M = 1.0;
    private static final double S = 0.6;

    private static final List<Region> REGIONS = List.of(
            new Region("NORTH", "North", List.of("Harrowgate", "Kellbridge", "Northmoor"), List.of("11", "12", "13")),
            new Region("SOUTH", "South", List.of("Port Allen", "Sunmere", "Lindale"), List.of("21", "22", "23")),
            new Region("EAST", "East", List.of("Eastwick", "Ravensby"), List.of("31", "32")),
            new Region("WEST", "West", List.of("Westfield", "Millbrook"), List.of("41", "42")),
            new Region("CENTRAL", "Central", List.of("Middleton", "Carrick", "Stonebury"), List.of("51", "52", "53")));

    private static final List<StoreDefinition> STORES = List.of(
            new StoreDefinition("NORTH", "Harrowgate", "Harrowgate Central", L, 4800),
            new StoreDefinition("NORTH", "Harrowgate", "Harrowgate Riverside", M, 2900),
            new StoreDefinition("NORTH", "Kellbridge", "Kellbridge Plaza", M, 3650),
            new StoreDefinition("NORTH", "Kellbridge", "Kellbridge Station", S, 1210),
            new StoreDefinition("NORTH", "Northmoor", "Northmoor Retail Park", S, 640),
            new StoreDefinition("SOUTH", "Port Allen", "Port Allen Harbour", L, 5100),
            new StoreDefinition("SOUTH", "Port Allen", "Port Allen Mall", M, 2330),
            new StoreDefinition("SOUTH", "Sunmere", "Sunmere Centre", M, 3980),
            new StoreDefinition("SOUTH", "Sunmere", "Sunmere Beach Road", S, 1500),
            new StoreDefinition("SOUTH", "Lindale", "Lindale Park", S, 870),
            new StoreDefinition("EAST", "Eastwick", "Eastwick Galleria", L, 4420),
            new StoreDefinition("EAST", "Eastwick", "Eastwick Market Street", M, 3120),
            new StoreDefinition("EAST", "Eastwick", "Eastwick North", S, 410),
            new StoreDefinition("EAST", "Ravensby", "Ravensby Centre", M, 2760),
            new StoreDefinition("EAST", "Ravensby", "Ravensby Retail Park", S, 1830),
            new StoreDefinition("WEST", "Westfield", "Westfield Mall", L, 3870),
            new StoreDefinition("WEST", "Westfield", "Westfield Old Town", S, 2040),
            new StoreDefinition("WEST", "Millbrook", "Millbrook Centre", M, 3300),
            new StoreDefinition("WEST", "Millbrook", "Millbrook Gate", S, 950),
            new StoreDefinition("CENTRAL", "Middleton", "Middleton Flagship", XL, 5600),
            new StoreDefinition("CENTRAL", "Middleton", "Middleton Square", M, 2480),
            new StoreDefinition("CENTRAL", "Carrick", "Carrick Centre", M, 3410),
            new StoreDefinition("CENTRAL", "Carrick", "Carrick Park", S, 1120),
            new StoreDefinition("CENTRAL", "Stonebury", "Stonebury High Street", S, 760));

    private final List<Store> stores;
    private final List<Salesperson> salespeople;
    private final List<List<Store>> neighbours;
    private final double[] sizes;
    private final double totalSize;

    private StoreNetwork(LocalDate firstJoinDate) {
        Sampler names = new Sampler(NAMES_SEED);
        List<Store> builtStores = new ArrayList<>();
        List<Salesperson> builtSalespeople = new ArrayList<>();
        String previousRegion = "";
        for (StoreDefinition definition : STORES) {
            Region region = region(definition.regionCode());
            String code = Codes.padded("S", builtStores.size() + 1, 3);
            boolean regionsLargest = !definition.regionCode().equals(previousRegion);
            previousRegion = definition.regionCode();
            int staff = definition.size() >= L ? 5 : definition.size() >= M ? 4 : 3;
            List<Salesperson> staffOfStore = new ArrayList<>();
            for (int i = 0; i < staff; i++) {
                char gender = names.bernoulli(0.5) ? 'F' : 'M';
                String name = PersonNames.firstName(gender, names) + " " + PersonNames.lastName(names);
                String salespersonCode = Codes.padded("P", builtSalespeople.size() + 1, 4);
                Salesperson salesperson = new Salesperson(salespersonCode, name, code, regionsLargest && i == 1);
                staffOfStore.add(salesperson);
                builtSalespeople.add(salesperson);
            }
            builtStores.add(new Store(
                    builtStores.size(),
                    code,
                    definition.name(),
                    region,
                    definition.city(),
                    firstJoinDate.minusDays(definition.daysOpenBefore()),
                    definition.size(),
                    List.copyOf(staffOfStore)));
        }
        stores = List.copyOf(builtStores);
        salespeople = List.copyOf(builtSalespeople);
        neighbours = stores.stream()
                .map(home -> stores.stream()
                        .filter(store -> store.region() == home.region() && store != home)
                        .toList())
                .toList();
        sizes = stores.stream().mapToDouble(Store::size).toArray();
        totalSize = stores.stream().mapToDouble(Store::size).sum();
    }

    static StoreNetwork forWindow(DataWindow window) {
        return new StoreNetwork(window.date(window.firstJoinDay()));
    }

    private static Region region(String code) {
        return REGIONS.stream()
                .filter(region -> region.code().equals(code))
                .findFirst()
                .orElseThrow();
    }

    List<Store> stores() {
        return stores;
    }

    List<Salesperson> salespeople() {
        return salespeople;
    }

    double totalSize() {
        return totalSize;
    }

    /** A home store drawn in proportion to store size, which also makes a region's share its stores' size. */
    Store pickHomeStore(Sampler sampler) {
        return stores.get(sampler.weighted(sizes, totalSize));
    }

    /** Where a card holder shops this time: the home store 85%, another store of the region 10%, any store 5%. */
    Store pickVisitedStore(Store home, Sampler sampler) {
        double u = sampler.uniform();
        if (u < HOME_STORE_SHARE) {
            return home;
        }
        if (u < HOME_STORE_SHARE + SAME_REGION_SHARE) {
            List<Store> others = neighbours.get(home.index());
            return others.get(sampler.uniformInt(others.size()));
        }
        return stores.get(sampler.uniformInt(stores.size()));
    }

    Salesperson pickSalesperson(Store store, Sampler sampler) {
        return store.salespeople().get(sampler.uniformInt(store.salespeople().size()));
    }
}
