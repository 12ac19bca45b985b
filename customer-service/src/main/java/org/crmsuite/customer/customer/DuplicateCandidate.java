package org.crmsuite.customer.customer;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** An existing customer that may be the same company as another one, with how sure we are and why. */
@Schema(description = "A possible duplicate")
public record DuplicateCandidate(UUID id, @Schema(example = "C-000123") String code, @Schema(example = "杭州云栖科技有限公司") String name,
                                 @Schema(description = "0 to 100", example = "85") int score,
                                 @Schema(example = "[\"name 92% similar\", \"same phone +8657188886666\"]") List<String> reasons) {
}
