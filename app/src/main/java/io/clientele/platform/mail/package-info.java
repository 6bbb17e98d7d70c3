/**
 * Mail shared by the features: delivery for those that keep an outbox of their own (service replies, form
 * confirmations) and reading the IMAP mailboxes they poll (bounces, the support mailbox).
 */
@NullMarked
package io.clientele.platform.mail;

import org.jspecify.annotations.NullMarked;
