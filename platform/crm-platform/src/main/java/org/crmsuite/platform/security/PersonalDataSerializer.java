package org.crmsuite.platform.security;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** Writes a {@link PersonalData} string masked or not, by the caller's roles. */
public class PersonalDataSerializer extends ValueSerializer<Object> {

    private final PersonalDataKind kind;

    public PersonalDataSerializer() {
        this(PersonalDataKind.ID_NUMBER);
    }

    PersonalDataSerializer(PersonalDataKind kind) {
        this.kind = kind;
    }

    @Override
    public ValueSerializer<?> createContextual(SerializationContext context, BeanProperty property) {
        PersonalData annotation = property == null ? null : property.getAnnotation(PersonalData.class);
        return annotation == null ? this : new PersonalDataSerializer(annotation.value());
    }

    @Override
    public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
        generator.writeString(PersonalDataPolicy.maskUnlessAllowed(value.toString(), kind));
    }
}
