package org.crmsuite.platform.security;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordAccessTest {

    private final RecordAccess access = RecordAccess.seeingAll(Roles.DATA_STEWARD);

    @Test
    void ownersTeamsAndDepartmentsSeeTheirRecords() {
        CurrentUser rep = user("rep", Set.of(Roles.SALES_REP), Set.of("/sales/east"));
        CurrentUser manager = user("boss", Set.of(Roles.SALES_MANAGER), Set.of("/sales"));
        CurrentUser west = user("rep.west", Set.of(Roles.SALES_REP), Set.of("/sales/west"));

        assertThat(access.canSee(rep, "rep", null)).isTrue();
        assertThat(access.canSee(rep, "colleague", "/sales/east")).isTrue();
        assertThat(access.canSee(manager, "rep", "/sales/east")).isTrue();
        assertThat(access.canSee(west, "rep", "/sales/east")).isFalse();
        // a group is a path, not a prefix of letters
        assertThat(access.canSee(user("x", Set.of(), Set.of("/sales/ea")), "rep", "/sales/east")).isFalse();
    }

    @Test
    void stewardsAndAdminsSeeAll() {
        assertThat(access.canSee(user("s", Set.of(Roles.DATA_STEWARD), Set.of()), "rep", "/sales/east")).isTrue();
        assertThat(access.canSee(user("a", Set.of(Roles.CRM_ADMIN), Set.of()), "rep", "/sales/east")).isTrue();
        assertThat(access.canSee(user("n", Set.of(Roles.ANALYST), Set.of("/analytics")), "rep", "/sales/east")).isFalse();
    }

    private static CurrentUser user(String id, Set<String> roles, Set<String> groups) {
        return new CurrentUser(id, id, null, null, roles, groups);
    }
}
