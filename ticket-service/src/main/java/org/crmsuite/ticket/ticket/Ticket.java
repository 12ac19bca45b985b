package org.crmsuite.ticket.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.crmsuite.platform.web.ProblemType;
import org.crmsuite.ticket.events.TicketSatisfactionRated;
import org.crmsuite.ticket.satisfaction.FollowUpTask;
import org.crmsuite.ticket.satisfaction.Satisfaction;
import org.crmsuite.ticket.satisfaction.Survey;
import org.crmsuite.ticket.sla.SlaClock;
import org.crmsuite.ticket.events.TicketAssigned;
import org.crmsuite.ticket.events.TicketClosed;
import org.crmsuite.ticket.events.TicketCommented;
import org.crmsuite.ticket.events.TicketEvent;
import org.crmsuite.ticket.events.TicketOpened;
import org.crmsuite.ticket.events.TicketReopened;
import org.crmsuite.ticket.events.TicketResolved;
import org.crmsuite.ticket.events.TicketStatusChanged;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The ticket aggregate, stored as one MongoDB document with its comments, attachment metadata and full history
 * (so one single-document write changes it atomically together with its pending events). Every command checks its
 * rule, records the history, bumps the version and returns the events it caused; the store writes both at once.
 */
@Document(TicketStore.COLLECTION)
public class Ticket {

    /** A ticket is not a chat log: past this many comments, work continues in a follow-up ticket. */
    public static final int MAX_COMMENTS = 1_000;
    public static final int MAX_ATTACHMENTS = 100;

    @Id
    private String id;
    private String number;
    private String customerId;
    /** The customer's value tier when the ticket was opened (from customer-service or the local snapshot); drives the SLA. */
    private String customerTier;
    /** Customers this ticket was moved away from by merges, so an undone merge can move it back. */
    private List<String> mergedFromCustomerIds = new ArrayList<>();
    private String customerName;
    private String contactId;
    private Channel channel;
    private TicketType type;
    private String category;
    private Priority priority;
    private String subject;
    private String description;
    private TicketStatus status;
    private String queue;
    private String department;
    private String assignee;
    private String resolution;
    private int reopenCount;
    private List<Comment> comments = new ArrayList<>();
    private List<Attachment> attachments = new ArrayList<>();
    private List<Change> history = new ArrayList<>();
    /** Knowledge-base articles that helped (or were sent to the customer). */
    private List<String> articleIds = new ArrayList<>();
    private SlaClock sla;
    private Survey survey;
    private Satisfaction satisfaction;
    private FollowUpTask followUpTask;
    /**
     * The SLA alerts raised in the current cycle ({@link org.crmsuite.ticket.sla.SlaAlert} names). Only the scheduler adds
     * to it, by a conditional update that succeeds once; ordinary saves never write it, except a reopening, which
     * starts a new resolution cycle and forgets that cycle's resolution alerts.
     */
    private List<String> slaAlerts = new ArrayList<>();
    @org.springframework.data.annotation.Transient
    private transient boolean slaAlertsReset;
    /** The stored form this ticket was read from (TicketStore): a save writes only what changed since. */
    @org.springframework.data.annotation.Transient
    private transient org.bson.Document stored;
    private long version;
    private Instant createdAt;
    private String createdBy;
    private Instant updatedAt;
    private String updatedBy;
    private Instant firstRespondedAt;
    private Instant resolvedAt;
    private Instant closedAt;

    @PersistenceCreator
    Ticket() {
    }

    /** What an agent or an integration gives when a ticket is opened. */
    public record Draft(String customerId, String contactId, Channel channel, TicketType type, String category,
                        Priority priority, String subject, String description) {
    }

    public static Opened open(String number, Draft draft, CustomerContext customer, String queue, String department, SlaClock sla, Actor by) {
        Ticket t = new Ticket();
        t.id = UUID.randomUUID().toString();
        t.number = Objects.requireNonNull(number);
        t.customerId = draft.customerId();
        t.customerTier = customer == null ? null : customer.tier();
        t.customerName = customer == null ? null : customer.name();
        t.contactId = draft.contactId();
        t.channel = draft.channel();
        t.type = draft.type();
        t.category = draft.category();
        t.priority = draft.priority();
        t.subject = draft.subject();
        t.description = draft.description();
        t.status = TicketStatus.NEW;
        t.queue = queue;
        t.department = department;
        t.sla = sla;
        t.createdAt = by.at();
        t.createdBy = by.id();
        t.updatedAt = by.at();
        t.updatedBy = by.id();
        t.history.add(new Change(by.at(), by.id(), "status", null, TicketStatus.NEW.name()));
        TicketOpened opened = new TicketOpened(t.id, t.number, t.customerId, t.contactId, t.channel.name(), t.type.name(),
                t.category, t.priority.name(), t.subject, t.status.name(), t.queue, t.department, t.assignee, by.id(), by.at(),
                sla == null ? null : sla.firstResponseDueAt(), sla == null ? null : sla.resolutionDueAt());
        return new Opened(t, List.of(opened));
    }

    /** What the ticket remembers about its customer at opening. */
    public record CustomerContext(String name, String tier) {
    }

    public record Opened(Ticket ticket, List<TicketEvent> events) {
    }

    /** Puts the ticket in a queue and/or on someone's desk; a new ticket becomes assigned once it has an assignee. */
    public List<TicketEvent> assign(String newQueue, String newDepartment, String newAssignee, Actor by) {
        requireOpen("assignee");
        if (Objects.equals(newQueue, queue) && Objects.equals(newAssignee, assignee)) {
            return List.of();
        }
        String previousQueue = queue;
        String previousAssignee = assignee;
        record(by, "queue", queue, newQueue);
        record(by, "assignee", assignee, newAssignee);
        queue = newQueue;
        department = newDepartment;
        assignee = newAssignee;
        List<TicketEvent> events = new ArrayList<>();
        events.add(new TicketAssigned(id, number, customerId, queue, assignee, previousQueue, previousAssignee, by.id(), by.at()));
        if (status == TicketStatus.NEW && assignee != null) {
            events.addAll(moveTo(TicketStatus.ASSIGNED, null, by));
        }
        touch(by);
        return events;
    }

    /** An explicit status change; refused with the from, the to and what is allowed when the flow does not allow it. */
    public List<TicketEvent> changeStatus(TicketStatus target, String reason, Actor by) {
        if (!status.canMoveTo(target)) {
            throw illegalMove(status, target);
        }
        if (target == TicketStatus.ASSIGNED && assignee == null) {
            throw CrmProblemException.ruleViolated("a ticket becomes assigned by assigning someone to it",
                    List.of(new FieldViolation("assignee", "required to move to ASSIGNED")));
        }
        if (target == TicketStatus.RESOLVED && (reason == null || reason.isBlank())) {
            throw CrmProblemException.ruleViolated("say how the ticket was resolved",
                    List.of(new FieldViolation("reason", "required to resolve a ticket: the resolution")));
        }
        List<TicketEvent> events = moveTo(target, reason, by);
        touch(by);
        return events;
    }

    static CrmProblemException illegalMove(TicketStatus from, TicketStatus to) {
        String allowed = from.next().isEmpty() ? "none, " + from + " is final" : from.next().toString();
        return new CrmProblemException(ProblemType.BUSINESS_RULE_VIOLATED,
                "a ticket cannot move from " + from + " to " + to + "; allowed from " + from + ": " + allowed,
                List.of(new FieldViolation("status", "cannot move from " + from + " to " + to)),
                Map.of("from", from.name(), "to", to.name(), "allowed", from.next().stream().map(Enum::name).sorted().toList()));
    }

    private List<TicketEvent> moveTo(TicketStatus target, String reason, Actor by) {
        TicketStatus from = status;
        record(by, "status", from.name(), target.name());
        status = target;
        List<TicketEvent> events = new ArrayList<>();
        events.add(new TicketStatusChanged(id, number, customerId, from.name(), target.name(), reason, by.id(), by.at()));
        switch (target) {
            case RESOLVED -> {
                resolution = reason;
                resolvedAt = by.at();
                record(by, "resolution", null, reason);
                events.add(new TicketResolved(id, number, customerId, type.name(), priority.name(), queue, assignee, reason,
                        by.id(), createdAt, firstRespondedAt, resolvedAt, sla != null && sla.resolutionDueAt() != null && resolvedAt.isAfter(sla.resolutionDueAt())));
            }
            case CLOSED -> {
                closedAt = by.at();
                events.add(new TicketClosed(id, number, customerId, by.id(), closedAt));
            }
            case REOPENED -> {
                reopenCount++;
                slaAlerts.removeIf(alert -> alert.startsWith("RESOLUTION_"));
                slaAlertsReset = true;
                resolvedAt = null;
                events.add(new TicketReopened(id, number, customerId, reason, by.id(), by.at(), reopenCount));
            }
            default -> {
            }
        }
        return events;
    }

    /** Adds a comment; the first public comment by someone other than the opener is the first response (SLA). */
    public List<TicketEvent> comment(String body, boolean internal, Actor by) {
        if (status == TicketStatus.CLOSED) {
            throw CrmProblemException.ruleViolated("ticket " + number + " is closed; open a follow-up ticket",
                    List.of(new FieldViolation("status", "CLOSED tickets take no comments")));
        }
        if (body == null || body.isBlank() || body.length() > Comment.MAX_LENGTH) {
            throw CrmProblemException.invalid("body", "must be 1 to " + Comment.MAX_LENGTH + " characters");
        }
        if (comments.size() >= MAX_COMMENTS) {
            throw CrmProblemException.ruleViolated("ticket " + number + " has " + MAX_COMMENTS + " comments; open a follow-up ticket",
                    List.of(new FieldViolation("comments", "at most " + MAX_COMMENTS + " per ticket")));
        }
        Comment comment = new Comment(UUID.randomUUID().toString(), body, internal, by.id(), by.at());
        comments.add(comment);
        record(by, internal ? "internalComment" : "publicComment", null, comment.id());
        if (!internal && firstRespondedAt == null) {
            firstRespondedAt = by.at();
        }
        touch(by);
        return internal ? List.of() : List.of(new TicketCommented(id, number, customerId, comment.id(), by.id(), body, by.at()));
    }

    public Attachment attach(String fileName, String contentType, long sizeBytes, String storageUri, String sha256, Actor by) {
        requireOpen("attachments");
        if (sizeBytes > Attachment.MAX_BYTES) {
            throw CrmProblemException.ruleViolated("attachments are limited to " + Attachment.MAX_BYTES / (1024 * 1024) + " MB",
                    List.of(new FieldViolation("sizeBytes", "at most " + Attachment.MAX_BYTES)));
        }
        if (attachments.size() >= MAX_ATTACHMENTS) {
            throw CrmProblemException.ruleViolated("ticket " + number + " already has " + MAX_ATTACHMENTS + " attachments",
                    List.of(new FieldViolation("attachments", "at most " + MAX_ATTACHMENTS + " per ticket")));
        }
        Attachment attachment = new Attachment(UUID.randomUUID().toString(), fileName, contentType, sizeBytes, storageUri, sha256,
                by.id(), by.at());
        attachments.add(attachment);
        record(by, "attachment", null, fileName);
        touch(by);
        return attachment;
    }

    /** Edits the descriptive fields; a change of priority changes the SLA targets (the caller passes the new clock). */
    public List<TicketEvent> edit(TicketType newType, String newCategory, Priority newPriority, String newSubject,
                                  String newDescription, Actor by) {
        requireOpen("status");
        if (newType != null) {
            record(by, "type", type.name(), newType.name());
            type = newType;
        }
        if (newCategory != null) {
            record(by, "category", category, newCategory);
            category = newCategory;
        }
        if (newPriority != null) {
            record(by, "priority", priority.name(), newPriority.name());
            priority = newPriority;
        }
        if (newSubject != null) {
            record(by, "subject", subject, newSubject);
            subject = newSubject;
        }
        if (newDescription != null) {
            record(by, "description", description == null ? null : "(" + description.length() + " characters)",
                    "(" + newDescription.length() + " characters)");
            description = newDescription;
        }
        touch(by);
        return List.of();
    }

    /** Sends a (new) survey link with this resolution; an unanswered older link stops working. */
    public void issueSurvey(String tokenHash, Instant expiresAt, Actor by) {
        if (status != TicketStatus.RESOLVED && status != TicketStatus.CLOSED) {
            throw CrmProblemException.ruleViolated("ticket " + number + " is not resolved; the survey comes with the resolution",
                    List.of(new FieldViolation("status", "must be RESOLVED or CLOSED")));
        }
        if (satisfaction != null && resolvedAt != null && !satisfaction.ratedAt().isBefore(resolvedAt)) {
            throw CrmProblemException.conflict("the customer already rated ticket " + number);
        }
        survey = new Survey(tokenHash, by.at(), expiresAt, null);
        record(by, "survey", null, "issued, valid until " + expiresAt);
        touch(by);
    }

    /**
     * The customer's answer through the one-time link. A complaint rated 1 or 2 opens a call-back task for the
     * queue's manager.
     */
    public List<TicketEvent> rate(int csat, Integer nps, String comment, String queueManager, Instant followUpDue, Instant at) {
        if (survey == null) {
            throw new CrmProblemException(ProblemType.GONE, "this survey link is no longer valid");
        }
        if (survey.usedAt() != null) {
            throw CrmProblemException.conflict("this survey link was already used at " + survey.usedAt() + "; thank you for your answer");
        }
        if (!at.isBefore(survey.expiresAt())) {
            throw new CrmProblemException(ProblemType.GONE, "this survey link expired at " + survey.expiresAt());
        }
        Actor customer = new Actor("customer:" + customerId, at);
        satisfaction = new Satisfaction(csat, nps, comment, at);
        survey = survey.used(at);
        record(customer, "satisfaction", null, "CSAT " + csat + (nps == null ? "" : ", NPS " + nps));
        String followUpAssignee = null;
        if (type == TicketType.COMPLAINT && csat <= 2) {
            followUpTask = FollowUpTask.open("CALL_BACK", queueManager, "complaint rated " + csat + " of 5", at, followUpDue);
            followUpAssignee = queueManager;
            record(customer, "followUpTask", null, "CALL_BACK for " + queueManager);
        }
        touch(customer);
        return List.of(new TicketSatisfactionRated(id, number, customerId, type.name(), queue, assignee, csat, nps,
                comment != null && !comment.isBlank(), followUpAssignee, at));
    }

    /** The manager called the customer back: the follow-up task is done, with what came of it. Allowed on closed tickets too. */
    public void completeFollowUp(String outcome, Actor by) {
        if (followUpTask == null) {
            throw CrmProblemException.notFound("follow-up task of ticket", number);
        }
        if (followUpTask.status() == FollowUpTask.Status.DONE) {
            throw CrmProblemException.conflict("the follow-up task of ticket " + number + " was completed at "
                    + followUpTask.completedAt() + " by " + followUpTask.completedBy());
        }
        if (outcome == null || outcome.isBlank() || outcome.length() > Comment.MAX_LENGTH) {
            throw CrmProblemException.invalid("outcome", "must be 1 to " + Comment.MAX_LENGTH + " characters");
        }
        followUpTask = followUpTask.completed(by.id(), outcome, by.at());
        record(by, "followUpTask", "OPEN", "DONE");
        touch(by);
    }

    public boolean linkArticle(String articleId, Actor by) {
        if (articleIds.contains(articleId)) {
            return false;
        }
        if (articleIds.size() >= 50) {
            throw CrmProblemException.ruleViolated("ticket " + number + " links 50 articles already",
                    List.of(new FieldViolation("articleId", "at most 50 articles per ticket")));
        }
        articleIds.add(articleId);
        record(by, "article", null, articleId);
        touch(by);
        return true;
    }

    /** The customer was merged into another: the ticket follows the surviving record. */
    public boolean repointCustomer(String from, String to, Actor by) {
        if (!from.equals(customerId)) {
            return false;
        }
        record(by, "customerId", from, to);
        customerId = to;
        mergedFromCustomerIds.add(from);
        touch(by);
        return true;
    }

    /** The merge was undone: a ticket moved from {@code loser} to {@code survivor} goes back; others stay. */
    public boolean undoRepoint(String loser, String survivor, Actor by) {
        if (!survivor.equals(customerId) || !mergedFromCustomerIds.contains(loser)) {
            return false;
        }
        record(by, "customerId", survivor, loser);
        customerId = loser;
        mergedFromCustomerIds.remove(loser);
        touch(by);
        return true;
    }

    public void replaceSla(SlaClock newSla) {
        sla = newSla;
    }

    private void requireOpen(String field) {
        if (status == TicketStatus.CLOSED) {
            throw CrmProblemException.ruleViolated("ticket " + number + " is closed",
                    List.of(new FieldViolation(field, "CLOSED tickets cannot change")));
        }
    }

    private void record(Actor by, String field, String from, String to) {
        if (!Objects.equals(from, to)) {
            history.add(new Change(by.at(), by.id(), field, from, to));
        }
    }

    private void touch(Actor by) {
        version++;
        updatedAt = by.at();
        updatedBy = by.id();
    }

    public String id() { return id; }
    public String number() { return number; }
    public String customerId() { return customerId; }
    public String customerTier() { return customerTier; }
    public String customerName() { return customerName; }
    public String contactId() { return contactId; }
    public Channel channel() { return channel; }
    public TicketType type() { return type; }
    public String category() { return category; }
    public Priority priority() { return priority; }
    public String subject() { return subject; }
    public String description() { return description; }
    public TicketStatus status() { return status; }
    public String queue() { return queue; }
    public String department() { return department; }
    public String assignee() { return assignee; }
    public String resolution() { return resolution; }
    public int reopenCount() { return reopenCount; }
    public List<Comment> comments() { return List.copyOf(comments); }
    public List<Attachment> attachments() { return List.copyOf(attachments); }
    public List<Change> history() { return List.copyOf(history); }
    public List<String> articleIds() { return List.copyOf(articleIds); }
    public SlaClock sla() { return sla; }
    public Survey survey() { return survey; }
    public Satisfaction satisfaction() { return satisfaction; }
    public FollowUpTask followUpTask() { return followUpTask; }
    public List<String> slaAlerts() { return List.copyOf(slaAlerts); }
    boolean slaAlertsReset() { return slaAlertsReset; }
    org.bson.Document stored() { return stored; }
    void stored(org.bson.Document document) { this.stored = document; }
    public long version() { return version; }
    public Instant createdAt() { return createdAt; }
    public String createdBy() { return createdBy; }
    public Instant updatedAt() { return updatedAt; }
    public String updatedBy() { return updatedBy; }
    public Instant firstRespondedAt() { return firstRespondedAt; }
    public Instant resolvedAt() { return resolvedAt; }
    public Instant closedAt() { return closedAt; }
}
