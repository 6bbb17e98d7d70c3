package io.clientele.platform;

/** The current person's {@link DataScope}; identity answers it from their role and the stores and regions given. */
public interface DataScopes {
    DataScope current();
}
