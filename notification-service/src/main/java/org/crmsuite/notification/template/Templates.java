package org.crmsuite.notification.template;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.crmsuite.notification.delivery.Channel;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;

/** Checks templates against their event's variables, and renders the message for one recipient. */
@Service
public class Templates {

    public static final List<String> LOCALES = List.of("zh-CN", "en");
    private static final Logger log = LoggerFactory.getLogger(Templates.class);

    private final TemplateRepository repository;
    private final TemplateVariables variables;

    public Templates(TemplateRepository repository, TemplateVariables variables) {
        this.repository = repository;
        this.variables = variables;
    }

    /** The rendered message. */
    public record Message(String subject, String body) {
    }

    /** Refuses a template that names a variable its event does not carry (or an unknown event type). */
    public void requireValid(String eventType, String subject, String body) {
        Optional<Set<String>> known = variables.of(eventType);
        if (known.isEmpty()) {
            throw CrmProblemException.invalid("eventType", "no event schema for " + eventType + " in the catalogue");
        }
        List<FieldViolation> violations = new ArrayList<>();
        new TemplateText(subject).problems(known.get()).forEach(p -> violations.add(new FieldViolation("subject", p)));
        new TemplateText(body).problems(known.get()).forEach(p -> violations.add(new FieldViolation("body", p)));
        if (!violations.isEmpty()) {
            throw CrmProblemException.invalid(violations);
        }
    }

    /** Every stored template is checked when the service starts; a broken one stops the start with its name. */
    @EventListener(ApplicationReadyEvent.class)
    public void checkAllOnStart() {
        for (Template template : repository.all()) {
            try {
                requireValid(template.eventType(), template.subject(), template.body());
            } catch (CrmProblemException e) {
                throw new IllegalStateException("template " + template.eventType() + "/" + template.channel() + "/" + template.locale()
                        + " is invalid: " + e.violations(), e);
            }
        }
        log.info("all notification templates name only variables their events carry");
    }

    /**
     * The message in the recipient's language (falling back to the other language) and zone; SMS uses the IN_APP
     * text. Without any template, a plain line naming the event.
     */
    public Message render(String eventType, Channel channel, String locale, ZoneId zone, JsonNode payload) {
        List<Channel> channels = channel == Channel.SMS ? List.of(Channel.SMS, Channel.IN_APP) : List.of(channel);
        List<String> locales = new ArrayList<>(List.of(locale));
        LOCALES.stream().filter(l -> !l.equals(locale)).forEach(locales::add);
        for (String l : locales) {
            for (Channel c : channels) {
                Optional<Template> template = repository.find(eventType, c, l);
                if (template.isPresent()) {
                    Locale javaLocale = Locale.forLanguageTag(l);
                    return new Message(new TemplateText(template.get().subject()).render(payload, javaLocale, zone),
                            new TemplateText(template.get().body()).render(payload, javaLocale, zone));
                }
            }
        }
        return new Message(eventType, eventType + " " + payload);
    }
}
