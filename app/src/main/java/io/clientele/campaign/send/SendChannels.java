package io.clientele.campaign.send;

import io.clientele.campaign.CampaignProperties;
import io.clientele.campaign.StepChannel;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where each channel's messages go, as configured: email over SMTP when {@code spring.mail.host} is set (Spring
 * Boot then provides the mail sender), to the outbox otherwise; SMS to the gateway when
 * {@code clientele.campaign.sms-gateway-url} is set, to the outbox otherwise.
 */
@Component
class SendChannels {
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    private final Map<StepChannel, Channel> channels = new EnumMap<>(StepChannel.class);

    SendChannels(
            CampaignProperties campaign,
            SendProperties send,
            ObjectProvider<JavaMailSender> mail,
            JdbcTemplate jdbc,
            JsonMapper json,
            Clock clock) {
        Outbox outbox = new Outbox(jdbc, json, clock);
        if (mail.getIfAvailable() instanceof JavaMailSenderImpl smtp && smtp.getHost() != null) {
            // Jakarta Mail 2.1 looks its stream provider up with a ServiceLoader scan of the class path for every
            // message part it parses unless this names it: most of the time of a message otherwise
            if (System.getProperty(STREAM_PROVIDER) == null) {
                System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
            }
            channels.put(StepChannel.EMAIL, new SmtpEmail(smtp, campaign.mailFrom(), send.smtpConnections()));
        } else {
            channels.put(StepChannel.EMAIL, outbox);
        }
        String gateway = campaign.smsGatewayUrl();
        channels.put(
                StepChannel.SMS,
                gateway != null && !gateway.isBlank()
                        ? new SmsGateway(gateway, String.valueOf(campaign.smsGatewayToken()), json)
                        : outbox);
    }

    Map<StepChannel, Channel> configured() {
        return channels;
    }
}
