package io.clientele.sales;

/** NEW and WORKING leads are open (one per person); QUALIFIED ones became an opportunity, DISQUALIFIED ones say why. */
public enum LeadStatus {
    NEW,
    WORKING,
    QUALIFIED,
    DISQUALIFIED;

    public boolean open() {
        return this == NEW || this == WORKING;
    }
}
