package org.crmsuite.notification.delivery;

import java.nio.charset.StandardCharsets;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.crmsuite.notification.config.NotificationProperties;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Mail over SMTP, UTF-8 plain text (Chinese subjects and bodies survive every client). */
@Component
class EmailSender implements ChannelSender {

    private final JavaMailSender mail;
    private final String from;

    EmailSender(JavaMailSender mail, NotificationProperties properties) {
        this.mail = mail;
        this.from = properties.mail().from();
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public DeliveryResult send(Notification n) {
        try {
            new InternetAddress(n.address(), true);
        } catch (AddressException | NullPointerException e) {
            return DeliveryResult.failedForGood("invalid email address: " + n.address());
        }
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(n.address());
            helper.setSubject(n.subject());
            helper.setText(n.body(), false);
            message.setHeader("X-Crm-Notification", n.id().toString());
            mail.send(message);
            return DeliveryResult.ok();
        } catch (MailException | jakarta.mail.MessagingException e) {
            return DeliveryResult.failed("SMTP: " + e.getMessage());
        }
    }
}
