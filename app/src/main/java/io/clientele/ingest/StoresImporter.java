package io.clientele.ingest;

import io.clientele.platform.db.CopyRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stores keyed by code, with their regions (a new region code creates the region, named by region_name). */
record StoresImporter(Connection connection, int[] columns, ZoneId zone) implements Importer {
    private static final ImportKind KIND = ImportKind.STORES;

    @Override
    public Counts importChunk(List<SourceLine> lines, List<Reject> rejects) throws SQLException {
        Staging.create(connection, """
                create temp table if not exists stg_store (code text, name text, region_code text,
                    region_name text, city text, opened_on date)
                on commit delete rows""");
        CopyRows staged = new CopyRows();
        Map<String, Long> seen = new HashMap<>();
        for (Row row : Row.readable(KIND, columns, lines, rejects, zone)) {
            String code = row.required(KIND.index("store_code"));
            row.firstOccurrence(KIND.index("store_code"), code, seen, "store");
            String name = row.required(KIND.index("name"));
            String regionCode = row.required(KIND.index("region_code"));
            String city = row.required(KIND.index("city"));
            LocalDate openedOn = row.date(KIND.index("opened_on"));
            if (row.valid()) {
                staged.add(code)
                        .add(name)
                        .add(regionCode)
                        .add(row.text(KIND.index("region_name")))
                        .add(city)
                        .add(openedOn);
                staged.endRow();
            }
        }
        staged.copyInto(connection, "copy stg_store from stdin");
        try (var statement = connection.createStatement()) {
            statement.executeUpdate("""
                    insert into region (code, name)
                    select distinct on (region_code) region_code, coalesce(region_name, region_code) from stg_store
                    order by region_code, region_name nulls last
                    on conflict (code) do update set name = excluded.name
                    where excluded.name <> excluded.code and region.name <> excluded.name""");
            long stagedRows = Staging.count(connection, "stg_store");
            long written = statement.executeUpdate("""
                    insert into store (code, name, region_id, city, opened_on)
                    select s.code, s.name, r.id, s.city, s.opened_on from stg_store s join region r on r.code = s.region_code
                    on conflict (code) do update
                    set name = excluded.name, region_id = excluded.region_id, city = excluded.city,
                        opened_on = coalesce(excluded.opened_on, store.opened_on)
                    where (store.name, store.region_id, store.city, store.opened_on)
                          is distinct from (excluded.name, excluded.region_id, excluded.city,
                                            coalesce(excluded.opened_on, store.opened_on))""");
            return new Counts(written, stagedRows - written);
        }
    }
}
