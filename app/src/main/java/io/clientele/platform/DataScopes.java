package io.clientele.platform;

/** The current person's {@link DataScope}; identity answers it from their role and the stores and regions given. */
public interface DataScopes {
    DataScope current();

    /** The scope of a person by user name (a background job acting for whoever started it); all for anyone else. */
    DataScope of(String username);
}
