package org.crmsuite.ticket.knowledge;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.crmsuite.platform.web.ProblemType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Under /api/v1/tickets/ so the gateway's existing ticket route serves it. */
@RestController
@RequestMapping("/api/v1/tickets/knowledge")
@Tag(name = "Knowledge base", description = "FAQ and how-to articles, searchable in Chinese and Latin text, linkable from tickets")
class ArticleResource {

    private final Articles articles;

    ArticleResource(Articles articles) {
        this.articles = articles;
    }

    @PostMapping("/articles")
    @Operation(summary = "Write an article", description = "Service staff only; a new article is a DRAFT unless published at once.")
    ResponseEntity<ArticleView> create(@Valid @RequestBody WriteArticle request) {
        Article article = articles.create(request.toDraft(), CurrentUser.current());
        return ResponseEntity.created(URI.create("/api/v1/tickets/knowledge/articles/" + article.id()))
                .eTag(Long.toString(article.version())).body(ArticleView.of(article));
    }

    @GetMapping("/articles/{id}")
    @Operation(summary = "One article")
    ResponseEntity<ArticleView> get(@PathVariable String id) {
        Article article = articles.get(id, CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(article.version())).body(ArticleView.of(article));
    }

    @PatchMapping("/articles/{id}")
    @Operation(summary = "Edit or publish an article", description = "Needs If-Match with the version read.")
    ResponseEntity<ArticleView> update(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                       @Valid @RequestBody WriteArticle request) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new CrmProblemException(ProblemType.VERSION_REQUIRED, "send the version you edited as If-Match",
                    List.of(new FieldViolation("If-Match", "required")), java.util.Map.of());
        }
        long version;
        try {
            version = Long.parseLong(ifMatch.replace("W/", "").replace("\"", "").strip());
        } catch (NumberFormatException e) {
            throw CrmProblemException.invalid("If-Match", "must be the article's ETag, for example \"3\"");
        }
        Article article = articles.update(id, version, request.toDraft(), CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(article.version())).body(ArticleView.of(article));
    }

    @GetMapping("/articles")
    @Operation(summary = "Search articles", description = "Every word of q must occur (Chinese is matched by character pairs); best title matches first.")
    List<ArticleSummary> search(@Parameter(example = "发票 重开") @RequestParam(required = false) @Size(max = 200) String q,
                                @RequestParam(required = false) String category,
                                @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return articles.search(q, category, CurrentUser.current(), limit).stream().map(ArticleSummary::of).toList();
    }

    @GetMapping("/categories")
    @Operation(summary = "The categories in use")
    List<String> categories() {
        return articles.categories(CurrentUser.current());
    }

    @Schema(description = "An article to write, or the fields to change")
    record WriteArticle(@Schema(example = "如何重新开具发票") @Size(min = 1, max = 200) String title,
                        @Schema(example = "1. 在财务系统中作废原发票……") @Size(max = 50_000) String body,
                        @Schema(example = "billing/invoice") @Size(max = 100) String category,
                        @Schema(example = "[\"发票\", \"invoice\"]") @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
                        Article.ArticleStatus status, Article.Audience audience) {
        Articles.Draft toDraft() {
            return new Articles.Draft(title, body, category, tags, status, audience);
        }
    }

    record ArticleView(String id, String title, String body, String category, List<String> tags, Article.ArticleStatus status,
                       Article.Audience audience, long version, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
        static ArticleView of(Article a) {
            return new ArticleView(a.id(), a.title(), a.body(), a.category(), a.tags(), a.status(), a.audience(), a.version(),
                    a.createdAt(), a.createdBy(), a.updatedAt(), a.updatedBy());
        }
    }

    record ArticleSummary(String id, String title, String category, List<String> tags, Article.ArticleStatus status, Instant updatedAt) {
        static ArticleSummary of(Article a) {
            return new ArticleSummary(a.id(), a.title(), a.category(), a.tags(), a.status(), a.updatedAt());
        }
    }
}
