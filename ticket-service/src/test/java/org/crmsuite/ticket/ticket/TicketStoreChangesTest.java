package org.crmsuite.ticket.ticket;

import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/** What a save writes: only what changed since the ticket was read, appended lists by $push. */
class TicketStoreChangesTest {

    static Document stored() {
        return new Document("subject", "发票金额不对").append("version", 3L).append("status", "IN_PROGRESS")
                .append("comments", List.of(new Document("id", "c1").append("body", "第一条")))
                .append("history", List.of(new Document("field", "status"), new Document("field", "assignee")))
                .append("articleIds", List.of("a1", "a2"));
    }

    @Test
    void aCommentPushesTheNewCommentAndHistoryEntryAndSetsOnlyWhatChanged() {
        Document now = stored();
        now.put("version", 4L);
        now.put("comments", List.of(new Document("id", "c1").append("body", "第一条"), new Document("id", "c2").append("body", "第二条")));
        now.put("history", List.of(new Document("field", "status"), new Document("field", "assignee"), new Document("field", "publicComment")));
        now.put("firstRespondedAt", "2026-11-30T03:00:00Z");

        Document update = TicketStore.changes(stored(), now).getUpdateObject();

        assertThat(update.get("$set", Document.class)).containsOnlyKeys("version", "firstRespondedAt");
        Document push = update.get("$push", Document.class);
        assertThat(push).containsOnlyKeys("comments", "history");
        assertThat(pushed(push, "comments")).extracting(d -> ((Document) d).get("id")).containsExactly("c2");
        assertThat(pushed(push, "history")).extracting(d -> ((Document) d).get("field")).containsExactly("publicComment");
    }

    /** The elements of a {@code $push: {field: {$each: [...]}}}. */
    static List<Object> pushed(Document push, String field) {
        Update.Modifier each = ((Update.Modifiers) push.get(field)).getModifiers().iterator().next();
        assertThat(each.getKey()).isEqualTo("$each");
        return List.of((Object[]) each.getValue());
    }

    @Test
    void aListThatChangedOtherwiseThanByAppendingIsSetWhole() {
        Document now = stored();
        now.put("articleIds", List.of("a2", "a3"));
        now.put("version", 4L);

        Update update = TicketStore.changes(stored(), now);

        assertThat(update.getUpdateObject().get("$set", Document.class)).containsOnlyKeys("articleIds", "version")
                .containsEntry("articleIds", List.of("a2", "a3"));
        assertThat(update.getUpdateObject()).doesNotContainKey("$push");
    }

    @Test
    void withoutTheStoredFormEveryFieldIsSet() {
        Document update = TicketStore.changes(null, stored()).getUpdateObject();

        assertThat(update.get("$set", Document.class)).containsOnlyKeys("subject", "version", "status", "comments", "history", "articleIds");
        assertThat(update).doesNotContainKey("$push");
    }
}
