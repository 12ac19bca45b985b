package org.crmsuite.customer.customer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Blocking keys of a company name: two names that differ by at most one character (a typo, a missing or extra
 * character), by their legal form, or by a leading region (杭州云栖科技 / 云栖科技) share at least one key. The keys are
 * indexed in {@code customer_match_key} (a btree on a 64-bit hash), so finding the candidates of a whole import batch
 * is one equality join instead of a trigram search per row; the candidates are then scored in Java by
 * {@code DuplicateScoring} as before.
 * <p>
 * The keys of a name are its compact form (normalised by {@link CompanyNames#normalise}, spaces removed) and every
 * string made from it by deleting one character (a "deletion neighbourhood": a substitution at position i gives both
 * names the same string with i deleted; an insertion gives one name equal to a deletion of the other), and the core
 * name (the compact form without a leading province or city name). Deletions that would leave fewer than
 * {@value #MIN_LENGTH} characters are not keys: at a million names a three-character string is shared by hundreds of
 * them (measured), and a typo in a four-character Chinese name leaves it only 60 % similar, under what name alone
 * reports as a duplicate anyway (its phone, domain or USCC still find it).
 */
public final class MatchKeys {

    static final int MIN_LENGTH = 4;
    /** Deletion variants are made of the first this many characters only (long names keep a bounded key count). */
    static final int MAX_LENGTH = 40;

    /** Provinces and larger cities, longest first; a name starting with one (optionally with 省/市) has a core without it. */
    static final List<String> REGIONS = List.of("内蒙古自治区", "广西壮族自治区", "宁夏回族自治区", "新疆维吾尔自治区", "西藏自治区",
            "黑龙江", "内蒙古", "哈尔滨", "石家庄", "呼和浩特", "乌鲁木齐", "连云港", "张家港", "马鞍山",
            "北京", "上海", "天津", "重庆", "河北", "山西", "辽宁", "吉林", "江苏", "浙江", "安徽", "福建", "江西", "山东",
            "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "香港", "澳门",
            "广西", "西藏", "宁夏", "新疆", "杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州",
            "丽水", "南京", "苏州", "无锡", "常州", "南通", "扬州", "镇江", "徐州", "盐城", "泰州", "淮安", "宿迁", "深圳",
            "广州", "东莞", "佛山", "珠海", "中山", "惠州", "江门", "汕头", "成都", "武汉", "西安", "长沙", "合肥", "厦门",
            "福州", "泉州", "青岛", "济南", "烟台", "潍坊", "郑州", "洛阳", "昆明", "贵阳", "南宁", "南昌", "太原", "沈阳",
            "大连", "长春", "兰州", "西宁", "银川", "海口", "三亚", "拉萨", "保定", "唐山", "廊坊", "芜湖");

    /** The key strings of a normalised name (tests and diagnostics; the index stores {@link #of}). */
    public static Set<String> keyStrings(String nameNormalised) {
        return keyStrings(nameNormalised, true);
    }

    /**
     * @param searchOnly also the keys that only search looks up: the three-character deletions of a four-character
     *                   name (shared by up to a few hundred names at a million: fine for one search, too many for the
     *                   duplicate check of a 500-row batch, where a typo in a four-character name is under the
     *                   reporting threshold anyway)
     */
    static Set<String> keyStrings(String nameNormalised, boolean searchOnly) {
        Set<String> keys = new LinkedHashSet<>();
        if (nameNormalised == null) {
            return keys;
        }
        String compact = nameNormalised.replaceAll("\\s+", "");
        if (compact.isEmpty()) {
            return keys;
        }
        int length = compact.codePointCount(0, compact.length());
        addWithDeletions(keys, compact, searchOnly && length == MIN_LENGTH ? MIN_LENGTH - 1 : MIN_LENGTH);
        keys.add(core(compact));
        if (length >= 7) {
            // a typo in a legal form leaves its first characters behind (杭州云栖科技股份有限公司 -> ...科技股x有限公司)
            int[] points = compact.codePoints().toArray();
            keys.add(new String(points, 0, length - 2));
        }
        String[] words = nameNormalised.strip().split("\\s+");
        if (words.length >= 3) {
            // the same for Latin names: "acme software co ltx" keeps "acme software"
            keys.add(words[0] + words[1]);
        }
        return keys;
    }

    /** The 64-bit keys stored in {@code customer_match_key}, and looked up by search. */
    public static long[] of(String nameNormalised) {
        return hashes(keyStrings(nameNormalised, true));
    }

    /** The keys the duplicate check looks up (without the search-only ones). */
    public static long[] forDuplicates(String nameNormalised) {
        return hashes(keyStrings(nameNormalised, false));
    }

    private static long[] hashes(Set<String> keys) {
        return keys.stream().mapToLong(MatchKeys::hash).distinct().toArray();
    }

    /** The compact name without a leading region name (and its 省/市), or the compact name when none or nothing is left. */
    static String core(String compact) {
        for (String region : REGIONS) {
            if (compact.startsWith(region)) {
                String rest = compact.substring(region.length());
                if (rest.startsWith("省") || rest.startsWith("市")) {
                    rest = rest.substring(1);
                }
                return rest.codePointCount(0, rest.length()) >= 2 ? rest : compact;
            }
        }
        return compact;
    }

    private static void addWithDeletions(Set<String> keys, String text, int minLength) {
        int[] points = text.codePoints().toArray();
        keys.add(text);
        int length = Math.min(points.length, MAX_LENGTH);
        if (points.length - 1 < minLength) {
            return;
        }
        for (int i = 0; i < length; i++) {
            StringBuilder variant = new StringBuilder(text.length());
            for (int j = 0; j < length; j++) {
                if (j != i) {
                    variant.appendCodePoint(points[j]);
                }
            }
            keys.add(variant.toString());
        }
        if (points.length > MAX_LENGTH) {
            keys.add(new String(points, 0, MAX_LENGTH));
        }
    }

    /** 64-bit FNV-1a of the UTF-8 bytes: a collision only adds a candidate that scoring then drops. */
    static long hash(String key) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private MatchKeys() {
    }
}
