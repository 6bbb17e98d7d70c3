package io.clientele.roi;

/**
 * How a receipt's revenue is shared among the contacts that preceded it within the window, ordered by send time:
 * all to the first or the last, evenly, or 40 % to the first, 40 % to the last and 20 % shared by those between (two
 * contacts: half each; one: all).
 */
public enum AttributionModel {
    FIRST_TOUCH,
    LAST_TOUCH,
    EVEN,
    POSITION_BASED;

    /** The SQL weight of contact {@code k} of {@code n} (1-based, in send order); the model is bound as :model. */
    static final String WEIGHT = """
            case :model
                when 'FIRST_TOUCH' then case when k = 1 then 1 else 0 end
                when 'LAST_TOUCH' then case when k = n then 1 else 0 end
                when 'EVEN' then 1.0 / n
                else case when n = 1 then 1 when n = 2 then 0.5 when k = 1 or k = n then 0.4
                          else 0.2 / (n - 2) end
            end""";
}
