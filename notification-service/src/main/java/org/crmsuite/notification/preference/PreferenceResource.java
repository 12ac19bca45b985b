package org.crmsuite.notification.preference;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.notification.delivery.Channel;
import org.crmsuite.notification.template.Templates;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.crmsuite.platform.web.IfMatch;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/notifications/preferences")
@Tag(name = "Preferences", description = "How the caller wants to be notified: language, zone, addresses, quiet hours, channels per event type")
class PreferenceResource {

    /** An address with a dot in its domain, as mail servers need (Bean Validation's @Email alone accepts {@code a@b}). */
    static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    static final String PHONE = "^\\+[1-9][0-9]{6,14}$";

    private final PreferenceRepository preferences;

    PreferenceResource(PreferenceRepository preferences) {
        this.preferences = preferences;
    }

    @GetMapping("/me")
    @Transactional(readOnly = true)
    @Operation(summary = "The caller's preferences", description = "Without saved preferences: the configured defaults, version 0, stored=false.")
    ResponseEntity<PreferencesView> mine() {
        Preferences p = preferences.of(CurrentUser.current().id());
        return ResponseEntity.ok().eTag(Long.toString(p.version())).body(PreferencesView.of(p));
    }

    @PutMapping("/me")
    @Transactional
    @Operation(summary = "Save the caller's preferences", description = "The first save needs no If-Match; later ones need the ETag you read. "
            + "channels: event type → the channels you want for it (an empty list silences the type); quiet hours in your zone; "
            + "urgent types (SLA breaches, escalations) go through quiet hours.")
    ResponseEntity<PreferencesView> save(@RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                         @Valid @RequestBody PreferencesRequest request) {
        String user = CurrentUser.current().id();
        Preferences wanted = request.toPreferences(user);
        Optional<Preferences> current = preferences.find(user);
        long version = 0;
        if (current.isEmpty()) {
            preferences.insert(wanted);
        } else {
            long expected = IfMatch.version(ifMatch);
            IfMatch.require("preferences", user, expected, current.get().version());
            if (!preferences.update(wanted, expected)) {
                throw CrmProblemException.staleVersion("preferences", user, expected, expected + 1);
            }
            version = expected + 1;
        }
        Preferences saved = preferences.of(user);
        return ResponseEntity.ok().eTag(Long.toString(version)).body(PreferencesView.of(saved));
    }

    record PreferencesRequest(
            @NotBlank @Schema(example = "zh-CN", allowableValues = {"zh-CN", "en"}) String language,
            @NotBlank @Schema(example = "Asia/Shanghai") String zone,
            @Email @Pattern(regexp = EMAIL, message = "must be an email address such as li.na@example.com") @Size(max = 320)
            @Schema(example = "li.na@example.com") String email,
            @Pattern(regexp = PHONE, message = "must be an E.164 number such as +8613800138000") @Schema(example = "+8613800138000") String phone,
            @Schema(example = "22:00", type = "string") LocalTime quietStart,
            @Schema(example = "07:30", type = "string") LocalTime quietEnd,
            @Schema(example = "{\"crm.activity.due.v1\":[\"IN_APP\"]}") Map<String, List<Channel>> channels) {

        Preferences toPreferences(String user) {
            List<FieldViolation> violations = new ArrayList<>();
            if (!Templates.LOCALES.contains(language)) {
                violations.add(new FieldViolation("language", "must be one of " + Templates.LOCALES));
            }
            ZoneId zoneId = null;
            try {
                zoneId = ZoneId.of(zone);
            } catch (DateTimeException e) {
                violations.add(new FieldViolation("zone", "must be a time zone such as Asia/Shanghai"));
            }
            if ((quietStart == null) != (quietEnd == null)) {
                violations.add(new FieldViolation(quietStart == null ? "quietStart" : "quietEnd", "give both ends of the quiet hours, or neither"));
            }
            Map<String, List<Channel>> chosen = new LinkedHashMap<>();
            if (channels != null) {
                channels.forEach((type, list) -> {
                    if (type == null || !type.matches("^[a-z]+\\.[a-z0-9-]+\\.[a-z0-9-]+\\.v[0-9]+$")) {
                        violations.add(new FieldViolation("channels", "'" + type + "' is not an event type such as crm.activity.due.v1"));
                    } else if (list == null || list.contains(null) || list.contains(Channel.WEBHOOK)) {
                        violations.add(new FieldViolation("channels." + type, "list EMAIL, IN_APP or SMS"));
                    } else {
                        chosen.put(type, List.copyOf(new java.util.LinkedHashSet<>(list)));
                    }
                });
            }
            if (!violations.isEmpty()) {
                throw CrmProblemException.invalid(violations);
            }
            return new Preferences(user, language, zoneId, email == null ? null : email.strip(), phone,
                    quietStart == null ? null : new QuietHours(quietStart, quietEnd), chosen, 0, true);
        }
    }

    record PreferencesView(String userId, String language, String zone, String email, String phone, LocalTime quietStart, LocalTime quietEnd,
                           Map<String, List<Channel>> channels, long version, boolean stored) {
        static PreferencesView of(Preferences p) {
            return new PreferencesView(p.userId(), p.language(), p.zone().getId(), p.email(), p.phone(),
                    p.quietHours() == null ? null : p.quietHours().start(), p.quietHours() == null ? null : p.quietHours().end(),
                    p.channels(), p.version(), p.stored());
        }
    }
}
