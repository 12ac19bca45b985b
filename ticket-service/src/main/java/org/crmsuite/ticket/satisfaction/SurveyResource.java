package org.crmsuite.ticket.satisfaction;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The customer's side of the survey: no login, the one-time token in the link is the only credential. */
@RestController
@RequestMapping("/api/v1/tickets/surveys/{token}")
@Tag(name = "Satisfaction", description = "One-time satisfaction survey links sent on resolution (public, no token)")
class SurveyResource {

    private final Surveys surveys;

    SurveyResource(Surveys surveys) {
        this.surveys = surveys;
    }

    @GetMapping
    @Operation(summary = "What the survey is about", description = "404 for an unknown link.")
    Surveys.SurveyPage show(@PathVariable String token) {
        return surveys.show(token);
    }

    @PostMapping
    @Operation(summary = "Answer the survey", description = "Once per link: a used link is 409, an expired one 410, a rating out of range 400. Records crm.ticket.satisfaction-rated.v1.")
    ResponseEntity<Void> answer(@PathVariable String token, @Valid @RequestBody Answer answer) {
        surveys.answer(token, answer.csat(), answer.nps(), answer.comment());
        return ResponseEntity.noContent().build();
    }

    @Schema(description = "A survey answer")
    record Answer(@Schema(example = "4", description = "customer satisfaction, 1 (very unhappy) to 5 (very happy)") @NotNull @Min(1) @Max(5) Integer csat,
                  @Schema(example = "9", description = "optional: how likely to recommend us, 0 to 10") @Min(0) @Max(10) Integer nps,
                  @Schema(example = "处理很及时，谢谢！") @Size(max = 2_000) String comment) {
    }
}
