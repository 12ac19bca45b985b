package org.crmsuite.ticket.knowledge;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.web.CrmProblemException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/** Writing, publishing and finding articles. Staff write; everyone signed in reads published public articles. */
@Service
public class Articles {

    static final String COLLECTION = "kb_articles";
    /** Search ranks at most this many matches in memory; more specific words narrow a query. */
    static final int MAX_CANDIDATES = 500;
    static final String[] AUTHORS = {Roles.SERVICE_AGENT, Roles.SERVICE_MANAGER, Roles.CRM_ADMIN};

    private final MongoTemplate mongo;
    private final Clock clock;

    Articles(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        mongo.indexOps(COLLECTION).createIndex(new Index("searchTerms", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index("category", Sort.Direction.ASC).on("status", Sort.Direction.ASC));
    }

    public record Draft(String title, String body, String category, List<String> tags, Article.ArticleStatus status, Article.Audience audience) {
    }

    public Article create(Draft draft, CurrentUser user) {
        requireAuthor(user);
        var now = clock.instant();
        Article article = new Article(UUID.randomUUID().toString(), draft.title(), draft.body(), draft.category(), tags(draft),
                draft.status() == null ? Article.ArticleStatus.DRAFT : draft.status(),
                draft.audience() == null ? Article.Audience.INTERNAL : draft.audience(),
                Article.termsOf(draft.title(), draft.body(), draft.category(), draft.tags()), 0, now, user.id(), now, user.id());
        return mongo.insert(article, COLLECTION);
    }

    public Article update(String id, long expectedVersion, Draft draft, CurrentUser user) {
        requireAuthor(user);
        Article current = get(id, user);
        if (current.version() != expectedVersion) {
            throw CrmProblemException.staleVersion("article", id, expectedVersion, current.version());
        }
        String title = draft.title() != null ? draft.title() : current.title();
        String body = draft.body() != null ? draft.body() : current.body();
        String category = draft.category() != null ? draft.category() : current.category();
        List<String> tags = draft.tags() != null ? tags(draft) : current.tags();
        Article updated = new Article(id, title, body, category, tags, draft.status() != null ? draft.status() : current.status(),
                draft.audience() != null ? draft.audience() : current.audience(), Article.termsOf(title, body, category, tags),
                current.version() + 1, current.createdAt(), current.createdBy(), clock.instant(), user.id());
        var result = mongo.replace(Query.query(Criteria.where("_id").is(id).and("version").is(expectedVersion)), updated, COLLECTION);
        if (result.getMatchedCount() != 1) {
            throw CrmProblemException.staleVersion("article", id, expectedVersion, get(id, user).version());
        }
        return updated;
    }

    public Article get(String id, CurrentUser user) {
        Article article = mongo.findById(id, Article.class, COLLECTION);
        if (article == null || !visible(article, user)) {
            throw CrmProblemException.notFound("article", id);
        }
        return article;
    }

    /** Articles holding every term of the query, best first: title matches count twice, then the most recent. */
    public List<Article> search(String text, String category, CurrentUser user, int limit) {
        List<Criteria> all = new ArrayList<>();
        Set<String> terms = SearchTerms.query(text);
        if (!terms.isEmpty()) {
            all.add(Criteria.where("searchTerms").all(terms));
        }
        if (category != null && !category.isBlank()) {
            all.add(new Criteria().orOperator(Criteria.where("category").is(category),
                    Criteria.where("category").regex("^" + java.util.regex.Pattern.quote(category) + "/")));
        }
        if (!isStaff(user)) {
            all.add(Criteria.where("status").is(Article.ArticleStatus.PUBLISHED).and("audience").is(Article.Audience.PUBLIC));
        } else {
            all.add(Criteria.where("status").ne(Article.ArticleStatus.ARCHIVED));
        }
        Query query = Query.query(new Criteria().andOperator(all.toArray(Criteria[]::new))).limit(MAX_CANDIDATES);
        List<Article> found = mongo.find(query, Article.class, COLLECTION);
        return found.stream()
                .sorted(Comparator.comparingInt((Article a) -> -score(a, terms)).thenComparing(Article::updatedAt, Comparator.reverseOrder()))
                .limit(limit).toList();
    }

    public List<String> categories(CurrentUser user) {
        Query published = isStaff(user) ? new Query() : Query.query(Criteria.where("status").is(Article.ArticleStatus.PUBLISHED)
                .and("audience").is(Article.Audience.PUBLIC));
        return mongo.findDistinct(published, "category", COLLECTION, String.class).stream().sorted().toList();
    }

    private static int score(Article a, Set<String> terms) {
        Set<String> inTitle = SearchTerms.index(a.title());
        return (int) terms.stream().filter(inTitle::contains).count() * 2 + terms.size();
    }

    private static List<String> tags(Draft draft) {
        return draft.tags() == null ? List.of() : draft.tags().stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
    }

    static boolean isStaff(CurrentUser user) {
        return user.hasAnyRole(AUTHORS);
    }

    private static boolean visible(Article a, CurrentUser user) {
        return isStaff(user) || (a.status() == Article.ArticleStatus.PUBLISHED && a.audience() == Article.Audience.PUBLIC);
    }

    private static void requireAuthor(CurrentUser user) {
        if (!isStaff(user)) {
            throw new AccessDeniedException(user.id() + " may not write knowledge-base articles");
        }
    }
}
