/** Mail delivery shared by the features that keep an outbox of their own (service replies, form confirmations). */
@NullMarked
package io.clientele.platform.mail;

import org.jspecify.annotations.NullMarked;
