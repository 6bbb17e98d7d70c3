package io.clientele.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The tables a feature owns, declared on its package beside its purpose: only the owner's code writes them; other
 * features read them with SQL or change them through the owner's public types or events. {@code
 * TableOwnershipTest} holds every table the migrations create to exactly one owner, and every write in the main
 * sources to its owner.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface OwnsTables {
    /** Table names as the migrations create them; empty for a feature that owns none. */
    String[] value();
}
