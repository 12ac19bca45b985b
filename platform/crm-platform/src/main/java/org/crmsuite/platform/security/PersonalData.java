package org.crmsuite.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;

import tools.jackson.databind.annotation.JsonSerialize;

/**
 * Marks a response field as personal data: serialized unmasked only for callers whose roles may see it (see
 * {@link PersonalDataPolicy}), masked by its {@link #value() kind} for everyone else. Put it on API response records,
 * never on entities.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonSerialize(using = PersonalDataSerializer.class)
public @interface PersonalData {

    PersonalDataKind value();
}
