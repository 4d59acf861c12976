package org.dialogs.schemas;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Adds this module's generated event classes to the classes Avro may instantiate while decoding (Avro 1.12.2
 * trusts only its own and a few JDK packages unless told otherwise), keeping whatever was trusted before.
 */
final class AvroClassTrust {

    private AvroClassTrust() {
    }

    static synchronized void trust(Class<?> eventClass) {
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (!current.isTrusted(eventClass)) {
            ClassSecurityPredicate added = ClassSecurityValidator.builder().add(eventClass).build();
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(current, added));
        }
    }
}
