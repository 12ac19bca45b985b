package org.crmsuite.platform.security;

/** Kinds of personal data (PIPL / GDPR) and how each is masked for roles that may not see it. */
public enum PersonalDataKind {
    /** +8613812345678 -> +861******5678: keeps the country code and the last four digits. */
    PHONE {
        @Override
        public String mask(String value) {
            int keepStart = Math.min(4, Math.max(0, value.length() - 4));
            return value.substring(0, keepStart) + stars(value.length() - keepStart - 4) + value.substring(value.length() - Math.min(4, value.length()));
        }
    },
    /** zhang.wei@example.com -> z*******@example.com */
    EMAIL {
        @Override
        public String mask(String value) {
            int at = value.indexOf('@');
            if (at <= 0) {
                return stars(value.length());
            }
            return value.charAt(0) + stars(at - 1) + value.substring(at);
        }
    },
    /** ID and passport numbers: first and last two characters. */
    ID_NUMBER {
        @Override
        public String mask(String value) {
            if (value.length() <= 4) {
                return stars(value.length());
            }
            return value.substring(0, 2) + stars(value.length() - 4) + value.substring(value.length() - 2);
        }
    },
    /** 张伟 -> 张*, Wei Zhang -> W*** Z****: the first character of each word. */
    PERSON_NAME {
        @Override
        public String mask(String value) {
            StringBuilder masked = new StringBuilder(value.length());
            boolean wordStart = true;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                boolean space = Character.isWhitespace(c);
                masked.append(space || wordStart ? c : '*');
                wordStart = space;
            }
            return masked.toString();
        }
    },
    /** Street addresses: only the first part, up to six characters. */
    ADDRESS {
        @Override
        public String mask(String value) {
            int keep = Math.min(6, value.length() / 2);
            return value.substring(0, keep) + stars(Math.max(3, value.length() - keep));
        }
    };

    public abstract String mask(String value);

    static String stars(int count) {
        return "*".repeat(Math.max(0, count));
    }
}
