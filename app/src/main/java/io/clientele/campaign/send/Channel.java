package io.clientele.campaign.send;

import java.util.List;

/** Where a step's messages are handed over: an SMTP server, an SMS gateway, or the outbox. */
interface Channel {

    /** A hand-over session for one claimed batch (one SMTP connection, say); closed when the batch is done. */
    Session open();

    interface Session extends AutoCloseable {
        /** One delivery per message, in the same order. Never throws for a message's own failure. */
        List<Delivery> send(List<OutgoingMessage> messages);

        @Override
        void close();
    }
}
